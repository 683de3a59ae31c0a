namespace Layers;

/// <summary>
/// A process-wide counter bumped whenever any layer's structure changes (a weight or sublayer is
/// added, a layer is built, trainability changes). Layers cache their weight lists against it: a
/// layer does not know its parents, so a change deep in a tree must invalidate every cache above it.
/// </summary>
internal static class StateVersion
{
    private static int s_version;

    public static int Current => Volatile.Read(ref s_version);

    public static void Bump() => Interlocked.Increment(ref s_version);
}
