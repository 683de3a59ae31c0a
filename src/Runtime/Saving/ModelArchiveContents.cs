using System.Text.Json.Nodes;

namespace Layers;

/// <summary>What a model archive holds: the serialized model, its metadata, and its tensors by key.</summary>
public sealed class ModelArchiveContents
{
    internal ModelArchiveContents(JsonObject config, ModelArchiveMetadata metadata, IReadOnlyDictionary<string, Tensor> tensors)
    {
        Config = config;
        Metadata = metadata;
        Tensors = tensors;
    }

    /// <summary>The Keras 3 serialized model (<c>config.json</c>), for <see cref="Serialization.DeserializeLayer"/>.</summary>
    public JsonObject Config { get; }

    public ModelArchiveMetadata Metadata { get; }

    /// <summary>Every tensor of <c>model.safetensors</c>: weights by <see cref="WeightKeys"/> path, plus any groups (<c>optimizer/…</c>).</summary>
    public IReadOnlyDictionary<string, Tensor> Tensors { get; }

    /// <summary>The tensors whose keys start with <c><paramref name="group"/>/</c>, with that prefix removed (<c>optimizer/…</c>).</summary>
    public IReadOnlyDictionary<string, Tensor> Group(string group)
    {
        ArgumentException.ThrowIfNullOrEmpty(group);
        string prefix = group + "/";
        return Tensors
            .Where(pair => pair.Key.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(pair => pair.Key[prefix.Length..], pair => pair.Value, StringComparer.Ordinal);
    }

    /// <summary>The tensors outside the named groups, keys unchanged: the model's weights when the groups are its extras.</summary>
    public IReadOnlyDictionary<string, Tensor> WithoutGroups(params string[] groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var prefixes = groups.Select(g => g + "/").ToArray();
        return Tensors
            .Where(pair => !prefixes.Any(p => pair.Key.StartsWith(p, StringComparison.Ordinal)))
            .ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
    }
}
