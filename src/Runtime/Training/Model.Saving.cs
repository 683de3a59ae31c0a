using System.Text.Json.Nodes;

namespace Layers;

public abstract partial class Model
{
    /// <summary>The tensor group of a model archive that holds the optimizer's state.</summary>
    private const string OptimizerGroup = "optimizer";

    /// <summary>
    /// Saves the whole model to a <c>.keras</c> archive (Keras' <c>model.save</c>): its config (with Keras'
    /// <c>compile_config</c> when compiled), its weights by structural key, and the optimizer's state —
    /// iterations and slots — under <c>optimizer/</c>, so <see cref="Load"/> resumes training exactly where it
    /// stopped. The write is atomic. See docs/saving.md for the layout.
    /// </summary>
    /// <exception cref="IOException"><paramref name="overwrite"/> is false and the file exists.</exception>
    public void Save(string path, bool overwrite = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!path.EndsWith(".keras", StringComparison.Ordinal))
            throw new ArgumentException(
                $"Invalid filepath extension for saving. Please add a `.keras` extension for the model archive. Received: filepath={path}", nameof(path));
        if (!overwrite && File.Exists(path))
            throw new IOException($"Model.Save: '{path}' exists and overwrite is false.");
        var config = Serialization.Serialize(this);
        if (GetCompileConfig() is { } compileConfig) config["compile_config"] = compileConfig;
        var weights = WeightKeys.Of(this);
        var tensors = new List<KeyValuePair<string, Tensor>>(weights.Count * 3);
        foreach (var (key, variable) in weights) tensors.Add(KeyValuePair.Create(key, variable.Value));
        if (Optimizer is { } optimizer)
        {
            var keyOf = new Dictionary<Variable, string>(ReferenceEqualityComparer.Instance);
            foreach (var (key, variable) in weights) keyOf[variable] = key;
            // State for variables outside this model (an optimizer shared with another model) could not be restored into it.
            foreach (var (key, value) in optimizer.GetState(v => keyOf.GetValueOrDefault(v)))
                tensors.Add(KeyValuePair.Create($"{OptimizerGroup}/{key}", value));
        }
        ModelArchive.Save(path, config, tensors);
    }

    /// <summary>
    /// Loads a model saved by <see cref="Save"/> (Keras' <c>keras.models.load_model</c>): rebuilds it from its
    /// config, loads its weights and, when <paramref name="compile"/> and the archive has a compile config,
    /// compiles it with the saved optimizer (its current learning rate included), loss and metrics and
    /// restores the optimizer's state. Custom layers and losses must be registered first
    /// (<see cref="Serialization.LayerRegistry"/>, <see cref="Serialization.LossRegistry"/>).
    /// </summary>
    /// <exception cref="ModelArchiveFormatException">The file is not a valid archive.</exception>
    /// <exception cref="FormatException">The archive holds something other than a model, or its compile config cannot be restored.</exception>
    public static Model Load(string path, bool compile = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var archive = ModelArchive.Load(path);
        string source = Path.GetFileName(path);
        var layer = Serialization.DeserializeLayer(archive.Config, $"{source}: config.json");
        if (layer is not Model model)
            throw new FormatException(
                $"{source} holds a {layer.ClassName}, not a Model; rebuild it with Serialization.DeserializeLayer and load its weights with LoadWeights.");
        model.LoadWeights(archive.WithoutGroups(OptimizerGroup));
        if (compile && archive.Config["compile_config"] is JsonObject compileConfig)
        {
            model.CompileFromConfig(compileConfig);
            var byKey = WeightKeys.Of(model).ToDictionary(w => w.Key, w => w.Value, StringComparer.Ordinal);
            model.Optimizer!.SetState(archive.Group(OptimizerGroup), byKey);
        }
        return model;
    }

    /// <summary>
    /// What <see cref="Compile"/> was given, as Keras' <c>get_compile_config()</c>: the serialized optimizer
    /// (with its current learning rate) and loss, the metrics, and Keras' other compile arguments at their
    /// defaults. A metric that its name alone rebuilds (<c>"accuracy"</c>, <c>"mae"</c>) is written as that
    /// name, as Keras writes the strings given to <c>compile</c>; any other as its serialized config. Null
    /// before <see cref="Compile"/>.
    /// </summary>
    public JsonObject? GetCompileConfig()
    {
        if (Optimizer is not { } optimizer || Loss is not { } loss) return null;
        JsonNode? metrics = _compiledMetrics.Length == 0 ? null : new JsonArray([.. _compiledMetrics.Select(SerializeMetric)]);
        return new JsonObject
        {
            ["optimizer"] = Serialization.Serialize(optimizer),
            ["loss"] = Serialization.Serialize(loss),
            ["loss_weights"] = null,
            ["metrics"] = metrics,
            ["weighted_metrics"] = null,
            ["run_eagerly"] = false,
            ["steps_per_execution"] = 1,
            ["jit_compile"] = false,
        };
    }

    private static JsonNode SerializeMetric(Metric metric)
    {
        string config = metric.GetConfig().ToJson(indented: false);
        try
        {
            var byName = Metric.Get(metric.Name);
            if (byName.ClassName == metric.ClassName && byName.GetConfig().ToJson(indented: false) == config)
                return JsonValue.Create(metric.Name);
        }
        catch (ArgumentException)
        {
            // Not an identifier: written as a config below.
        }
        return new JsonObject
        {
            ["module"] = "keras.metrics",
            ["class_name"] = metric.ClassName,
            ["config"] = metric.GetConfig().Json.DeepClone(),
            ["registered_name"] = null,
        };
    }

    /// <summary>
    /// Compiles from a config written by <see cref="GetCompileConfig"/> (Keras' <c>compile_from_config</c>).
    /// Metrics given by name are looked up with <see cref="Metric.Get"/>, serialized ones rebuilt with
    /// <see cref="Metric.Deserialize"/>.
    /// </summary>
    /// <exception cref="FormatException">A part cannot be restored; the message names it.</exception>
    public void CompileFromConfig(JsonObject config)
    {
        ArgumentNullException.ThrowIfNull(config);
        const string context = "compile_config";
        var optimizer = config["optimizer"] is JsonValue name && name.TryGetValue(out string? identifier)
            ? Optimizer.Get(identifier)
            : Serialization.DeserializeOptimizer(config["optimizer"], $"{context}.optimizer");
        var loss = Serialization.DeserializeLoss(config["loss"], $"{context}.loss");
        var metrics = new List<Metric>();
        switch (config["metrics"])
        {
            case null:
                break;
            case JsonArray array:
                for (int i = 0; i < array.Count; i++) metrics.Add(DeserializeMetric(array[i], $"{context}.metrics[{i}]"));
                break;
            default:
                throw new FormatException($"{context}.metrics: expected a list of metrics; found {config["metrics"]!.ToJsonString()}.");
        }
        Compile(optimizer, loss, metrics);
    }

    private static Metric DeserializeMetric(JsonNode? node, string context)
    {
        try
        {
            if (node is JsonValue value && value.TryGetValue(out string? identifier)) return Metric.Get(identifier);
            if (node is JsonObject obj && obj["class_name"] is JsonValue classNode && classNode.TryGetValue(out string? className))
                return Metric.Deserialize(obj["config"] is JsonObject c ? new Config(className, (JsonObject)c.DeepClone()) : new Config(className));
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            throw new FormatException(
                $"{context}: {e.Message} Load with compile: false and compile the model yourself to use other metrics.", e);
        }
        throw new FormatException($"{context}: expected a metric name or a serialized metric; found {node?.ToJsonString() ?? "null"}.");
    }
}
