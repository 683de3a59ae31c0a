namespace Layers;

/// <summary>How often the arg-max of the predictions matches that of one-hot labels (Keras' <c>metrics.CategoricalAccuracy</c>).</summary>
public sealed class CategoricalAccuracy(string name = "categorical_accuracy")
    : MeanMetricWrapper((t, p) => AccuracyFunctions.Categorical(t, p, $"CategoricalAccuracy '{name}'"), name)
{
    public override string ClassName => "CategoricalAccuracy";

    internal static CategoricalAccuracy FromConfig(Config config) => new(config.GetNullableString("name") ?? "categorical_accuracy");
}
