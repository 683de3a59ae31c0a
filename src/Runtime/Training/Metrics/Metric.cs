namespace Layers;

/// <summary>
/// A stateful metric (Keras' <c>Metric</c>): <c>Update</c> accumulates, <see cref="Result"/> reads the
/// current value, <see cref="Reset"/> starts over. Thread-safe; built-in metrics accumulate in float64.
/// </summary>
public abstract class Metric : ISerializable
{
    protected Metric(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
    }

    public string Name { get; }

    /// <inheritdoc/>
    public abstract string ClassName { get; }

    /// <summary>The current value as a float32 tensor (a scalar for every built-in metric with one threshold).</summary>
    public abstract Tensor Result();

    /// <summary>Forgets everything accumulated.</summary>
    public abstract void Reset();

    /// <summary>Keras' <c>get_config()</c>: <c>name</c> and <c>dtype</c>, plus each metric's arguments.</summary>
    public virtual Config GetConfig() => new Config(ClassName).Set("name", Name).Set("dtype", "float32");

    public override string ToString() => $"<{ClassName} name={Name}>";

    /// <summary>Metrics by Keras name (<c>"accuracy"</c>, <c>"mae"</c>…), so <c>Compile(..., metrics: ["accuracy"])</c> works.</summary>
    public static implicit operator Metric(string name) => Get(name);

    /// <summary>
    /// The metric a Keras identifier names, with default arguments and the identifier as its name, as Keras'
    /// <c>compile</c> does: <c>"mse"</c> is a <see cref="MeanSquaredErrorMetric"/> named <c>mse</c>, and <c>"accuracy"</c>
    /// becomes binary, categorical or sparse categorical accuracy on its first update (<see cref="ShapeResolvedAccuracy"/>).
    /// </summary>
    public static Metric Get(string name) => MetricCatalog.Get(name);

    /// <summary>Rebuilds a built-in metric from its <see cref="GetConfig"/> (the config's owner is the class name).</summary>
    public static Metric Deserialize(Config config) => MetricCatalog.FromConfig(config);
}
