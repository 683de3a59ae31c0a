namespace Layers;

/// <summary>
/// A layer tree's weights as a safetensors file: tensors keyed by <see cref="WeightKeys"/>, plus
/// metadata naming the format and recording the input shapes of built layers.
/// </summary>
internal static class WeightsFile
{
    public const string FormatKey = "format";
    public const string FormatValue = "layers";

    public static void Save(Layer root, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var nodes = LayerTree.Walk(root);
        var weights = WeightKeys.Of(nodes);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [FormatKey] = FormatValue,
            [BuildShapesMetadata.Key] = BuildShapesMetadata.Encode(nodes),
        };
        SafeTensors.Save(path, weights.Select(w => KeyValuePair.Create(w.Key, w.Value.Value)), metadata);
    }

    public static void Load(Layer root, string path)
    {
        ArgumentNullException.ThrowIfNull(root);
        using var reader = SafeTensorsReader.Open(path);
        string source = Path.GetFileName(path);
        var found = reader.Entries.ToDictionary(e => e.Key, e => (e.DType, e.Shape), StringComparer.Ordinal);
        var recorded = BuildShapesMetadata.Decode(reader.Metadata, source);
        long dataBytes = reader.Entries.Count == 0 ? 0 : reader.Entries[^1].End;
        var plan = WeightLoadPlan.Create(root, found, recorded, dataBytes, source);
        // Everything is read before anything is assigned: a read error (a truncated file, a bad BOOL byte)
        // must not leave half the weights loaded.
        plan.Assign(reader.ReadAll());
    }

    public static void Load(Layer root, IReadOnlyDictionary<string, Tensor> weights)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(weights);
        var found = new Dictionary<string, (DType, Shape)>(weights.Count, StringComparer.Ordinal);
        foreach (var (key, tensor) in weights)
        {
            if (tensor is null) throw new ArgumentException($"The tensor for key '{key}' is null.", nameof(weights));
            found.Add(key, (tensor.DType, tensor.Shape));
        }
        var plan = WeightLoadPlan.Create(root, found, new Dictionary<string, Shape[]>(), dataBytes: 0, source: null);
        plan.Assign(weights);
    }
}
