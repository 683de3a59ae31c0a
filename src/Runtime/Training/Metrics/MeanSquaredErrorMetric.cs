namespace Layers;

/// <summary>
/// The mean of squared errors (Keras' <c>metrics.MeanSquaredError</c>, identifier <c>"mse"</c>). Named
/// <c>…Metric</c> in C# because <see cref="MeanSquaredError"/> is the loss in the same namespace, as
/// <c>keras.losses.MeanSquaredError</c> is; <see cref="ClassName"/> is Keras' <c>MeanSquaredError</c>.
/// </summary>
public sealed class MeanSquaredErrorMetric(string name = "mean_squared_error")
    : MeanMetricWrapper((t, p) => LossFunctions.MeanSquaredError(t, p, $"MeanSquaredError '{name}'"), name)
{
    public override string ClassName => "MeanSquaredError";

    internal static MeanSquaredErrorMetric FromConfig(Config config) => new(config.GetNullableString("name") ?? "mean_squared_error");
}
