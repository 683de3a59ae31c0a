using System.Text;

namespace Layers;

/// <summary>
/// Matches the weights a source offers (key → dtype and shape) against a layer tree before anything is
/// assigned: builds the unbuilt layers the source recorded shapes for, computes the expected keys, and
/// reports every difference at once. Only a plan without differences can assign, so loading is
/// all-or-nothing like <see cref="Layer.SetWeights"/>.
/// </summary>
internal sealed class WeightLoadPlan
{
    /// <summary>Keys listed per category in an error message; the exception's properties hold all of them.</summary>
    private const int MaxListed = 20;

    private readonly List<KeyValuePair<string, Variable>> _expected;

    private WeightLoadPlan(List<KeyValuePair<string, Variable>> expected) => _expected = expected;

    /// <param name="found">What the source holds.</param>
    /// <param name="recordedShapes">Input shapes recorded at save time, by layer path.</param>
    /// <param name="dataBytes">
    /// The size of the source's tensor data. A recorded feature dimension larger than this is not used to
    /// build: weights grow with their layer's feature dimensions, so such a shape cannot be honest for
    /// most layers, and building with it could allocate gigabytes on the word of a small file.
    /// </param>
    /// <param name="source">The file name, for messages.</param>
    public static WeightLoadPlan Create(Layer root, IReadOnlyDictionary<string, (DType DType, Shape Shape)> found,
        IReadOnlyDictionary<string, Shape[]> recordedShapes, long dataBytes, string? source)
    {
        ArgumentNullException.ThrowIfNull(root);
        var keys = found.Keys.Order(StringComparer.Ordinal).ToArray();
        var nodes = LayerTree.Walk(root, node => BuildFromRecord(node, keys, recordedShapes, dataBytes, source));
        var expected = WeightKeys.Of(nodes);
        var expectedKeys = new HashSet<string>(expected.Select(w => w.Key), StringComparer.Ordinal);

        var unbuilt = new List<(LayerTree.Node Node, string[] Keys)>();
        var explained = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            if (node.Layer.Built) continue;
            // Keys under an unbuilt layer are not "unexpected": they are explained by the missing build. An
            // unbuilt parent comes first (pre-order) and explains its unbuilt children's keys too.
            var under = KeysUnder(keys, node.Path).Where(k => !expectedKeys.Contains(k) && !explained.Contains(k)).ToArray();
            if (under.Length == 0) continue;
            explained.UnionWith(under);
            unbuilt.Add((node, under));
        }
        var missing = expected.Where(w => !found.ContainsKey(w.Key)).Select(w => w.Key).ToList();
        var unexpected = keys.Where(k => !expectedKeys.Contains(k) && !explained.Contains(k)).ToList();
        var mismatched = new List<string>();
        var mismatchLines = new List<string>();
        foreach (var (key, variable) in expected)
        {
            if (!found.TryGetValue(key, out var actual)) continue;
            if (actual.Shape == variable.Shape && actual.DType == variable.DType) continue;
            mismatched.Add(key);
            mismatchLines.Add(
                $"'{key}': the layer has shape {variable.Shape} {variable.DType.Name()}, the source has {actual.Shape} {actual.DType.Name()}");
        }

