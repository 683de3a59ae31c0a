using Layers.Tests.Support;

namespace Layers.Tests.Training.Losses;

/// <summary>Mean squared error, mean absolute error and Huber against the float64 references.</summary>
public class LossesRegressionTests
{
    public static TheoryData<int, int, DType> Shapes => new()
    {
        { 1, 1, DType.Float64 }, { 7, 3, DType.Float64 }, { 5, 17, DType.Float32 }, { 33, 9, DType.Float32 }, { 4, 1000, DType.Float64 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Per_sample_values_match_the_reference(int rows, int cols, DType dtype)
    {
        var t = TestData.Tensor(1, new Shape(rows, cols), out var tv, dtype, -2, 2);
        var p = TestData.Tensor(2, new Shape(rows, cols), out var pv, dtype, -2, 2);
        double tolerance = dtype == DType.Float32 ? 1e-5 : 1e-12;
        Assertions.Close(LossReference.Mse(tv, pv, rows, cols), new MeanSquaredError().Call(t, p), tolerance, tolerance, new Shape(rows));
        Assertions.Close(LossReference.Mae(tv, pv, rows, cols), new MeanAbsoluteError().Call(t, p), tolerance, tolerance, new Shape(rows));
        Assertions.Close(LossReference.Huber(tv, pv, rows, cols, 1.0), new Huber().Call(t, p), tolerance, tolerance, new Shape(rows));
        Assertions.Close(LossReference.Huber(tv, pv, rows, cols, 0.3), new Huber(0.3).Call(t, p), tolerance, tolerance, new Shape(rows));
    }

    [Theory]
    [InlineData(LossReduction.SumOverBatchSize)]
    [InlineData(LossReduction.Mean)]
    [InlineData(LossReduction.Sum)]
    [InlineData(LossReduction.MeanWithSampleWeight)]
    public void Every_reduction_matches_the_reference(LossReduction reduction)
    {
        var t = TestData.Tensor(3, new Shape(6, 4), out var tv, DType.Float64);
        var p = TestData.Tensor(4, new Shape(6, 4), out var pv, DType.Float64);
        var weights = TestData.Tensor(5, new Shape(6), out var wv, DType.Float64, 0, 2);
        var values = LossReference.Mse(tv, pv, 6, 4);
        var loss = new MeanSquaredError(reduction);
        Assert.Equal(LossReference.Reduce(values, null, reduction), loss.Compute(t, p).Item<double>(), 12);
        Assert.Equal(LossReference.Reduce(values, wv, reduction), loss.Compute(t, p, weights).Item<double>(), 12);
    }

    [Fact]
    public void Reduction_none_returns_the_weighted_per_sample_values()
    {
        var t = TestData.Tensor(6, new Shape(5, 3), out var tv, DType.Float64);
        var p = TestData.Tensor(7, new Shape(5, 3), out var pv, DType.Float64);
        var weights = TestData.Tensor(8, new Shape(5), out var wv, DType.Float64, 0, 2);
        var expected = LossReference.Mae(tv, pv, 5, 3).Select((v, i) => v * wv[i]).ToArray();
        Assertions.Close(expected, new MeanAbsoluteError(LossReduction.None).Compute(t, p, weights), 1e-12, 1e-12, new Shape(5));
    }

    [Fact]
    public void Labels_of_rank_one_meet_predictions_with_a_trailing_axis_of_one()
    {
        // Keras expands (N,) labels to (N, 1) rather than broadcasting them to (N, N).
        var t = Tensor.FromArray(new[] { 1.0, 0.0, 1.0 }, 3);
        var p = Tensor.FromArray(new[] { 0.9, 0.1, 0.8 }, 3, 1);
        Assertions.Close([0.01, 0.01, 0.04], new MeanSquaredError(LossReduction.None).Compute(t, p), 1e-12, 1e-12, new Shape(3));
        Assertions.Close([0.01, 0.01, 0.04], new MeanSquaredError(LossReduction.None).Compute(p, t), 1e-12, 1e-12, new Shape(3));
    }

    [Fact]
    public void Keras_documentation_examples()
    {
        Assert.Equal(0.02, new MeanSquaredError().Compute(
            Tensor.FromArray(new[] { 1.0, 0.0, 1.0 }, 3), Tensor.FromArray(new[] { 0.9, 0.1, 0.8 }, 3)).Item<double>(), 12);
        Assert.Equal(0.5666667f, new MeanAbsoluteError().Compute(
            Tensor.FromArray(new[] { 1f, 0.3f, 1f }, 3), Tensor.FromArray(new[] { 1.9f, 0.3f, 1.8f }, 3)).Item<float>(), 6);
        Assert.Equal(0.155, new Huber().Compute(
            Tensor.FromArray(new[] { 0.0, 1, 0, 0 }, 2, 2), Tensor.FromArray(new[] { 0.6, 0.4, 0.4, 0.6 }, 2, 2)).Item<double>(), 12);
    }

    [Fact]
    public void Integer_labels_and_predictions_compute_in_float32()
    {
        var t = Tensor.FromArray(new[] { 1, 2, 3 }, 1, 3);
        var p = Tensor.FromArray(new[] { 2, 2, 5 }, 1, 3);
        var loss = new MeanSquaredError().Compute(t, p);
        Assert.Equal(DType.Float32, loss.DType);
        Assert.Equal(5f / 3, loss.Item<float>(), 6);
    }
}
