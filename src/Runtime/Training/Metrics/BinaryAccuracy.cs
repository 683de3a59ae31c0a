namespace Layers;

/// <summary>How often <c>y_pred &gt; threshold</c> matches binary labels (Keras' <c>metrics.BinaryAccuracy</c>).</summary>
public sealed class BinaryAccuracy(string name = "binary_accuracy", double threshold = 0.5)
    : MeanMetricWrapper((t, p) => AccuracyFunctions.Binary(t, p, threshold, $"BinaryAccuracy '{name}'"), name)
{
    public double Threshold { get; } = threshold;

    public override string ClassName => "BinaryAccuracy";

    public override Config GetConfig() => base.GetConfig().Set("threshold", Threshold);

    internal static BinaryAccuracy FromConfig(Config config) =>
        new(config.GetNullableString("name") ?? "binary_accuracy", config.GetNullableDouble("threshold") ?? 0.5);
}
