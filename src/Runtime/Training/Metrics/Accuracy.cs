namespace Layers;

/// <summary>How often predictions equal labels exactly (Keras' <c>metrics.Accuracy</c>).</summary>
public sealed class Accuracy(string name = "accuracy")
    : MeanMetricWrapper((t, p) => AccuracyFunctions.Accuracy(t, p, $"Accuracy '{name}'"), name)
{
    public override string ClassName => "Accuracy";

    internal static Accuracy FromConfig(Config config) => new(config.GetNullableString("name") ?? "accuracy");
}
