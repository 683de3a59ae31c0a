using System.Text.Json.Nodes;

namespace Layers;

/// <summary>
/// Keras 3's serialized form of objects — <c>{"module", "class_name", "config", "registered_name"}</c>,
/// plus <c>"build_config"</c> for built layers — and the registries that map names back to factories.
/// </summary>
public static class Serialization
{
    static Serialization() => BuiltIns.Register();

    /// <summary>Makes sure the built-in classes are registered (running this type's static constructor once).</summary>
    internal static void EnsureBuiltIns()
    {
    }

    public static SerializableRegistry<Layer> LayerRegistry { get; } = new("layer", "keras.layers");

    public static SerializableRegistry<Initializer> InitializerRegistry { get; } = new("initializer", "keras.initializers");

    public static SerializableRegistry<Regularizer> RegularizerRegistry { get; } = new("regularizer", "keras.regularizers");

    public static SerializableRegistry<Constraint> ConstraintRegistry { get; } = new("constraint", "keras.constraints");

    public static SerializableRegistry<LearningRateSchedule> ScheduleRegistry { get; } = new("learning rate schedule", "keras.optimizers.schedules");

    public static SerializableRegistry<Optimizer> OptimizerRegistry { get; } = new("optimizer", "keras.optimizers");

    public static SerializableRegistry<Loss> LossRegistry { get; } = new("loss", "keras.losses");

    /// <summary>Serializes a layer with its <c>build_config</c> (<c>{"input_shape": [...]}</c>) when it is built.</summary>
    public static JsonObject Serialize(Layer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        // A layer that knows its registered name is looked up by it: class names alone can collide across packages.
        var entry = layer.RegisteredName is { } registered
            ? LayerRegistry.Resolve(layer.ClassName, registered, $"layer '{layer.Name}'")
            : LayerRegistry.FindByClassName(layer.ClassName);
        var json = Envelope(layer.ClassName, entry, layer.GetConfig());
        if (layer.HasBuildStep && layer.BuildInputShapes is { } shapes)
        {
            JsonNode inputShape = shapes.Count == 1
                ? Config.ShapeNode(shapes[0])
                : new JsonArray([.. shapes.Select(s => (JsonNode)Config.ShapeNode(s))]);
            json["build_config"] = new JsonObject { ["input_shape"] = inputShape };
        }
        return json;
    }

    public static JsonObject Serialize(Initializer initializer) =>
        Envelope(initializer.ClassName, InitializerRegistry.FindByClassName(initializer.ClassName), initializer.GetConfig());

    public static JsonObject Serialize(Regularizer regularizer) =>
        Envelope(regularizer.ClassName, RegularizerRegistry.FindByClassName(regularizer.ClassName), regularizer.GetConfig());

    public static JsonObject Serialize(Constraint constraint) =>
        Envelope(constraint.ClassName, ConstraintRegistry.FindByClassName(constraint.ClassName), constraint.GetConfig());

    public static JsonObject Serialize(LearningRateSchedule schedule) =>
        Envelope(schedule.ClassName, ScheduleRegistry.FindByClassName(schedule.ClassName), schedule.GetConfig());

    public static JsonObject Serialize(Optimizer optimizer) =>
        Envelope(optimizer.ClassName, OptimizerRegistry.FindByClassName(optimizer.ClassName), optimizer.GetConfig());

    public static JsonObject Serialize(Loss loss) =>
        Envelope(loss.ClassName, LossRegistry.FindByClassName(loss.ClassName), loss.GetConfig());

    public static LearningRateSchedule DeserializeSchedule(JsonNode? node, string context = "learning_rate") =>
        Create(node, ScheduleRegistry, context);

    public static Optimizer DeserializeOptimizer(JsonNode? node, string context = "optimizer") =>
        Create(node, OptimizerRegistry, context);

    public static Loss DeserializeLoss(JsonNode? node, string context = "loss") =>
        node is JsonValue value && value.TryGetValue(out string? name) ? Loss.Get(name) : Create(node, LossRegistry, context);

    /// <summary>Built-in activations serialize as their Keras name, as Keras 3 does.</summary>
    public static JsonNode Serialize(ActivationFunction activation)
    {
        ArgumentNullException.ThrowIfNull(activation);
        return JsonValue.Create(activation.Name);
    }

