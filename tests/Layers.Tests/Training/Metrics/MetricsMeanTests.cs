using Layers.Tests.Support;

namespace Layers.Tests.Training.Metrics;

/// <summary><see cref="Mean"/> and the mean metrics built on it: weighting, Keras' per-sample averaging, thread safety.</summary>
public class MetricsMeanTests
{
    [Fact]
    public void Unweighted_and_weighted_means_over_several_updates()
    {
        var mean = new Mean();
        mean.Update(Tensor.FromArray(new[] { 1f, 3, 5, 7 }, 4));
        Assert.Equal(4f, mean.Result().Item<float>());
        mean.Reset();
        mean.Update(Tensor.FromArray(new[] { 1f, 3, 5, 7 }, 4), Tensor.FromArray(new[] { 1f, 1, 0, 0 }, 4));
        Assert.Equal(2f, mean.Result().Item<float>());
        mean.Update(Tensor.FromArray(new[] { 10.0 }, 1), Tensor.FromArray(new[] { 2.0 }, 1));
        Assert.Equal((1 + 3 + 20) / 4.0, mean.Result().Item<float>(), 6);
    }

    [Fact]
    public void Rank_two_values_count_once_per_sample_and_take_weights_per_sample()
    {
        var values = TestData.Tensor(1, new Shape(5, 3), out var v, DType.Float64);
        var weights = TestData.Tensor(2, new Shape(5), out var w, DType.Float64, 0, 2);
        var rowMeans = Enumerable.Range(0, 5).Select(r => (v[3 * r] + v[3 * r + 1] + v[3 * r + 2]) / 3).ToArray();
        var mean = new Mean();
        mean.Update(values, weights);
        Assert.Equal(MetricReference.WeightedMean(rowMeans, w), mean.Result().Item<float>(), 6);
        var perElement = new Mean();
        var elementWeights = TestData.Tensor(3, new Shape(5, 3), out var ew, DType.Float64, 0, 2);
        perElement.Update(values, elementWeights);
        Assert.Equal(MetricReference.WeightedMean(v, ew), perElement.Result().Item<float>(), 6);
        // (N, 1) weights meet (N,) values at (N, 1), not an (N, N) broadcast.
        var column = new Mean();
        column.Update(Tensor.FromArray(rowMeans, 5), Ops.ExpandDims(weights, -1));
        Assert.Equal(MetricReference.WeightedMean(rowMeans, w), column.Result().Item<float>(), 6);
    }

    [Fact]
    public void Nothing_counted_reads_0()
    {
        var mean = new Mean();
        Assert.Equal(0f, mean.Result().Item<float>());
        mean.Update(Tensor.FromArray(new[] { 1f }, 1), Tensor.FromArray(new[] { 0f }, 1));
        Assert.Equal(0f, mean.Result().Item<float>());
    }

    [Fact]
    public void Accumulates_in_float64()
    {
        // 1e8 + 1 + 1 … in float32 would stay at 1e8; the mean of 1e8 and a million 1s is ≈ 100.9999.
        var mean = new Mean();
        mean.Update(Tensor.FromArray(new[] { 1e8f }, 1));
        var ones = Tensor.Ones(1000);
        for (int i = 0; i < 1000; i++) mean.Update(ones);
        Assert.Equal((1e8 + 1e6) / (1 + 1e6), mean.Result().Item<float>(), 3);
    }

    [Fact]
    public void Concurrent_updates_are_all_counted()
    {
        var metric = new MeanSquaredErrorMetric();
        var t = Tensor.Zeros(4, 2);
        var p = Tensor.Ones(4, 2);
        Parallel.For(0, 200, _ => metric.Update(t, p, Tensor.FromArray(new[] { 1f, 1, 1, 1 }, 4)));
        Assert.Equal(1f, metric.Result().Item<float>());
        var mean = new Mean();
        Parallel.For(0, 400, i => mean.Update(Tensor.FromArray(new[] { (float)(i % 2) }, 1)));
        Assert.Equal(0.5f, mean.Result().Item<float>());
    }

    [Fact]
    public void Mean_errors_match_the_reference_with_and_without_weights()
    {
        var t = TestData.Tensor(4, new Shape(9, 4), out var tv, DType.Float32);
        var p = TestData.Tensor(5, new Shape(9, 4), out var pv, DType.Float32);
        var w = TestData.Tensor(6, new Shape(9), out var wv, DType.Float32, 0, 2);
        var squared = Enumerable.Range(0, 9).Select(r => Enumerable.Range(0, 4).Average(c => Math.Pow(tv[r * 4 + c] - pv[r * 4 + c], 2))).ToArray();
        var absolute = Enumerable.Range(0, 9).Select(r => Enumerable.Range(0, 4).Average(c => Math.Abs(tv[r * 4 + c] - pv[r * 4 + c]))).ToArray();
        var mse = new MeanSquaredErrorMetric();
        var mae = new MeanAbsoluteErrorMetric();
        mse.Update(t, p);
        mae.Update(t, p, w);
        Assert.Equal(MetricReference.WeightedMean(squared, null), mse.Result().Item<float>(), 5);
        Assert.Equal(MetricReference.WeightedMean(absolute, wv), mae.Result().Item<float>(), 5);
        // Keras' documentation examples.
        var kt = Tensor.FromArray(new[] { 0f, 1, 0, 0 }, 2, 2);
        var kp = Tensor.FromArray(new[] { 1f, 1, 0, 0 }, 2, 2);
        var kmse = new MeanSquaredErrorMetric();
        kmse.Update(kt, kp);
        Assert.Equal(0.25f, kmse.Result().Item<float>());
        var kmae = new MeanAbsoluteErrorMetric();
        kmae.Update(kt, kp, Tensor.FromArray(new[] { 1f, 0 }, 2));
        Assert.Equal(0.5f, kmae.Result().Item<float>());
    }

    [Fact]
    public void A_mask_on_the_predictions_excludes_masked_entries()
    {
        var t = Tensor.FromArray(new[] { 1f, 2, 3, 4 }, 4);
        var p = Tensor.FromArray(new[] { 1f, 0, 3, 0 }, 4);
        p.KerasMask = Tensor.FromArray(new[] { true, false, true, false }, 4);
        var accuracy = new Accuracy();
        accuracy.Update(t, p);
        Assert.Equal(1f, accuracy.Result().Item<float>());
    }
}
