using System.Text.Json.Nodes;

namespace Layers;

// Typed access to the values generated GetConfig/FromConfig methods write and read besides scalars:
// serializable objects (initializers, regularizers, constraints, activations, nested layers) and lists.
// Keeping them here lets generated code stay one readable call per constructor argument.
public sealed partial class Config
{
    public Config Set(string key, Initializer? value) => Set(key, value is null ? null : Serialization.Serialize(value));

    public Config Set(string key, Regularizer? value) => Set(key, value is null ? null : Serialization.Serialize(value));

    public Config Set(string key, Constraint? value) => Set(key, value is null ? null : Serialization.Serialize(value));

    /// <summary>An activation as its Keras name (<c>"relu"</c>).</summary>
    public Config Set(string key, ActivationFunction? value) => Set(key, value is null ? null : Serialization.Serialize(value));

    /// <summary>A nested layer in its serialized form, with its <c>build_config</c> when it is built.</summary>
    public Config Set(string key, Layer? value) => Set(key, value is null ? null : Serialization.Serialize(value));

    /// <summary>A list, each item written by <paramref name="write"/> as it would be written under a key of its own.</summary>
    public Config SetList<T>(string key, IEnumerable<T>? values, Action<Config, string, T> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (values is null) return Set(key, (JsonNode?)null);
        var array = new JsonArray();
        var holder = new Config(Owner);
        foreach (var value in values)
        {
            write(holder, key, value);
            var node = holder._json[key];
            holder._json.Remove(key);
            array.Add(node);
        }
        return Set(key, array);
    }

    public Initializer GetInitializer(string key) => Required(key, GetNullableInitializer(key));

    public Initializer? GetNullableInitializer(string key) =>
        GetNode(key) is { } node ? Serialization.DeserializeInitializer(node, Context(key)) : null;

    public Regularizer GetRegularizer(string key) => Required(key, GetNullableRegularizer(key));

    public Regularizer? GetNullableRegularizer(string key) =>
        GetNode(key) is { } node ? Serialization.DeserializeRegularizer(node, Context(key)) : null;

    public Constraint GetConstraint(string key) => Required(key, GetNullableConstraint(key));

    public Constraint? GetNullableConstraint(string key) =>
        GetNode(key) is { } node ? Serialization.DeserializeConstraint(node, Context(key)) : null;

    /// <summary>The activation under <paramref name="key"/>; a missing or null value is <c>linear</c>, as in Keras.</summary>
    public ActivationFunction GetActivation(string key) => Serialization.DeserializeActivation(GetNode(key), Context(key));

    public ActivationFunction? GetNullableActivation(string key) =>
        GetNode(key) is { } node ? Serialization.DeserializeActivation(node, Context(key)) : null;

    /// <summary>A nested layer, rebuilt from its serialized form; it must be a <typeparamref name="TLayer"/>.</summary>
    public TLayer GetLayer<TLayer>(string key) where TLayer : Layer => Required(key, GetNullableLayer<TLayer>(key));

    public TLayer? GetNullableLayer<TLayer>(string key) where TLayer : Layer
    {
        var node = GetNode(key);
        if (node is null) return null;
        var layer = Serialization.DeserializeLayer(node, Context(key));
        return layer as TLayer ?? throw new FormatException(
            $"{Owner} config: key '{key}' holds a {layer.ClassName} layer, but a {typeof(TLayer).Name} is required.");
    }

    /// <summary>A list, each item read by <paramref name="read"/> from a config holding it under a key of its own (<c>units[2]</c>), so errors name the item.</summary>
    public T[] GetList<T>(string key, Func<Config, string, T> read) => Required(key, GetNullableList(key, read));

    public T[]? GetNullableList<T>(string key, Func<Config, string, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var node = GetNode(key);
        if (node is null) return null;
        if (node is not JsonArray array) throw Invalid(key, "a list", node);
        var items = new T[array.Count];
        for (int i = 0; i < items.Length; i++)
        {
            string itemKey = $"{key}[{i}]";
            var holder = new Config(Owner, new JsonObject { [itemKey] = array[i]?.DeepClone() });
            items[i] = read(holder, itemKey);
        }
        return items;
    }

    private string Context(string key) => $"{Owner}.{key}";
}
