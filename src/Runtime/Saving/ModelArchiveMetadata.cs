using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Layers;

/// <summary>
/// The <c>metadata.json</c> of a model archive (Keras' <c>keras_version</c> / <c>date_saved</c> role):
/// the archive format version, the library and version that wrote it, when, and any string entries
/// the caller added.
/// </summary>
public sealed class ModelArchiveMetadata
{
    /// <summary>The archive layout this library writes and the newest it reads.</summary>
    public const int CurrentFormatVersion = 1;

    public const string FormatVersionKey = "format_version";
    public const string LibraryKey = "library";
    public const string LibraryVersionKey = "library_version";
    public const string DateSavedKey = "date_saved";

    private static readonly string[] s_reserved = [FormatVersionKey, LibraryKey, LibraryVersionKey, DateSavedKey];

    private ModelArchiveMetadata(int formatVersion, IReadOnlyDictionary<string, string> values)
    {
        FormatVersion = formatVersion;
        Values = values;
    }

    public int FormatVersion { get; }

    /// <summary>Every string entry, the library's and the caller's.</summary>
    public IReadOnlyDictionary<string, string> Values { get; }

    public string? Library => Values.GetValueOrDefault(LibraryKey);

    public string? LibraryVersion => Values.GetValueOrDefault(LibraryVersionKey);

    /// <summary>UTC, ISO 8601 (<c>2025-01-31T12:00:00Z</c>).</summary>
    public string? DateSaved => Values.GetValueOrDefault(DateSavedKey);

    internal static JsonObject Create(IReadOnlyDictionary<string, string>? extra, DateTimeOffset saved)
    {
        var json = new JsonObject
        {
            [FormatVersionKey] = CurrentFormatVersion,
            [LibraryKey] = LibraryInfo.Name,
            [LibraryVersionKey] = LibraryInfo.Version,
            [DateSavedKey] = saved.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        };
        if (extra is null) return json;
        foreach (var (key, value) in extra.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            ArgumentNullException.ThrowIfNull(key, "metadata key");
            if (s_reserved.Contains(key))
                throw new ArgumentException($"Metadata key '{key}' is written by the library; reserved keys are {string.Join(", ", s_reserved)}.", nameof(extra));
            json[key] = value ?? throw new ArgumentException($"Metadata value for '{key}' is null; metadata values are strings.", nameof(extra));
        }
        return json;
    }

    internal static ModelArchiveMetadata Parse(JsonObject json, string? source, string entry)
    {
        int? version = null;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, node) in json)
        {
            if (key == FormatVersionKey)
            {
                if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number || !v.TryGetValue(out int parsed) || parsed < 1)
                    throw new ModelArchiveFormatException($"'{FormatVersionKey}' must be a positive integer; found {node?.ToJsonString() ?? "null"}.", source, entry);
                version = parsed;
            }
            else if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String)
            {
                values[key] = value.GetValue<string>();
            }
            else
            {
                throw new ModelArchiveFormatException($"the value of '{key}' must be a string; found {Describe(node)}.", source, entry);
            }
        }
        if (version is not { } formatVersion)
            throw new ModelArchiveFormatException($"'{FormatVersionKey}' is missing.", source, entry);
        if (formatVersion > CurrentFormatVersion)
            throw new ModelArchiveFormatException(
                $"the archive has format version {formatVersion}, written by {values.GetValueOrDefault(LibraryKey, "?")} " +
                $"{values.GetValueOrDefault(LibraryVersionKey, "?")}; this library ({LibraryInfo.Name} {LibraryInfo.Version}) reads format " +
                $"versions up to {CurrentFormatVersion}. Upgrade {LibraryInfo.Name} to load it.", source, entry);
        return new ModelArchiveMetadata(formatVersion, values);
    }

    private static string Describe(JsonNode? node)
    {
        if (node is null) return "null";
        string text = node.ToJsonString();
        return text.Length > 60 ? text[..57] + "..." : text;
    }
}
