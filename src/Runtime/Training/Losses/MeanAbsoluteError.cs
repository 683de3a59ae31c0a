namespace Layers;

/// <summary>Mean of absolute errors over the last axis (Keras' <c>losses.MeanAbsoluteError</c>, identifier <c>"mae"</c>).</summary>
public sealed class MeanAbsoluteError(LossReduction reduction = LossReduction.SumOverBatchSize, string name = "mean_absolute_error")
    : Loss(name, reduction)
{
    public override string ClassName => "MeanAbsoluteError";

    public override Tensor Call(Tensor yTrue, Tensor yPred) => LossFunctions.MeanAbsoluteError(yTrue, yPred, Description);

    internal static MeanAbsoluteError FromConfig(Config config) =>
        new(ReductionFromConfig(config), config.GetNullableString("name") ?? "mean_absolute_error");
}
