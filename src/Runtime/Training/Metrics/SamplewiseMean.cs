namespace Layers;

/// <summary>
/// Keras' <c>reduce_to_samplewise_values</c> for <see cref="Mean"/>: one value per sample (the mean over every axis
/// after the first), weighted, in float64. What a mean metric adds to its total and its count.
/// </summary>
internal static class SamplewiseMean
{
    /// <summary>
    /// Without weights: the sum of the per-sample values and the number of samples. With weights (their rank aligned
    /// as in losses; values averaged over the axes the weights lack; the values' Keras mask merged in): the sum of the
    /// weighted per-sample values and the sum of the per-sample weights.
    /// </summary>
    /// <param name="owner">The metric, for messages.</param>
    public static (double Total, double Count) Of(Tensor values, Tensor? sampleWeight, string owner)
    {
        ArgumentNullException.ThrowIfNull(values);
        using var _ = GradientTape.NoGrad();
        var v = Ops.Cast(values, DType.Float64);
        if (sampleWeight is null)
            return (Total(PerSample(v)), v.Rank >= 1 ? v.Shape[0] : 1);

        var w = LossMasks.Apply(Ops.Cast(sampleWeight, DType.Float64), values.KerasMask, DType.Float64, LossReduction.Sum)!;
        (v, w) = RankAlignment.SqueezeOrExpand(v, w);
        if (v.Rank > w.Rank) v = Ops.Mean(v, Axes(w.Rank, v.Rank));
        if (!RankAlignment.Broadcastable(v.Shape, w.Shape) || w.Rank > v.Rank || !FitsInto(w.Shape, v.Shape))
            throw new ArgumentException(
                $"{owner}: sample_weight of shape {sampleWeight.Shape} does not broadcast to the values of shape {values.Shape}. " +
                $"Expected weights of shape {values.Shape}, a prefix of it, or a scalar.");
        w = Ops.Add(Tensor.Zeros(v.Shape, DType.Float64), w);
        v = Ops.Multiply(v, w);
        return (Total(PerSample(v)), Total(PerSample(w)));
    }

    private static Tensor PerSample(Tensor x) => x.Rank > 1 ? Ops.Mean(x, Axes(1, x.Rank)) : x;

    private static double Total(Tensor x) => x.Size == 0 ? 0 : Ops.Sum(x).Item<double>();

    private static int[] Axes(int from, int to) => Enumerable.Range(from, to - from).ToArray();

    /// <summary>True when broadcasting <paramref name="small"/> to <paramref name="target"/> leaves the target's shape unchanged.</summary>
    private static bool FitsInto(Shape small, Shape target)
    {
        for (int i = 1; i <= small.Rank; i++)
        {
            int d = small.Dims[small.Rank - i];
            if (d != 1 && d != target.Dims[target.Rank - i]) return false;
        }
        return true;
    }
}
