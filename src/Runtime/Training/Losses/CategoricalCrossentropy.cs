namespace Layers;

/// <summary>
/// Cross-entropy between one-hot (or soft) labels and predictions along <see cref="Axis"/> (Keras'
/// <c>losses.CategoricalCrossentropy</c>). From logits it uses log-softmax, never <c>log(softmax)</c>; from
/// probabilities each slice is normalized and clipped to [1e-7, 1 − 1e-7]. <see cref="LabelSmoothing"/> s turns labels
/// into <c>t·(1 − s) + s/classes</c>.
/// </summary>
public sealed class CategoricalCrossentropy : Loss
{
    public CategoricalCrossentropy(bool fromLogits = false, double labelSmoothing = 0.0, int axis = -1,
        LossReduction reduction = LossReduction.SumOverBatchSize, string name = "categorical_crossentropy")
        : base(name, reduction)
    {
        FromLogits = fromLogits;
        LabelSmoothing = Layers.LabelSmoothing.Check(labelSmoothing, $"CategoricalCrossentropy '{name}'");
        Axis = axis;
    }

    public bool FromLogits { get; }

    public double LabelSmoothing { get; }

    public int Axis { get; }

    public override string ClassName => "CategoricalCrossentropy";

    public override Tensor Call(Tensor yTrue, Tensor yPred) =>
        LossFunctions.CategoricalCrossentropy(yTrue, yPred, FromLogits, LabelSmoothing, Axis, Description);

    public override Config GetConfig() =>
        base.GetConfig().Set("from_logits", FromLogits).Set("label_smoothing", LabelSmoothing).Set("axis", Axis);

    internal static CategoricalCrossentropy FromConfig(Config config) => new(
        config.GetNullableBoolean("from_logits") ?? false,
        config.GetNullableDouble("label_smoothing") ?? 0.0,
        config.GetNullableInt32("axis") ?? -1,
        ReductionFromConfig(config),
        config.GetNullableString("name") ?? "categorical_crossentropy");
}
