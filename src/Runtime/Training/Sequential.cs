using System.Text.Json.Nodes;

namespace Layers;

/// <summary>
/// A plain stack of layers, each taking the previous one's output (Keras' <c>Sequential</c>). Starts
/// with an <see cref="InputLayer"/> to be built at once (so <c>Summary()</c> shows shapes before any data),
/// or is built from the first batch.
/// </summary>
public sealed class Sequential : Model
{
    private readonly List<Layer> _stack = [];

    internal static void Register() => Serialization.LayerRegistry.RegisterBuiltIn("Sequential", "keras", FromConfig);

    public Sequential(IEnumerable<Layer>? layers = null, string? name = null, bool trainable = true)
        : base(name, trainable: trainable)
    {
        foreach (var layer in layers ?? []) Add(layer);
    }

    public override string ClassName => "Sequential";

    /// <summary>The layers in order, without the input layer (as Keras' <c>model.layers</c>).</summary>
    public new IReadOnlyList<Layer> Layers => [.. _stack.Where(l => l is not global::Layers.InputLayer)];

    /// <summary>The input layer, if the model starts with one.</summary>
    public InputLayer? InputLayer => _stack.Count > 0 ? _stack[0] as global::Layers.InputLayer : null;

    /// <summary>Appends a layer. If the input shape is known, the model is rebuilt right away.</summary>
    public void Add(Layer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        if (layer is global::Layers.InputLayer && _stack.Count > 0)
            throw new ArgumentException($"Sequential '{Name}': an InputLayer can only be the first layer; the model already has {_stack.Count}.", nameof(layer));
        if (_stack.Any(l => l.Name == layer.Name))
            throw new ArgumentException(
                $"Sequential '{Name}': all layers must have unique names; '{layer.Name}' is already in the model. Give the new layer another name.", nameof(layer));
        MarkUnbuilt();
        _stack.Add(TrackLayer(layer));
        BuildIfShapeKnown();
    }

    /// <summary>Removes the last layer and returns it.</summary>
    public Layer Pop()
    {
        if (Layers.Count == 0)
            throw new InvalidOperationException($"Sequential '{Name}' has no layers to pop.");
        var layer = _stack[^1];
        _stack.RemoveAt(_stack.Count - 1);
        MarkUnbuilt();
        UntrackLayer(layer);
        BuildIfShapeKnown();
        return layer;
    }

    private void BuildIfShapeKnown()
    {
        if (InputLayer is { } input) Build(input.BatchShape);
    }

    /// <summary>Builds each layer in turn, passing shapes along with <see cref="Layer.ComputeOutputShape(Shape)"/>; layers after one that cannot report its output shape are built on the first call.</summary>
    protected override void OnBuild(Shape inputShape)
    {
        var shape = inputShape;
        foreach (var layer in _stack)
        {
            layer.Build(shape);
            try
            {
                shape = layer.ComputeOutputShape(shape);
            }
            catch (NotSupportedException)
            {
                return;
            }
        }
    }

    protected override Tensor Call(Tensor inputs)
    {
        if (_stack.Count == 0)
            throw new InvalidOperationException($"Sequential '{Name}' has no layers; Add some before calling it.");
        var x = inputs;
        foreach (var layer in _stack)
            if (layer is not global::Layers.InputLayer) x = layer.Apply(x);
        return x;
    }

    public override Shape ComputeOutputShape(Shape inputShape)
    {
        var shape = inputShape;
        foreach (var layer in _stack) shape = layer.ComputeOutputShape(shape);
        return shape;
    }

    /// <summary>Keras 3's Sequential config: base keys, <c>layers</c> (each serialized, the input layer first) and <c>build_input_shape</c>.</summary>
    public override Config GetConfig()
    {
        var config = base.GetConfig();
        config.Set("layers", new JsonArray([.. _stack.Select(l => (JsonNode)Serialization.Serialize(l))]));
        if (BuildInputShapes is { } shapes) config.Set("build_input_shape", shapes[0]);
        return config;
    }

    public static Sequential FromConfig(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.GetNode("layers") is not JsonArray layerNodes)
            throw new FormatException($"{config.Owner} config: 'layers' must be a list of serialized layers.");
        var layers = new List<Layer>();
        for (int i = 0; i < layerNodes.Count; i++)
            layers.Add(Serialization.DeserializeLayer(layerNodes[i], $"{config.Owner}.layers[{i}]"));
        return FromConfigCore(config, () =>
        {
            var model = new Sequential(layers);
            if (model.InputLayer is null && config.GetNullableShape("build_input_shape") is { } shape) model.Build(shape);
            return model;
        });
    }
}
