namespace Layers;

/// <summary>
/// The layers of a tree with their structural paths: the root's snake_case class name, then for each
/// sublayer the snake_case of its class, numbered among its siblings (<c>mlp_block/linear</c>,
/// <c>mlp_block/linear_1</c>). Paths come from the structure, not from layer names, because names are
/// made unique by a process-wide counter: a second instance of the same model gets <c>linear_3</c>, and
/// its weights must still load. Keras 3 addresses container members the same way, for the same reason.
/// </summary>
internal static class LayerTree
{
    /// <summary>One layer and where it sits.</summary>
    public readonly record struct Node(string Path, Layer Layer);

    /// <summary>
    /// Every layer once, at the first path that reaches it, parents before children, children in
    /// tracking order. <paramref name="beforeChildren"/> runs on each layer before its sublayers are
    /// listed, so it may build the layer (which can create sublayers).
    /// </summary>
    public static List<Node> Walk(Layer root, Action<Node>? beforeChildren = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        var nodes = new List<Node>();
        var visited = new HashSet<Layer>(ReferenceEqualityComparer.Instance);
        Visit(new Node(ClassSegment(root), root), nodes, visited, beforeChildren);
        return nodes;
    }

    private static void Visit(Node node, List<Node> nodes, HashSet<Layer> visited, Action<Node>? beforeChildren)
    {
        if (!visited.Add(node.Layer)) return;
        beforeChildren?.Invoke(node);
        nodes.Add(node);
        var used = new HashSet<string>(StringComparer.Ordinal);
        var counters = new Dictionary<string, int>(StringComparer.Ordinal);
        // Every child takes a segment, even one already visited elsewhere, so a later sibling's path
        // does not depend on whether an earlier one is shared.
        foreach (var child in node.Layer.Layers)
        {
            string segment = SiblingSegment(ClassSegment(child), used, counters);
            Visit(new Node(node.Path + "/" + segment, child), nodes, visited, beforeChildren);
        }
    }

    private static string ClassSegment(Layer layer)
    {
        string segment = Naming.ToSnakeCase(layer.ClassName);
        return segment.Length == 0 ? "layer" : segment;
    }

    /// <summary><c>linear</c>, then <c>linear_1</c>, <c>linear_2</c>…, skipping any a sibling already holds (a class named <c>Linear_1</c>).</summary>
    private static string SiblingSegment(string baseName, HashSet<string> used, Dictionary<string, int> counters)
    {
        counters.TryGetValue(baseName, out int count);
        string segment = count == 0 ? baseName : $"{baseName}_{count}";
        while (!used.Add(segment))
        {
            count++;
            segment = $"{baseName}_{count}";
        }
        counters[baseName] = count + 1;
        return segment;
    }
}
