using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Layers;

/// <summary>
/// The configuration of a serializable object (Keras' <c>get_config()</c> dict): an ordered JSON object
/// of snake_case keys. Typed getters name the owner and the key in every error, because configs come
/// from files and files are hostile. Built on <see cref="JsonObject"/>, so no reflection-based
/// serializer is involved.
/// </summary>
public sealed partial class Config
{
    private readonly JsonObject _json;

    /// <param name="owner">What the config describes, for error messages (<c>Dense</c>, <c>GlorotUniform</c>).</param>
    public Config(string owner) : this(owner, [])
    {
    }

    public Config(string owner, JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(json);
        Owner = owner;
        _json = json;
    }

    /// <summary>The class this config describes, used in error messages.</summary>
    public string Owner { get; }

    /// <summary>The underlying JSON object.</summary>
    public JsonObject Json => _json;

    public IEnumerable<string> Keys => _json.Select(pair => pair.Key);

    public bool ContainsKey(string key) => _json.ContainsKey(key);

    /// <summary>Parses a JSON object; malformed text or a non-object is an error naming <paramref name="owner"/>.</summary>
    public static Config Parse(string owner, string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            throw new FormatException($"{owner} config is not valid JSON: {e.Message}", e);
        }
        return node is JsonObject obj
            ? new Config(owner, obj)
            : throw new FormatException($"{owner} config must be a JSON object; got {Describe(node)}.");
    }

    public string ToJson(bool indented = true) => _json.ToJsonString(new JsonSerializerOptions { WriteIndented = indented });

    public override string ToString() => ToJson();

    // ---- writing -------------------------------------------------------------------------------

    /// <summary>Sets a raw JSON value (null writes JSON <c>null</c>).</summary>
    public Config Set(string key, JsonNode? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        _json[key] = value;
        return this;
    }

    public Config Set(string key, bool value) => Set(key, JsonValue.Create(value));
    public Config Set(string key, bool? value) => Set(key, value is { } v ? JsonValue.Create(v) : null);
    public Config Set(string key, int value) => Set(key, JsonValue.Create(value));
    public Config Set(string key, int? value) => Set(key, value is { } v ? JsonValue.Create(v) : null);
    public Config Set(string key, long value) => Set(key, JsonValue.Create(value));
    public Config Set(string key, long? value) => Set(key, value is { } v ? JsonValue.Create(v) : null);
    public Config Set(string key, float value) => Set(key, FloatNode(value));
    public Config Set(string key, float? value) => Set(key, value is { } v ? FloatNode(v) : null);
    public Config Set(string key, double value) => Set(key, DoubleNode(value));
    public Config Set(string key, double? value) => Set(key, value is { } v ? DoubleNode(v) : null);
    public Config Set(string key, string? value) => Set(key, value is null ? null : JsonValue.Create(value));

    /// <summary>A shape as a JSON list, unknown dimensions as <c>null</c> (Keras' <c>[null, 3]</c>).</summary>
    public Config Set(string key, Shape? value) => Set(key, value is { } shape ? ShapeNode(shape) : null);

    public Config Set(string key, int[]? value) => Set(key, value is null ? null : new JsonArray([.. value.Select(v => (JsonNode)JsonValue.Create(v))]));

    public Config Set(string key, Config? value) => Set(key, value?._json.DeepClone());

    /// <summary>An enum as its snake_case name, as Keras writes string options (<c>"valid"</c>, <c>"channels_last"</c>).</summary>
    public Config SetEnum<TEnum>(string key, TEnum value) where TEnum : struct, Enum =>
        Set(key, Naming.ToSnakeCase(value.ToString()));

    public Config SetEnum<TEnum>(string key, TEnum? value) where TEnum : struct, Enum =>
        value is { } v ? SetEnum(key, v) : Set(key, (JsonNode?)null);

    // ---- reading -------------------------------------------------------------------------------

    /// <summary>The raw value, or null when absent or JSON null.</summary>
    public JsonNode? GetNode(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _json.TryGetPropertyValue(key, out var node) ? node : null;
    }

    public bool IsNullOrMissing(string key) => GetNode(key) is null;

    public bool GetBoolean(string key) => Required(key, GetNullableBoolean(key));

    public bool? GetNullableBoolean(string key) => Scalar<bool>(key, "a boolean", JsonValueKind.True, JsonValueKind.False);

    public int GetInt32(string key) => Required(key, GetNullableInt32(key));

    public int? GetNullableInt32(string key)
    {
        var value = GetNullableInt64(key);
        if (value is null) return null;
        if (value < int.MinValue || value > int.MaxValue)
            throw Invalid(key, $"an integer in the int32 range", GetNode(key));
        return (int)value;
    }

    public long GetInt64(string key) => Required(key, GetNullableInt64(key));

    public long? GetNullableInt64(string key)
    {
        var node = GetNode(key);
        if (node is null) return null;
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.Number)
        {
            if (value.TryGetValue(out long l)) return l;
            if (value.TryGetValue(out int i)) return i;
            if (value.TryGetValue(out double d) && d == Math.Floor(d) && Math.Abs(d) < 9e15) return (long)d;
        }
        throw Invalid(key, "an integer", node);
    }

    public double GetDouble(string key) => Required(key, GetNullableDouble(key));

    public double? GetNullableDouble(string key)
    {
        var node = GetNode(key);
        if (node is null) return null;
        if (node is JsonValue value)
        {
            if (value.GetValueKind() == JsonValueKind.Number && value.TryGetValue(out double d)) return d;
            if (value.TryGetValue(out float f)) return f;
            if (value.TryGetValue(out long l)) return l;
            if (value.TryGetValue(out int i)) return i;
            if (value.TryGetValue(out string? s) && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out d)
                && (double.IsNaN(d) || double.IsInfinity(d)))
                return d;
        }
        throw Invalid(key, "a number", node);
    }

    public float GetSingle(string key) => (float)GetDouble(key);

    public float? GetNullableSingle(string key) => GetNullableDouble(key) is { } d ? (float)d : null;

    public string GetString(string key) => Required(key, GetNullableString(key));

    public string? GetNullableString(string key)
    {
        var node = GetNode(key);
        if (node is null) return null;
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.TryGetValue(out string? s)) return s;
        throw Invalid(key, "a string", node);
    }

    public Shape GetShape(string key) => Required(key, GetNullableShape(key));

    public Shape? GetNullableShape(string key)
    {
        var node = GetNode(key);
        if (node is null) return null;
        if (node is not JsonArray array)
            throw Invalid(key, "a list of dimensions", node);
        var dims = new int[array.Count];
        for (int i = 0; i < dims.Length; i++)
        {
            var item = array[i];
            if (item is null)
            {
                dims[i] = Shape.Unknown;
                continue;
            }
            if (item is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out int dim) && dim >= 0)
                dims[i] = dim;
            else
                throw Invalid(key, $"a list of dimensions (non-negative integers or null) but item {i} is {Describe(item)}", node);
        }
        return new Shape(dims);
    }

    public int[] GetInt32Array(string key) => Required(key, GetNullableInt32Array(key));

    public int[]? GetNullableInt32Array(string key)
    {
        var node = GetNode(key);
        if (node is null) return null;
        if (node is JsonValue single && single.GetValueKind() == JsonValueKind.Number && single.TryGetValue(out int one))
            return [one];
        if (node is not JsonArray array)
            throw Invalid(key, "a list of integers", node);
        var values = new int[array.Count];
        for (int i = 0; i < values.Length; i++)
        {
            if (array[i] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out int value))
                values[i] = value;
            else
                throw Invalid(key, $"a list of integers but item {i} is {Describe(array[i])}", node);
        }
        return values;
    }

    public Config GetConfig(string key) => Required(key, GetNullableConfig(key));

    public Config? GetNullableConfig(string key)
    {
        var node = GetNode(key);
        if (node is null) return null;
        return node is JsonObject obj ? new Config($"{Owner}.{key}", obj) : throw Invalid(key, "an object", node);
    }

    public TEnum GetEnum<TEnum>(string key) where TEnum : struct, Enum => Required(key, GetNullableEnum<TEnum>(key));

    public TEnum? GetNullableEnum<TEnum>(string key) where TEnum : struct, Enum
    {
        var text = GetNullableString(key);
        if (text is null) return null;
        foreach (var candidate in Enum.GetValues<TEnum>())
            if (Naming.ToSnakeCase(candidate.ToString()) == text || candidate.ToString() == text)
                return candidate;
        var known = string.Join(", ", Enum.GetValues<TEnum>().Select(v => $"\"{Naming.ToSnakeCase(v.ToString())}\""));
        throw new FormatException($"{Owner} config: key '{key}' is \"{text}\", which is not one of {known}.");
    }

    // ---- helpers -------------------------------------------------------------------------------

    private T? Scalar<T>(string key, string expected, params JsonValueKind[] kinds) where T : struct
    {
        var node = GetNode(key);
        if (node is null) return null;
        if (node is JsonValue value && kinds.Contains(value.GetValueKind()) && value.TryGetValue(out T result)) return result;
        throw Invalid(key, expected, node);
    }

    private T Required<T>(string key, T? value) where T : struct =>
        value ?? throw Missing(key);

    private T Required<T>(string key, T? value) where T : class =>
        value ?? throw Missing(key);

    private FormatException Missing(string key) => new(
        ContainsKey(key)
            ? $"{Owner} config: key '{key}' is null but a value is required."
            : $"{Owner} config: required key '{key}' is missing. Keys present: {string.Join(", ", Keys)}.");

    /// <summary>An error saying key <paramref name="key"/> should be <paramref name="expected"/>.</summary>
    public FormatException Invalid(string key, string expected, JsonNode? found) =>
        new($"{Owner} config: key '{key}' should be {expected}; found {Describe(found)}.");

    private static string Describe(JsonNode? node)
    {
        if (node is null) return "null";
        string text = node.ToJsonString();
        return text.Length > 80 ? text[..77] + "..." : text;
    }

    internal static JsonArray ShapeNode(Shape shape) =>
        new([.. shape.Dims.ToArray().Select(d => d == Shape.Unknown ? null : (JsonNode)JsonValue.Create(d))]);

    /// <summary>Non-finite floats are written as the strings Python's json module would accept back ("NaN", "Infinity").</summary>
    private static JsonNode FloatNode(float value) =>
        float.IsFinite(value) ? JsonValue.Create(value) : JsonValue.Create(NonFinite(value));

    private static JsonNode DoubleNode(double value) =>
        double.IsFinite(value) ? JsonValue.Create(value) : JsonValue.Create(NonFinite(value));

    private static string NonFinite(double value) =>
        double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";
}
