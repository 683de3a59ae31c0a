namespace Layers;

/// <summary>
/// Keras' handling of Keras masks in losses and mean metrics (<c>apply_mask</c>): a mask becomes (part of) the
/// sample weight, so masked entries count for nothing.
/// </summary>
internal static class LossMasks
{
    /// <summary>The mask of the predictions and the mask of the loss values, combined with a logical and.</summary>
    public static Tensor? Combine(Tensor? first, Tensor? second)
    {
        if (first is null) return second;
        if (second is null) return first;
        return Ops.LogicalAnd(AsBool(first), AsBool(second));
    }

    /// <summary>
    /// Merges <paramref name="mask"/> into <paramref name="sampleWeight"/>. For the mean reductions a kept entry weighs
    /// <c>total / kept</c> (0 when nothing is kept), so dividing by the number of entries averages over the kept ones only;
    /// otherwise a kept entry weighs 1.
    /// </summary>
    public static Tensor? Apply(Tensor? sampleWeight, Tensor? mask, DType dtype, LossReduction reduction)
    {
        if (mask is null) return sampleWeight;
        var kept = AsBool(mask);
        Tensor floatMask;
        if (reduction is LossReduction.Mean or LossReduction.SumOverBatchSize)
        {
            int valid = 0;
            foreach (bool k in kept.AsReadOnlySpan<bool>()) if (k) valid++;
            double weight = valid == 0 ? 0 : (double)kept.Size / valid;
            floatMask = Ops.Where(kept, Tensor.Scalar(weight, dtype), Tensor.Scalar(0, dtype));
        }
        else
        {
            floatMask = Ops.Cast(kept, dtype);
        }
        if (sampleWeight is null) return floatMask;
        (floatMask, sampleWeight) = RankAlignment.SqueezeOrExpand(floatMask, Ops.Cast(sampleWeight, dtype));
        return Ops.Multiply(sampleWeight, floatMask);
    }

    private static Tensor AsBool(Tensor mask) => mask.DType == DType.Bool ? mask : Ops.Cast(mask, DType.Bool);
}
