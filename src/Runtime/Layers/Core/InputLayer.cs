namespace Layers;

/// <summary>
/// The entry point of a model (Keras' <c>InputLayer</c> / <c>keras.Input</c>): declares the shape of one
/// sample (<c>shape</c>) or of a batch (<c>batch_shape</c>) and passes its input through. A
/// <see cref="Sequential"/> whose first layer is an input layer builds every layer at once.
/// Written by hand because its config differs from its constructor (Keras writes only
/// <c>batch_shape</c>, a string <c>dtype</c>, <c>sparse</c>, <c>ragged</c>, <c>name</c> and <c>optional</c>).
/// </summary>
public sealed class InputLayer : Layer
{
    internal static void Register() =>
        Serialization.LayerRegistry.RegisterBuiltIn("InputLayer", FromConfig);

    /// <param name="shape">The shape of one sample, without the batch dimension.</param>
    /// <param name="batchSize">A fixed batch size, or null for any.</param>
    /// <param name="batchShape">The full shape including the batch dimension; instead of <paramref name="shape"/>.</param>
    public InputLayer(Shape? shape = null, int? batchSize = null, DType dtype = DType.Float32, Shape? batchShape = null,
        string? name = null, bool sparse = false, bool ragged = false, bool optional = false)
        : base(name, dtype.IsFloating() ? dtype : DTypePolicy.Global, autocast: false)
    {
        if (shape is not null && batchShape is not null)
            throw new ArgumentException("InputLayer: pass either shape or batch_shape, not both.");
        if (shape is null && batchShape is null)
            throw new ArgumentException("InputLayer: a shape (one sample) or a batch_shape is required, e.g. new InputLayer(shape: new Shape(784)).");
        if (sparse || ragged)
            throw new NotSupportedException("InputLayer: sparse and ragged inputs are not supported.");
        if (batchSize is < 1)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "InputLayer: batch_size must be positive.");
        BatchShape = batchShape ?? shape!.Value.Prepend(batchSize ?? Shape.Unknown);
        InputDType = dtype;
        Optional = optional;
        Build(BatchShape);
    }

    /// <summary>The declared batch shape (<c>(None, 784)</c>).</summary>
    public Shape BatchShape { get; }

    /// <summary>The dtype inputs are declared with (any dtype; labels may be integers).</summary>
    public DType InputDType { get; }

    public bool Optional { get; }

    public override string ClassName => "InputLayer";

    protected override Tensor Call(Tensor inputs) => inputs;

    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    /// <summary>Keras 3's InputLayer config: <c>batch_shape</c>, <c>dtype</c>, <c>sparse</c>, <c>ragged</c>, <c>name</c>, <c>optional</c>.</summary>
    public override Config GetConfig() => new Config(ClassName)
        .Set("batch_shape", BatchShape)
        .Set("dtype", InputDType.Name())
        .Set("sparse", false)
        .Set("ragged", false)
        .Set("name", Name)
        .Set("optional", Optional);

    public static InputLayer FromConfig(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var batchShape = config.GetNullableShape("batch_shape") ?? config.GetShape("batch_input_shape");
        var dtypeName = config.GetNullableString("dtype") ?? "float32";
        if (!DTypes.TryParse(dtypeName, out var dtype))
            throw new FormatException($"{config.Owner} config: key 'dtype' is '{dtypeName}', which is not a known dtype.");
        return new InputLayer(batchShape: batchShape, dtype: dtype, name: config.GetNullableString("name"),
            sparse: config.GetNullableBoolean("sparse") ?? false, ragged: config.GetNullableBoolean("ragged") ?? false,
            optional: config.GetNullableBoolean("optional") ?? false);
    }
}
