using Layers.Tests.Support;

namespace Layers.Tests.Training.Losses;

/// <summary>Sample weights of several ranks, Keras masks, and the edge cases of Keras' <c>reduce_weighted_values</c>.</summary>
public class LossesWeightingTests
{
    [Fact]
    public void Weights_of_shape_n_n1_and_scalar_weigh_each_sample()
    {
        var t = TestData.Tensor(1, new Shape(5, 3), out var tv, DType.Float64);
        var p = TestData.Tensor(2, new Shape(5, 3), out var pv, DType.Float64);
        var wv = new[] { 0.5, 2, 0, 1, 3 };
        var values = LossReference.Mse(tv, pv, 5, 3);
        var loss = new MeanSquaredError();
        double expected = LossReference.Reduce(values, wv, LossReduction.SumOverBatchSize);
        Assert.Equal(expected, loss.Compute(t, p, Tensor.FromArray(wv, 5)).Item<double>(), 12);
        Assert.Equal(expected, loss.Compute(t, p, Tensor.FromArray(wv, 5, 1)).Item<double>(), 12);
        Assert.Equal(expected, loss.Compute(t, p, Tensor.FromArray(wv.Select(w => (float)w).ToArray(), 5)).Item<double>(), 6);
        Assert.Equal(LossReference.Reduce(values, [.. values.Select(_ => 2.5)], LossReduction.SumOverBatchSize),
            loss.Compute(t, p, Tensor.Scalar(2.5, DType.Float64)).Item<double>(), 12);
    }

    [Fact]
    public void Rank_two_weights_weigh_each_timestep_of_rank_three_predictions()
    {
        // (N, T, D) predictions give (N, T) per-step losses; (N, T) weights weigh each step.
        var t = TestData.Tensor(3, new Shape(4, 6, 3), out var tv, DType.Float64);
        var p = TestData.Tensor(4, new Shape(4, 6, 3), out var pv, DType.Float64);
        var weights = TestData.Tensor(5, new Shape(4, 6), out var wv, DType.Float64, 0, 2);
        var values = LossReference.Mae(tv, pv, 24, 3);
        foreach (var reduction in new[] { LossReduction.Sum, LossReduction.SumOverBatchSize, LossReduction.MeanWithSampleWeight })
            Assert.Equal(LossReference.Reduce(values, wv, reduction), new MeanAbsoluteError(reduction).Compute(t, p, weights).Item<double>(), 12);
        // (N, T, 1) weights are squeezed to (N, T), as Keras does.
        Assert.Equal(LossReference.Reduce(values, wv, LossReduction.SumOverBatchSize),
            new MeanAbsoluteError().Compute(t, p, Ops.ExpandDims(weights, -1)).Item<double>(), 12);
    }

    [Fact]
    public void Per_sample_weights_of_rank_one_broadcast_over_trailing_axes_of_size_one()
    {
        var t = TestData.Tensor(6, new Shape(4, 1, 2), out var tv, DType.Float64);
        var p = TestData.Tensor(7, new Shape(4, 1, 2), out var pv, DType.Float64);
        var wv = new[] { 1.0, 0, 2, 0.5 };
        var values = LossReference.Mse(tv, pv, 4, 2);
        Assert.Equal(LossReference.Reduce(values, wv, LossReduction.MeanWithSampleWeight),
            new MeanSquaredError(LossReduction.MeanWithSampleWeight).Compute(t, p, Tensor.FromArray(wv, 4, 1)).Item<double>(), 12);
    }

    [Fact]
    public void All_zero_weights_give_0_not_nan()
    {
        var t = TestData.Tensor(8, new Shape(3, 2), DType.Float64);
        var p = TestData.Tensor(9, new Shape(3, 2), DType.Float64);
        var zeros = Tensor.Zeros(new Shape(3), DType.Float64);
        Assert.Equal(0.0, new MeanSquaredError().Compute(t, p, zeros).Item<double>());
        Assert.Equal(0.0, new MeanSquaredError(LossReduction.MeanWithSampleWeight).Compute(t, p, zeros).Item<double>());
    }

    [Fact]
    public void A_mask_on_the_predictions_averages_over_the_kept_entries()
    {
        // Keras' loss_test.test_mask: entries 0, 2, 3 kept.
        var t = Tensor.FromArray(new[] { 1.0, 0, 1, 0 }, 4);
        var p = Tensor.FromArray(new[] { 0.1, 0.2, 0.3, 0.4 }, 4);
        p.KerasMask = Tensor.FromArray(new[] { true, false, true, true }, 4);
        double kept = (0.81 + 0.49 + 0.16) / 3;
        var loss = new SquaredError();
        Assert.Equal(kept, loss.Compute(t, p).Item<double>(), 12);
        double weighted = (0.4 * 0.81 + 0.2 * 0.49 + 0.1 * 0.16) / 3;
        Assert.Equal(weighted, loss.Compute(t, p, Tensor.FromArray(new[] { 0.4, 0.3, 0.2, 0.1 }, 4)).Item<double>(), 12);
        Assert.Equal(weighted, loss.Compute(t, p, Tensor.FromArray(new[] { 0.4, 0.3, 0.2, 0.1 }, 4, 1)).Item<double>(), 12);
        Assert.Equal(0.81 + 0.49 + 0.16, new SquaredError(LossReduction.Sum).Compute(t, p).Item<double>(), 12);
        p.KerasMask = Tensor.FromArray(new[] { false, false, false, false }, 4);
        Assert.Equal(0.0, loss.Compute(t, p).Item<double>());
    }

    [Fact]
    public void A_scalar_loss_value_is_returned_as_it_is()
    {
        var loss = new SparseCategoricalCrossentropy(fromLogits: true);
        var logits = Tensor.FromArray(new[] { 1.0, 2, 3 }, 3);
        double expected = -LossReference.LogProbabilities([1, 2, 3], 0, 3, true)[2];
        Assert.Equal(expected, loss.Compute(Tensor.Scalar(2), logits).Item<double>(), 12);
        Assert.Equal(0, loss.Compute(Tensor.Scalar(2), logits).Rank);
    }

    [Fact]
    public void An_empty_batch_returns_the_empty_values()
    {
        var loss = new SparseCategoricalCrossentropy(fromLogits: true);
        var result = loss.Compute(Tensor.Zeros(new Shape(0), DType.Int32), Tensor.Zeros(new Shape(0, 4)));
        Assert.Equal(new Shape(0), result.Shape);
    }

    /// <summary>Keras' <c>ExampleLoss</c>: element-wise squared error, no reduction inside <c>call</c>.</summary>
    private sealed class SquaredError(LossReduction reduction = LossReduction.SumOverBatchSize) : Loss("squared_error", reduction)
    {
        public override string ClassName => "SquaredError";

        public override Tensor Call(Tensor yTrue, Tensor yPred) => Ops.Square(Ops.Subtract(yTrue, yPred));
    }
}
