using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace Layers;

/// <summary>JSON entries of a model archive: written indented, read strictly (one object, bounded depth, no duplicated keys).</summary>
internal static class ArchiveJson
{
    private const int MaxDepth = 64;

    public static byte[] Write(JsonObject json)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
            json.WriteTo(writer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Parses an object, refusing duplicated keys: which of two values a reader keeps is unspecified, so
    /// a file with both could mean different things to different tools.
    /// </summary>
    public static JsonObject Parse(byte[] utf8, string entry, string? source)
    {
        // The JSON reader checks UTF-8 only when a string is decoded, and then throws InvalidOperationException.
        if (!Utf8.IsValid(utf8))
            throw new ModelArchiveFormatException("the entry is not valid UTF-8.", source, entry);
        var options = new JsonDocumentOptions { MaxDepth = MaxDepth };
        try
        {
            using (var document = JsonDocument.Parse(utf8, options))
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                    throw new ModelArchiveFormatException($"the entry must hold a JSON object; found {document.RootElement.ValueKind}.", source, entry);
                if (FindDuplicateKey(document.RootElement) is { } duplicate)
                    throw new ModelArchiveFormatException($"the key '{duplicate}' appears twice in one object.", source, entry);
            }
            return JsonNode.Parse(utf8, documentOptions: options)!.AsObject();
        }
        catch (JsonException e)
        {
            throw new ModelArchiveFormatException($"the entry is not valid JSON: {e.Message}", source, entry, e);
        }
    }

    /// <summary>Walks the document with an explicit stack (depth is bounded by the parser, but no recursion is needed).</summary>
    private static string? FindDuplicateKey(JsonElement root)
    {
        var pending = new Stack<JsonElement>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var element = pending.Pop();
            if (element.ValueKind == JsonValueKind.Object)
            {
                var names = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    if (!names.Add(property.Name)) return property.Name;
                    pending.Push(property.Value);
                }
            }
            else if (element.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in element.EnumerateArray()) pending.Push(item);
            }
        }
        return null;
    }
}
