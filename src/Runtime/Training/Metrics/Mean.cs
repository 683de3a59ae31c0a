namespace Layers;

/// <summary>
/// The weighted mean of the values seen (Keras' <c>metrics.Mean</c>), accumulated in float64. As in Keras, each
/// update first averages every sample over its axes after the first, so the count is the number of samples (or the
/// sum of their weights).
/// </summary>
public class Mean(string name = "mean") : Metric(name)
{
    private readonly MeanState _state = new();

    public override string ClassName => "Mean";

    /// <summary>Adds <paramref name="values"/>, weighted by <paramref name="sampleWeight"/> (aligned and broadcast as Keras does) or 1.</summary>
    public void Update(Tensor values, Tensor? sampleWeight = null)
    {
        var (total, count) = SamplewiseMean.Of(values, sampleWeight, $"Mean '{Name}'");
        _state.Add(total, count);
    }

    public override Tensor Result() => _state.Result();

    public override void Reset() => _state.Reset();

    internal static Mean FromConfig(Config config) => new(config.GetNullableString("name") ?? "mean");
}
