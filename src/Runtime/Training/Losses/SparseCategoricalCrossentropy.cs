namespace Layers;

/// <summary>
/// Cross-entropy between integer class ids and predictions (Keras' <c>losses.SparseCategoricalCrossentropy</c>).
/// Labels have the predictions' shape without the class axis, or with it of size 1; int32, int64, or floats holding
/// whole numbers. From logits — the training hot path — the loss and its reduction run as one fused kernel whose
/// backward pass is <c>(softmax − onehot)/N</c>. Labels equal to <see cref="IgnoreClass"/> contribute nothing, and the
/// mean reductions average over the other labels.
/// </summary>
public sealed class SparseCategoricalCrossentropy(bool fromLogits = false, int? ignoreClass = null,
    LossReduction reduction = LossReduction.SumOverBatchSize, int axis = -1, string name = "sparse_categorical_crossentropy")
    : Loss(name, reduction)
{
    public bool FromLogits { get; } = fromLogits;

    public int? IgnoreClass { get; } = ignoreClass;

    public int Axis { get; } = axis;

    public override string ClassName => "SparseCategoricalCrossentropy";

    public override Tensor Call(Tensor yTrue, Tensor yPred) =>
        LossFunctions.SparseCategoricalCrossentropy(yTrue, yPred, FromLogits, IgnoreClass, Axis, Description);

    /// <summary>From logits, the sum or mean over the (not ignored) labels as one fused op.</summary>
    protected override Tensor? ComputeReduced(Tensor yTrue, Tensor yPred)
    {
        if (!FromLogits) return null;
        var (targets, logits) = SparseTargets.Prepare(yTrue, LossFunctions.Floating(yPred), Axis, IgnoreClass, Description);
        // An empty batch keeps Keras' answer of the general path: the empty per-sample values themselves.
        if (targets.Ids.Length == 0) return null;
        double scale = Reduction == LossReduction.Sum ? 1 : targets.Valid == 0 ? 0 : 1.0 / targets.Valid;
        return Ops.SparseSoftmaxCrossEntropyTotal(targets, logits, scale);
    }

    public override Config GetConfig() =>
        base.GetConfig().Set("from_logits", FromLogits).Set("ignore_class", IgnoreClass).Set("axis", Axis);

    internal static SparseCategoricalCrossentropy FromConfig(Config config) => new(
        config.GetNullableBoolean("from_logits") ?? false,
        config.GetNullableInt32("ignore_class"),
        ReductionFromConfig(config),
        config.GetNullableInt32("axis") ?? -1,
        config.GetNullableString("name") ?? "sparse_categorical_crossentropy");
}
