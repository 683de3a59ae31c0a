namespace Layers;

/// <summary>Built-in metrics by Keras identifier.</summary>
internal static class MetricCatalog
{
    private static readonly Dictionary<string, Func<Metric>> s_factories = new(StringComparer.Ordinal);
    private static readonly Lock s_lock = new();

    static MetricCatalog() => Serialization.EnsureBuiltIns();

    /// <summary>Registers a factory for an identifier (and its aliases).</summary>
    public static void Register(Func<Metric> factory, params string[] names)
    {
        lock (s_lock)
            foreach (var name in names) s_factories[name] = factory;
    }

    public static Metric Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (s_lock)
        {
            if (s_factories.TryGetValue(name, out var factory)) return factory();
            throw new ArgumentException(
                $"Unknown metric '{name}'. Known metrics: {string.Join(", ", s_factories.Keys.Order(StringComparer.Ordinal))}.", nameof(name));
        }
    }
}
