namespace Layers;

/// <summary>
/// Built-in metrics by Keras identifier (for <see cref="Metric.Get"/>) and by class name (for <see cref="Metric.Deserialize"/>).
/// </summary>
internal static class MetricCatalog
{
    private static readonly Dictionary<string, Func<string, Metric>> s_identifiers = new(StringComparer.Ordinal);
    private static readonly Dictionary<string, Func<Config, Metric>> s_classes = new(StringComparer.Ordinal);
    private static readonly Lock s_lock = new();

    /// <summary>Registers a factory for identifiers; it receives the identifier used, which names the metric (as in Keras' <c>compile</c>).</summary>
    public static void Register(Func<string, Metric> factory, params string[] identifiers)
    {
        lock (s_lock)
            foreach (var identifier in identifiers) s_identifiers[identifier] = factory;
    }

    /// <summary>Registers a factory for identifiers that ignores which one was used.</summary>
    public static void Register(Func<Metric> factory, params string[] identifiers) => Register(_ => factory(), identifiers);

    /// <summary>Registers how a class is rebuilt from its config.</summary>
    public static void RegisterClass(string className, Func<Config, Metric> fromConfig)
    {
        lock (s_lock) s_classes[className] = fromConfig;
    }

    public static Metric Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        EnsureBuiltIns();
        Func<string, Metric>? factory;
        lock (s_lock)
        {
            if (!s_identifiers.TryGetValue(name, out factory))
                throw new ArgumentException(
                    $"Unknown metric '{name}'. Known metrics: {string.Join(", ", s_identifiers.Keys.Order(StringComparer.Ordinal))}.", nameof(name));
        }
        return factory(name);
    }

    public static Metric FromConfig(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        EnsureBuiltIns();
        Func<Config, Metric>? factory;
        lock (s_lock)
        {
            if (!s_classes.TryGetValue(config.Owner, out factory))
                throw new FormatException(
                    $"Unknown metric class '{config.Owner}'. Known metric classes: {string.Join(", ", s_classes.Keys.Order(StringComparer.Ordinal))}.");
        }
        return factory(config);
    }

    /// <summary>
    /// Built-ins register from <see cref="Serialization"/>'s static constructor; touching it (outside our lock, so a
    /// thread running that constructor can still register) makes sure they are in before the first lookup.
    /// </summary>
    private static void EnsureBuiltIns() => _ = Serialization.LossRegistry;
}
