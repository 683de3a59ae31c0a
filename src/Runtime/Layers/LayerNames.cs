namespace Layers;

/// <summary>
/// Process-wide unique names, as Keras' <c>uniquify</c>: the first object of a prefix gets the bare
/// prefix (<c>dense</c>), later ones a counter suffix (<c>dense_1</c>, <c>dense_2</c>). Explicit names
/// never advance a counter.
/// </summary>
public static class LayerNames
{
    private static readonly Dictionary<string, int> s_counters = new(StringComparer.Ordinal);
    private static readonly Lock s_lock = new();

    /// <summary>The next unique name for <paramref name="prefix"/> (already snake_case).</summary>
    public static string Uniquify(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        lock (s_lock)
        {
            s_counters.TryGetValue(prefix, out int count);
            s_counters[prefix] = count + 1;
            return count == 0 ? prefix : $"{prefix}_{count}";
        }
    }

    /// <summary>The next unique name derived from a class name (<c>MyCustomLayer2D</c> → <c>my_custom_layer2d</c>).</summary>
    public static string AutoName(string className) => Uniquify(Naming.ToSnakeCase(className));

    /// <summary>Forgets every counter (Keras' <c>clear_session</c>), so names start over at the bare prefix.</summary>
    public static void Reset()
    {
        lock (s_lock) s_counters.Clear();
    }

    /// <summary>Throws unless <paramref name="name"/> is usable as a layer name.</summary>
    internal static void Validate(string name, string what)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0)
            throw new ArgumentException($"{what} name cannot be empty.", nameof(name));
        if (name.Contains('/'))
            throw new ArgumentException(
                $"{what} name '{name}' contains '/', which separates the parts of a weight path. Use another character, such as '_'.",
                nameof(name));
    }
}
