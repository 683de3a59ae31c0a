using System.Text.Json;
using System.Text.Json.Nodes;

namespace Layers;

/// <summary>
/// The input shapes of every built layer, stored in a weights file's metadata as JSON
/// (<c>{"mlp_block/linear": [[2, 64]], …}</c>) under <see cref="Key"/>, so that loading into an unbuilt
/// copy of the model can build it first instead of failing (the pain of keras#18823). Read as hostile:
/// it comes from the file.
/// </summary>
internal static class BuildShapesMetadata
{
    public const string Key = "layers.build_shapes";

    public static string Encode(List<LayerTree.Node> nodes)
    {
        var json = new JsonObject();
        foreach (var (path, layer) in nodes)
        {
            if (layer.BuildInputShapes is not { } shapes) continue;
            json[path] = new JsonArray([.. shapes.Select(shape => (JsonNode)Config.ShapeNode(shape))]);
        }
        return json.ToJsonString();
    }

    /// <returns>Recorded shapes by layer path; empty when the metadata has none.</returns>
    public static Dictionary<string, Shape[]> Decode(IReadOnlyDictionary<string, string> metadata, string? source)
    {
        var recorded = new Dictionary<string, Shape[]>(StringComparer.Ordinal);
        if (!metadata.TryGetValue(Key, out var text)) return recorded;
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 8 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw Invalid("it must be a JSON object of layer paths", source);
            foreach (var layer in document.RootElement.EnumerateObject())
            {
                if (!recorded.TryAdd(layer.Name, ReadShapes(layer.Name, layer.Value, source)))
                    throw Invalid($"layer path '{layer.Name}' appears twice", source);
            }
        }
        catch (JsonException e)
        {
            throw new SafeTensorsFormatException($"metadata '{Key}' is not valid JSON: {e.Message}", Key, null, source, e);
        }
        return recorded;
    }

    private static Shape[] ReadShapes(string path, JsonElement value, string? source)
    {
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0)
            throw Invalid($"the shapes of '{path}' must be a non-empty list of shapes", source);
        var shapes = new Shape[value.GetArrayLength()];
        int i = 0;
        foreach (var shape in value.EnumerateArray())
            shapes[i++] = ReadShape(path, shape, source);
        return shapes;
    }

    private static Shape ReadShape(string path, JsonElement shape, string? source)
    {
        if (shape.ValueKind != JsonValueKind.Array || shape.GetArrayLength() > SafeTensorsLayout.MaxRank)
            throw Invalid($"a shape of '{path}' must be a list of at most {SafeTensorsLayout.MaxRank} dimensions", source);
        var dims = new int[shape.GetArrayLength()];
        int i = 0;
        foreach (var dim in shape.EnumerateArray())
        {
            if (dim.ValueKind == JsonValueKind.Null) dims[i++] = Shape.Unknown;
            else if (dim.ValueKind == JsonValueKind.Number && dim.TryGetInt32(out int value) && value >= 0) dims[i++] = value;
            else throw Invalid($"a dimension of '{path}' must be a non-negative integer or null; found {dim.GetRawText()}", source);
        }
        return Shape.FromOwned(dims);
    }

    private static SafeTensorsFormatException Invalid(string problem, string? source) =>
        new($"metadata '{Key}' is malformed: {problem}.", Key, null, source);
}
