namespace Layers;

/// <summary>
/// The keys weights are saved under: a structural path computed from the layer tree at save and load
/// time — the root's snake_case class name, each sublayer's snake_case class name numbered among its
/// siblings, then the weight's name (<c>mlp_block/linear_1/w</c>). Any two instances of the same model
/// class, and a model rebuilt from its config, produce the same keys, so weights load by key and the
/// order in a file never matters. A layer or weight reached twice is keyed once, at its first path.
/// </summary>
public static class WeightKeys
{
    /// <summary>Every weight of <paramref name="root"/>'s tree with its key, in <see cref="Layer.Weights"/> order.</summary>
    /// <exception cref="InvalidOperationException">Two weights of one layer share a name, so their keys would collide.</exception>
    public static IReadOnlyList<KeyValuePair<string, Variable>> Of(Layer root) => Of(LayerTree.Walk(root));

    internal static List<KeyValuePair<string, Variable>> Of(List<LayerTree.Node> nodes)
    {
        var keyed = new List<KeyValuePair<string, Variable>>();
        var seen = new HashSet<Variable>(ReferenceEqualityComparer.Instance);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, layer) in nodes)
        {
            foreach (var weight in layer.OwnWeights())
            {
                if (!seen.Add(weight)) continue;
                string key = path + "/" + weight.Name;
                if (!keys.Add(key))
                    throw new InvalidOperationException(
                        $"Layer '{layer.Name}' has two weights named '{weight.Name}', so both would be saved under '{key}'. " +
                        "Give its weights distinct names (AddWeight(name: …)).");
                keyed.Add(KeyValuePair.Create(key, weight));
            }
        }
        return keyed;
    }
}
