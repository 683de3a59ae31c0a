namespace Layers;

/// <summary>Mean of squared errors over the last axis (Keras' <c>losses.MeanSquaredError</c>, identifier <c>"mse"</c>).</summary>
public sealed class MeanSquaredError(LossReduction reduction = LossReduction.SumOverBatchSize, string name = "mean_squared_error")
    : Loss(name, reduction)
{
    public override string ClassName => "MeanSquaredError";

    public override Tensor Call(Tensor yTrue, Tensor yPred) => LossFunctions.MeanSquaredError(yTrue, yPred, Description);

    internal static MeanSquaredError FromConfig(Config config) =>
        new(ReductionFromConfig(config), config.GetNullableString("name") ?? "mean_squared_error");
}