        if (missing.Count + unexpected.Count + mismatched.Count + unbuilt.Count > 0)
        {
            var message = new StringBuilder($"Cannot load weights into layer '{root.Name}' ({root.ClassName})");
            if (source is not null) message.Append($" from '{source}'");
            message.Append(':');
            AppendUnbuilt(message, unbuilt, recordedShapes);
            AppendList(message, "missing from the source", missing.Select(k => $"'{k}'").ToList());
            AppendList(message, "in the source but not in the layer", unexpected.Select(k => $"'{k}'").ToList());
            AppendList(message, "shape or dtype differs", mismatchLines);
            AppendRootHint(message, expected, keys, expectedKeys);
            message.Append("\nNo weight was changed.");
            throw new WeightsMismatchException(message.ToString(), missing, unexpected, mismatched,
                [.. unbuilt.Select(u => u.Node.Path)]);
        }
        return new WeightLoadPlan(expected);
    }

    /// <summary>Copies each value into its weight. Every key, shape and dtype has been checked, so no copy can fail halfway.</summary>
    public void Assign(IReadOnlyDictionary<string, Tensor> values)
    {
        foreach (var (key, variable) in _expected) variable.Assign(values[key]);
    }

    private static void BuildFromRecord(LayerTree.Node node, string[] keys, IReadOnlyDictionary<string, Shape[]> recordedShapes,
        long dataBytes, string? source)
    {
        var (path, layer) = node;
        if (layer.Built || !recordedShapes.TryGetValue(path, out var shapes) || !KeysUnder(keys, path).Any()) return;
        if (!IsPlausible(shapes, dataBytes)) return;
        try
        {
            layer.Build(shapes);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or NotSupportedException)
        {
            throw new WeightsMismatchException(
                $"Layer '{layer.Name}' ({layer.ClassName}) at '{path}' is not built, and building it for the input shape(s) " +
                $"{string.Join(", ", shapes)} recorded in {(source is null ? "the source" : $"'{source}'")} failed: {e.Message} " +
                "No weight was changed.", e);
        }
    }

    /// <summary>
    /// A plausibility bound, not a proof: every feature dimension at most the data size. The batch
    /// dimension (the first, when there are others) is exempt — weights do not grow with it, and a shape
    /// recorded from a first call holds that call's batch size, which may well exceed a small model.
    /// </summary>
    private static bool IsPlausible(Shape[] shapes, long dataBytes)
    {
        foreach (var shape in shapes)
        {
            var dims = shape.Dims;
            for (int i = dims.Length > 1 ? 1 : 0; i < dims.Length; i++)
                if (dims[i] > dataBytes) return false;
        }
        return true;
    }

    /// <summary>The keys of <paramref name="sortedKeys"/> that lie under <paramref name="path"/>, found by binary search.</summary>
    private static IEnumerable<string> KeysUnder(string[] sortedKeys, string path)
    {
        string prefix = path + "/";
        int index = Array.BinarySearch(sortedKeys, prefix, StringComparer.Ordinal);
        if (index < 0) index = ~index;
        for (int i = index; i < sortedKeys.Length && sortedKeys[i].StartsWith(prefix, StringComparison.Ordinal); i++)
            yield return sortedKeys[i];
    }

    private static void AppendUnbuilt(StringBuilder message, List<(LayerTree.Node Node, string[] Keys)> unbuilt,
        IReadOnlyDictionary<string, Shape[]> recordedShapes)
    {
        foreach (var ((path, layer), keys) in unbuilt.Take(MaxListed))
        {
            message.Append($"\n  layer '{layer.Name}' ({layer.ClassName}) at '{path}' is not built, so its weights do not exist yet, ")
                .Append($"but the source has {keys.Length} weight{(keys.Length == 1 ? "" : "s")} for it ({Listed(keys.Select(k => $"'{k}'").ToList())}). ");
            if (recordedShapes.TryGetValue(path, out var shapes))
                message.Append($"The source records input shape(s) {string.Join(", ", shapes)} for it, too large to trust from a file of this size. ");
            message.Append("Build it first — layer.Build(inputShape) — or call the model once on data, then load the weights.");
        }
        if (unbuilt.Count > MaxListed) message.Append($"\n  … and {unbuilt.Count - MaxListed} more unbuilt layers.");
    }

    private static void AppendList(StringBuilder message, string title, List<string> items)
    {
        if (items.Count == 0) return;
        message.Append($"\n  {title} ({items.Count}): {Listed(items)}");
    }

    private static string Listed(List<string> items) =>
        items.Count <= MaxListed
            ? string.Join(", ", items)
            : string.Join(", ", items.Take(MaxListed)) + $", … and {items.Count - MaxListed} more";

    /// <summary>When nothing matches and the roots differ, the likeliest cause is a file saved from another model class.</summary>
    private static void AppendRootHint(StringBuilder message, List<KeyValuePair<string, Variable>> expected, string[] keys,
        HashSet<string> expectedKeys)
    {
        if (expected.Count == 0 || keys.Length == 0 || keys.Any(expectedKeys.Contains)) return;
        string ours = RootOf(expected[0].Key);
        var theirs = keys.Select(RootOf).Distinct(StringComparer.Ordinal).ToList();
        if (theirs.Count == 1 && theirs[0] != ours)
            message.Append($"\nNo key matches: the source's keys start with '{theirs[0]}/' and this layer's with '{ours}/', " +
                "so the source was probably saved from a different kind of layer.");
    }

    private static string RootOf(string key)
    {
        int slash = key.IndexOf('/');
        return slash < 0 ? key : key[..slash];
    }
}
