namespace Layers;

/// <summary>How often the arg-max of the predictions equals integer labels (Keras' <c>metrics.SparseCategoricalAccuracy</c>).</summary>
public sealed class SparseCategoricalAccuracy(string name = "sparse_categorical_accuracy")
    : MeanMetricWrapper((t, p) => AccuracyFunctions.SparseCategorical(t, p, $"SparseCategoricalAccuracy '{name}'"), name)
{
    public override string ClassName => "SparseCategoricalAccuracy";

    internal static SparseCategoricalAccuracy FromConfig(Config config) =>
        new(config.GetNullableString("name") ?? "sparse_categorical_accuracy");
}
