namespace Layers;

/// <summary>
/// Binary cross-entropy averaged over <see cref="Axis"/> (Keras' <c>losses.BinaryCrossentropy</c>). With
/// <see cref="FromLogits"/> it is computed from logits in the log-sigmoid form, exact for logits of any size; otherwise
/// the probabilities are clipped to [1e-7, 1 − 1e-7]. <see cref="LabelSmoothing"/> moves labels towards 0.5.
/// </summary>
public sealed class BinaryCrossentropy : Loss
{
    public BinaryCrossentropy(bool fromLogits = false, double labelSmoothing = 0.0, int axis = -1,
        LossReduction reduction = LossReduction.SumOverBatchSize, string name = "binary_crossentropy")
        : base(name, reduction)
    {
        FromLogits = fromLogits;
        LabelSmoothing = Layers.LabelSmoothing.Check(labelSmoothing, $"BinaryCrossentropy '{name}'");
        Axis = axis;
    }

    public bool FromLogits { get; }

    public double LabelSmoothing { get; }

    public int Axis { get; }

    public override string ClassName => "BinaryCrossentropy";

    public override Tensor Call(Tensor yTrue, Tensor yPred) =>
        LossFunctions.BinaryCrossentropy(yTrue, yPred, FromLogits, LabelSmoothing, Axis, Description);

    public override Config GetConfig() =>
        base.GetConfig().Set("from_logits", FromLogits).Set("label_smoothing", LabelSmoothing).Set("axis", Axis);

    internal static BinaryCrossentropy FromConfig(Config config) => new(
        config.GetNullableBoolean("from_logits") ?? false,
        config.GetNullableDouble("label_smoothing") ?? 0.0,
        config.GetNullableInt32("axis") ?? -1,
        ReductionFromConfig(config),
        config.GetNullableString("name") ?? "binary_crossentropy");
}
