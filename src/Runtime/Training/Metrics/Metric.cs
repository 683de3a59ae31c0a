namespace Layers;

/// <summary>
/// A stateful metric (Keras' <c>Metric</c>): <c>Update</c> accumulates, <see cref="Result"/> reads the
/// current value, <see cref="Reset"/> starts over. Thread-safe.
/// </summary>
public abstract class Metric
{
    protected Metric(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
    }

    public string Name { get; }

    /// <summary>The current value as a float32 scalar.</summary>
    public abstract Tensor Result();

    /// <summary>Forgets everything accumulated.</summary>
    public abstract void Reset();

    public override string ToString() => $"<{GetType().Name} name={Name}>";

    /// <summary>Metrics by Keras name (<c>"accuracy"</c>, <c>"mae"</c>…), so <c>Compile(..., metrics: ["accuracy"])</c> works.</summary>
    public static implicit operator Metric(string name) => Get(name);

    /// <summary>The metric a Keras identifier names, with default arguments.</summary>
    public static Metric Get(string name) => MetricCatalog.Get(name);
}
