namespace Layers;

/// <summary>
/// The mean of absolute errors (Keras' <c>metrics.MeanAbsoluteError</c>, identifier <c>"mae"</c>). Named
/// <c>…Metric</c> in C# because <see cref="MeanAbsoluteError"/> is the loss in the same namespace;
/// <see cref="ClassName"/> is Keras' <c>MeanAbsoluteError</c>.
/// </summary>
public sealed class MeanAbsoluteErrorMetric(string name = "mean_absolute_error")
    : MeanMetricWrapper((t, p) => LossFunctions.MeanAbsoluteError(t, p, $"MeanAbsoluteError '{name}'"), name)
{
    public override string ClassName => "MeanAbsoluteError";

    internal static MeanAbsoluteErrorMetric FromConfig(Config config) => new(config.GetNullableString("name") ?? "mean_absolute_error");
}
