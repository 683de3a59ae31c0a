namespace Layers;

/// <summary>
/// What a layer call passes down to the calls it makes, per thread (Keras' <c>CallContext</c>):
/// the resolved <c>training</c> flag, the call depth (0 outside any call — the outermost call
/// clears losses) and the stack of layers being called or built, whose names prefix the paths of
/// weights created meanwhile. Saved and restored around every call, also when <c>Call</c> throws.
/// </summary>
internal static class CallContext
{
    [ThreadStatic] private static int t_depth;
    [ThreadStatic] private static bool? t_training;
    [ThreadStatic] private static List<Layer>? t_scope;

    public static int Depth => t_depth;

    /// <summary>The training flag set by an enclosing call, or null when there is none.</summary>
    public static bool? Training => t_training;

    /// <summary>Enters a call of <paramref name="layer"/>; dispose the result to leave it.</summary>
    public static Frame Enter(Layer layer, bool training)
    {
        var frame = new Frame(t_depth, t_training);
        t_depth = frame.Depth + 1;
        t_training = training;
        (t_scope ??= []).Add(layer);
        return frame;
    }

    /// <summary>Enters only the name scope of <paramref name="layer"/> (building outside a call).</summary>
    public static Frame EnterScope(Layer layer)
    {
        var frame = new Frame(t_depth, t_training);
        (t_scope ??= []).Add(layer);
        return frame;
    }

    /// <summary>The names of the layers being called, outermost first, joined by '/' (<c>mlp_block/linear</c>); null outside any.</summary>
    public static string? ScopePath()
    {
        var scope = t_scope;
        if (scope is null || scope.Count == 0) return null;
        return string.Join('/', scope.Select(layer => layer.Name));
    }

    /// <summary>The context outside a call; restores it when disposed.</summary>
    public readonly struct Frame(int depth, bool? training) : IDisposable
    {
        public int Depth { get; } = depth;
        public bool? Training { get; } = training;

        public void Dispose()
        {
            t_depth = Depth;
            t_training = Training;
            t_scope!.RemoveAt(t_scope.Count - 1);
        }
    }
}
