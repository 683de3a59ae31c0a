namespace Layers;

/// <summary>
/// The name and dtype a layer deserialized from a config must be constructed with. Generated
/// <c>FromConfig</c> methods set it just before calling the constructor, and the base constructor of
/// the instance whose exact type matches takes it — so a layer restored from a config gets its saved
/// name without advancing the name counter, even when its constructor has no <c>name</c> parameter.
/// </summary>
internal sealed record PendingIdentity(Type LayerType, string? Name, DTypePolicy? DType)
{
    [ThreadStatic] private static PendingIdentity? t_pending;

    public static Scope Set(Type layerType, string? name, DTypePolicy? dtype)
    {
        var previous = t_pending;
        t_pending = new PendingIdentity(layerType, name, dtype);
        return new Scope(previous);
    }

    /// <summary>The pending identity if it is meant for <paramref name="layer"/>'s exact type; it is consumed.</summary>
    public static PendingIdentity? TakeFor(Layer layer)
    {
        var pending = t_pending;
        if (pending is null || pending.LayerType != layer.GetType()) return null;
        t_pending = null;
        return pending;
    }

    public readonly struct Scope(PendingIdentity? previous) : IDisposable
    {
        public void Dispose() => t_pending = previous;
    }
}
