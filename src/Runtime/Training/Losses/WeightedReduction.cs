namespace Layers;

/// <summary>
/// Keras' <c>reduce_weighted_values</c>: per-sample loss values, a mask and sample weights in, the reduced loss out.
/// </summary>
internal static class WeightedReduction
{
    /// <summary>
    /// Merges <paramref name="mask"/> into the weights, aligns the weights' rank with the values (squeezing or expanding a
    /// trailing 1, otherwise broadcasting), multiplies, and reduces: <c>none</c> returns the weighted values, <c>sum</c> their
    /// sum, <c>sum_over_batch_size</c>/<c>mean</c> the sum over the number of weighted values, <c>mean_with_sample_weight</c>
    /// the sum over the sum of the weights. Divisions by zero give 0.
    /// </summary>
    /// <param name="owner">The loss, for messages.</param>
    public static Tensor Reduce(Tensor values, Tensor? sampleWeight, Tensor? mask, LossReduction reduction, string owner)
    {
        var weights = LossMasks.Apply(sampleWeight is null ? null : Ops.Cast(sampleWeight, values.DType), mask, values.DType, reduction);
        if (weights is not null)
        {
            var (aligned, alignedWeights) = RankAlignment.SqueezeOrExpand(values, weights);
            if (!RankAlignment.Broadcastable(aligned.Shape, alignedWeights.Shape))
                throw new ArgumentException(
                    $"{owner}: sample_weight of shape {sampleWeight?.Shape ?? weights.Shape} does not broadcast against the per-sample losses of shape {values.Shape}. " +
                    $"Expected weights of shape {values.Shape}, a prefix of it with trailing 1s (e.g. {WithTrailingOnes(values.Shape)}), or a scalar.");
            values = Ops.Multiply(aligned, alignedWeights);
            weights = alignedWeights;
        }
        return ReduceValues(values, weights, reduction);
    }

    private static Shape WithTrailingOnes(Shape shape)
    {
        if (shape.Rank == 0) return shape;
        var dims = shape.ToArray();
        for (int i = 1; i < dims.Length; i++) dims[i] = 1;
        return new Shape(dims);
    }

    private static Tensor ReduceValues(Tensor values, Tensor? weights, LossReduction reduction)
    {
        if (reduction == LossReduction.None || values.Rank == 0 || (values.Rank == 1 && values.Size == 0)) return values;
        var total = Ops.Sum(values);
        if (reduction == LossReduction.Sum) return total;
        double divisor = reduction == LossReduction.MeanWithSampleWeight && weights is not null
            ? SumOf(weights)
            : values.Size;
        return divisor == 0 ? Tensor.ZerosLike(total) : Ops.Divide(total, divisor);
    }

    private static double SumOf(Tensor weights)
    {
        using var _ = GradientTape.NoGrad();
        return Ops.Sum(Ops.Cast(weights, DType.Float64)).Item<double>();
    }
}
