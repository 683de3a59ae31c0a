using System.Text.Json.Nodes;

namespace Layers;

/// <summary>
/// A layer's dtype policy (Keras' <c>DTypePolicy</c>): the dtype of its variables and the dtype it
/// computes in. <c>float32</c> is the default; <c>float64</c> is available per layer or globally
/// through <see cref="Global"/>. Strings and <see cref="DType"/> values convert implicitly.
/// </summary>
public sealed class DTypePolicy : IEquatable<DTypePolicy>
{
    private static DTypePolicy s_global = new("float32");

    public DTypePolicy(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        VariableDType = name switch
        {
            "float32" => DType.Float32,
            "float64" => DType.Float64,
            _ => throw new ArgumentException(
                $"Unknown dtype policy '{name}'. Known policies: float32, float64 (mixed precision is not supported yet).", nameof(name)),
        };
        Name = name;
    }

    public string Name { get; }

    /// <summary>The dtype of the layer's weights.</summary>
    public DType VariableDType { get; }

    /// <summary>The dtype float inputs are cast to before <c>Call</c>.</summary>
    public DType ComputeDType => VariableDType;

    /// <summary>The policy of layers created without an explicit dtype (Keras' <c>set_dtype_policy</c>).</summary>
    public static DTypePolicy Global
    {
        get => s_global;
        set => s_global = value ?? throw new ArgumentNullException(nameof(value));
    }

    public static implicit operator DTypePolicy(string name) => new(name);

    public static implicit operator DTypePolicy(DType dtype) => dtype.IsFloating()
        ? new DTypePolicy(dtype.Name())
        : throw new ArgumentException($"A layer's dtype policy must be floating point; got {dtype.Name()}.", nameof(dtype));

    /// <summary>Keras 3's serialized form: <c>{"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"}, "registered_name": null}</c>.</summary>
    public JsonObject ToJson() => new()
    {
        ["module"] = "keras",
        ["class_name"] = "DTypePolicy",
        ["config"] = new JsonObject { ["name"] = Name },
        ["registered_name"] = null,
    };

    /// <summary>Reads a policy written as a string (<c>"float32"</c>) or as Keras 3's object form.</summary>
    public static DTypePolicy FromJson(JsonNode? node, string owner)
    {
        switch (node)
        {
            case null:
                return Global;
            case JsonValue value when value.TryGetValue(out string? name):
                return new DTypePolicy(name);
            case JsonObject obj when obj["config"] is JsonObject config && config["name"] is JsonValue nameNode && nameNode.TryGetValue(out string? policyName):
                return new DTypePolicy(policyName);
            default:
                throw new FormatException($"{owner} config: key 'dtype' should be a dtype policy name or a DTypePolicy object; found {node.ToJsonString()}.");
        }
    }

    public bool Equals(DTypePolicy? other) => other is not null && other.Name == Name;

    public override bool Equals(object? obj) => Equals(obj as DTypePolicy);

    public override int GetHashCode() => Name.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => $"<DTypePolicy \"{Name}\">";
}