    /// <summary>Rebuilds a layer (without weights) from its serialized form; builds it from <c>build_config</c> when present.</summary>
    public static Layer DeserializeLayer(JsonNode? node, string context = "layer")
    {
        var (entry, config) = Open(node, LayerRegistry, context);
        var layer = entry.Factory(config);
        if (node!["build_config"] is JsonObject buildConfig && buildConfig["input_shape"] is { } inputShape)
        {
            var shapes = ReadBuildShapes(inputShape, $"{context}.build_config");
            layer.Build(shapes);
        }
        return layer;
    }

    public static Initializer DeserializeInitializer(JsonNode? node, string context = "initializer") =>
        node is JsonValue value && value.TryGetValue(out string? name)
            ? Initializers.Get(name)
            : Create(node, InitializerRegistry, context);

    public static Regularizer DeserializeRegularizer(JsonNode? node, string context = "regularizer") =>
        node is JsonValue value && value.TryGetValue(out string? name)
            ? Regularizers.Get(name)
            : Create(node, RegularizerRegistry, context);

    public static Constraint DeserializeConstraint(JsonNode? node, string context = "constraint") =>
        node is JsonValue value && value.TryGetValue(out string? name)
            ? Constraints.Get(name)
            : Create(node, ConstraintRegistry, context);

    public static ActivationFunction DeserializeActivation(JsonNode? node, string context = "activation") => node switch
    {
        null => Activations.Get("linear"),
        JsonValue value when value.TryGetValue(out string? name) => Activations.Get(name),
        JsonObject obj when obj["config"] is JsonValue inner && inner.TryGetValue(out string? wrapped) => Activations.Get(wrapped),
        JsonObject obj when obj["class_name"] is JsonValue cls && cls.TryGetValue(out string? className) => Activations.Get(className),
        _ => throw new FormatException($"{context}: an activation must be a name such as \"relu\"; found {node.ToJsonString()}."),
    };

    private static JsonObject Envelope<T>(string className, SerializableRegistry<T>.Entry? entry, Config config) where T : class => new()
    {
        ["module"] = entry?.Module,
        ["class_name"] = className,
        ["config"] = config.Json.DeepClone(),
        ["registered_name"] = entry is null ? className : entry.RegisteredName,
    };

    private static T Create<T>(JsonNode? node, SerializableRegistry<T> registry, string context) where T : class
    {
        var (entry, config) = Open(node, registry, context);
        return entry.Factory(config);
    }

    private static (SerializableRegistry<T>.Entry Entry, Config Config) Open<T>(JsonNode? node, SerializableRegistry<T> registry, string context)
        where T : class
    {
        if (node is not JsonObject obj)
            throw new FormatException($"{context}: expected a serialized {registry.Kind} object {{\"class_name\", \"config\", …}}; found {node?.ToJsonString() ?? "null"}.");
        if (obj["class_name"] is not JsonValue classNode || !classNode.TryGetValue(out string? className) || string.IsNullOrEmpty(className))
            throw new FormatException($"{context}: the serialized {registry.Kind} has no string 'class_name'.");
        string? registeredName = obj["registered_name"] is JsonValue r && r.TryGetValue(out string? rn) ? rn : null;
        var entry = registry.Resolve(className, registeredName, context);
        var config = obj["config"] switch
        {
            JsonObject c => new Config(className, c),
            null => new Config(className),
            var other => throw new FormatException($"{context}: 'config' of {className} must be an object; found {other.ToJsonString()}."),
        };
        return (entry, config);
    }

    private static Shape[] ReadBuildShapes(JsonNode inputShape, string context)
    {
        if (inputShape is not JsonArray array)
            throw new FormatException($"{context}: 'input_shape' must be a list; found {inputShape.ToJsonString()}.");
        bool nested = array.Count > 0 && array[0] is JsonArray;
        var holder = new Config(context, new JsonObject());
        if (!nested)
        {
            holder.Set("input_shape", array.DeepClone());
            return [holder.GetShape("input_shape")];
        }
        var shapes = new Shape[array.Count];
        for (int i = 0; i < shapes.Length; i++)
        {
            holder.Set("input_shape", array[i]?.DeepClone());
            shapes[i] = holder.GetShape("input_shape");
        }
        return shapes;
    }
}
