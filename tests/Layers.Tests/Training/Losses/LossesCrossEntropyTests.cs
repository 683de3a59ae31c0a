using Layers.Tests.Support;

namespace Layers.Tests.Training.Losses;

/// <summary>Binary, categorical and sparse cross-entropy values against the float64 references.</summary>
public class LossesCrossEntropyTests
{
    private static Tensor Labels01(int seed, Shape shape, out double[] values, DType dtype)
    {
        var rng = new Random(seed);
        values = Enumerable.Range(0, shape.Size).Select(_ => (double)rng.Next(2)).ToArray();
        return dtype == DType.Float32
            ? Tensor.FromSpan<float>(values.Select(v => (float)v).ToArray(), shape)
            : Tensor.FromSpan<double>(values, shape);
    }

    private static Tensor OneHot(int seed, int rows, int cols, out double[] values, out long[] ids)
    {
        var rng = new Random(seed);
        ids = Enumerable.Range(0, rows).Select(_ => (long)rng.Next(cols)).ToArray();
        values = new double[rows * cols];
        for (int r = 0; r < rows; r++) values[r * cols + ids[r]] = 1;
        return Tensor.FromSpan<double>(values, new Shape(rows, cols));
    }

    [Theory]
    [InlineData(7, 3, false, 0.0)]
    [InlineData(7, 3, true, 0.0)]
    [InlineData(5, 17, false, 0.2)]
    [InlineData(5, 17, true, 0.2)]
    public void Binary_matches_the_reference(int rows, int cols, bool fromLogits, double smoothing)
    {
        var t = Labels01(1, new Shape(rows, cols), out var tv, DType.Float64);
        var p = TestData.Tensor(2, new Shape(rows, cols), out var pv, DType.Float64, fromLogits ? -6 : 0, fromLogits ? 6 : 1);
        var loss = new BinaryCrossentropy(fromLogits, smoothing, reduction: LossReduction.None);
        Assertions.Close(LossReference.Bce(tv, pv, rows, cols, fromLogits, smoothing), loss.Compute(t, p), 1e-12, 1e-12, new Shape(rows));
    }

    [Fact]
    public void Binary_clips_probabilities_of_exactly_0_and_1()
    {
        var t = Tensor.FromArray(new[] { 1.0, 0.0, 0.0, 1.0 }, 1, 4);
        var p = Tensor.FromArray(new[] { 0.0, 1.0, 0.0, 1.0 }, 1, 4);
        // p = 0 is read as 1e-7 and p = 1 as 1 − 1e-7, whose complement (in double) is not exactly 1e-7.
        double lowest = -Math.Log(1e-7), highest = -Math.Log(1 - (1 - 1e-7)), near1 = -Math.Log(1 - 1e-7);
        Assertions.Close([(lowest + highest + near1 + near1) / 4], new BinaryCrossentropy(reduction: LossReduction.None).Compute(t, p), 1e-12, 1e-12);
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void Binary_from_logits_of_1000_is_finite_and_exact(DType dtype)
    {
        var t = Labels(dtype, [1, 0, 1, 0, 0.5], 1, 5);
        var p = Labels(dtype, [1000, -1000, -1000, 1000, 1000], 1, 5);
        var values = new BinaryCrossentropy(fromLogits: true, reduction: LossReduction.None).Call(t, p);
        Assertions.Close([(0 + 0 + 1000 + 1000 + 500) / 5.0], values, 0, 0);
    }

    [Fact]
    public void Binary_averages_over_the_chosen_axis()
    {
        var t = Labels01(3, new Shape(3, 4), out var tv, DType.Float64);
        var p = TestData.Tensor(4, new Shape(3, 4), out var pv, DType.Float64, 0.05, 0.95);
        // axis 0: one value per column, the mean over the 3 rows — the reference on the transposed data.
        var tt = new double[12];
        var pt = new double[12];
        for (int r = 0; r < 3; r++)
            for (int c = 0; c < 4; c++)
            {
                tt[c * 3 + r] = tv[r * 4 + c];
                pt[c * 3 + r] = pv[r * 4 + c];
            }
        Assertions.Close(LossReference.Bce(tt, pt, 4, 3, false), new BinaryCrossentropy(axis: 0, reduction: LossReduction.None).Call(t, p), 1e-12, 1e-12, new Shape(4));
    }

    [Theory]
    [InlineData(7, 3, false, 0.0)]
    [InlineData(7, 3, true, 0.0)]
    [InlineData(5, 17, false, 0.1)]
    [InlineData(33, 10, true, 0.1)]
    public void Categorical_matches_the_reference(int rows, int cols, bool fromLogits, double smoothing)
    {
        var t = OneHot(1, rows, cols, out var tv, out _);
        var p = TestData.Tensor(2, new Shape(rows, cols), out var pv, DType.Float64, fromLogits ? -5 : 0.01, fromLogits ? 5 : 1);
        var loss = new CategoricalCrossentropy(fromLogits, smoothing, reduction: LossReduction.None);
        Assertions.Close(LossReference.Cce(tv, pv, rows, cols, fromLogits, smoothing), loss.Compute(t, p), 1e-12, 1e-12, new Shape(rows));
    }

    [Fact]
    public void Categorical_normalizes_unnormalized_probabilities()
    {
        var t = Tensor.FromArray(new[] { 0.0, 1, 0 }, 1, 3);
        var p = Tensor.FromArray(new[] { 1.0, 2, 1 }, 1, 3);
        Assertions.Close([-Math.Log(0.5)], new CategoricalCrossentropy(reduction: LossReduction.None).Call(t, p), 1e-12, 1e-12);
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void Categorical_from_logits_of_1000_is_finite_and_exact(DType dtype)
    {
        var t = Labels(dtype, [1, 0, 0, 0, 1, 0], 2, 3);
        var p = Labels(dtype, [1000, -1000, 0, 1000, -1000, 0], 2, 3);
        Assertions.Close([0, 2000], new CategoricalCrossentropy(fromLogits: true, reduction: LossReduction.None).Call(t, p), 0, 0);
    }

    [Fact]
    public void Categorical_along_axis_one_of_rank_three_predictions()
    {
        // (2, 3 classes, 4 positions): the reference runs on the (8, 3) rows gathered along axis 1.
        var shape = new Shape(2, 3, 4);
        var t = Tensor.Zeros(shape, DType.Float64);
        var rng = new Random(5);
        var tRows = new double[24];
        for (int b = 0; b < 2; b++)
            for (int k = 0; k < 4; k++)
            {
                int c = rng.Next(3);
                t.AsMutableSpan<double>()[(b * 3 + c) * 4 + k] = 1;
                tRows[(b * 4 + k) * 3 + c] = 1;
            }
        var p = TestData.Tensor(6, shape, out var pv, DType.Float64, -3, 3);
        var pRows = new double[24];
        for (int b = 0; b < 2; b++)
            for (int c = 0; c < 3; c++)
                for (int k = 0; k < 4; k++)
                    pRows[(b * 4 + k) * 3 + c] = pv[(b * 3 + c) * 4 + k];
        var values = new CategoricalCrossentropy(fromLogits: true, axis: 1, reduction: LossReduction.None).Call(t, p);
        Assertions.Close(LossReference.Cce(tRows, pRows, 8, 3, true), values, 1e-12, 1e-12, new Shape(2, 4));
    }

    [Theory]
    [InlineData(DType.Int32, false, true)]
    [InlineData(DType.Int64, true, false)]
    [InlineData(DType.Float32, false, false)]
    [InlineData(DType.Float64, true, true)]
    public void Sparse_accepts_integer_and_float_labels_of_shape_n_and_n_1(DType labelDType, bool columnLabels, bool fromLogits)
    {
        const int rows = 9, cols = 7;
        OneHot(3, rows, cols, out _, out var ids);
        var labels = SparseLabels(ids, labelDType, columnLabels ? new Shape(rows, 1) : new Shape(rows));
        var p = TestData.Tensor(4, new Shape(rows, cols), out var pv, DType.Float64, fromLogits ? -4 : 0.01, fromLogits ? 4 : 1);
        var values = new SparseCategoricalCrossentropy(fromLogits, reduction: LossReduction.None).Compute(labels, p);
        Assertions.Close(LossReference.Sparse(ids, pv, cols, fromLogits), values, 1e-12, 1e-12, new Shape(rows));
    }

    [Fact]
    public void Sparse_equals_categorical_of_the_one_hot_labels_for_every_reduction()
    {
        var t = OneHot(5, 12, 6, out _, out var ids);
        var p = TestData.Tensor(6, new Shape(12, 6), DType.Float64, -3, 3);
        var weights = TestData.Tensor(7, new Shape(12), DType.Float64, 0, 2);
        foreach (var reduction in new[] { LossReduction.Sum, LossReduction.SumOverBatchSize, LossReduction.Mean, LossReduction.MeanWithSampleWeight })
            foreach (bool fromLogits in new[] { true, false })
            {
                var sparse = new SparseCategoricalCrossentropy(fromLogits, reduction: reduction);
                var dense = new CategoricalCrossentropy(fromLogits, reduction: reduction);
                var labels = SparseLabels(ids, DType.Int32, new Shape(12));
                var q = fromLogits ? p : Ops.Softmax(p);
                Assert.Equal(dense.Compute(t, q).Item<double>(), sparse.Compute(labels, q).Item<double>(), 12);
                Assert.Equal(dense.Compute(t, q, weights).Item<double>(), sparse.Compute(labels, q, weights).Item<double>(), 12);
            }
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void Sparse_from_logits_of_1000_is_finite_and_exact(DType dtype)
    {
        var p = Labels(dtype, [1000, -1000, 0, 1000, -1000, 0, -1000, -1000, 1000], 3, 3);
        var labels = Tensor.FromArray(new[] { 0, 1, 2 }, 3);
        var loss = new SparseCategoricalCrossentropy(fromLogits: true, reduction: LossReduction.None);
        Assertions.Close([0, 2000, 0], loss.Compute(labels, p), 0, 0);
        Assert.Equal(2000.0 / 3, new SparseCategoricalCrossentropy(fromLogits: true).Compute(labels, p).GetAsDouble(0), dtype == DType.Float32 ? 3 : 10);
        Assert.Equal(2000.0, new SparseCategoricalCrossentropy(fromLogits: true, reduction: LossReduction.Sum).Compute(labels, p).GetAsDouble(0));
    }

    [Fact]
    public void Sparse_along_axis_one()
    {
        var p = TestData.Tensor(8, new Shape(2, 5, 3), out var pv, DType.Float64, -2, 2);
        long[] ids = [4, 0, 2, 1, 3, 4];
        var labels = Tensor.FromArray(ids.Select(i => (int)i).ToArray(), 2, 3);
        var pRows = new double[30];
        for (int b = 0; b < 2; b++)
            for (int c = 0; c < 5; c++)
                for (int k = 0; k < 3; k++)
                    pRows[(b * 3 + k) * 5 + c] = pv[(b * 5 + c) * 3 + k];
        var values = new SparseCategoricalCrossentropy(fromLogits: true, axis: 1, reduction: LossReduction.None).Call(labels, p);
        Assertions.Close(LossReference.Sparse(ids, pRows, 5, true), values, 1e-12, 1e-12, new Shape(2, 3));
    }

    [Theory]
    [InlineData(true, LossReduction.SumOverBatchSize)]
    [InlineData(false, LossReduction.SumOverBatchSize)]
    [InlineData(true, LossReduction.Sum)]
    [InlineData(true, LossReduction.MeanWithSampleWeight)]
    [InlineData(false, LossReduction.Mean)]
    public void Sparse_ignore_class_drops_those_labels_and_averages_over_the_rest(bool fromLogits, LossReduction reduction)
    {
        long[] ids = [1, -1, 0, 2, -1, 2, 1];
        var labels = Tensor.FromArray(ids.Select(i => (int)i).ToArray(), 7);
        var p = TestData.Tensor(9, new Shape(7, 3), out var pv, DType.Float64, fromLogits ? -3 : 0.05, fromLogits ? 3 : 1);
        var values = LossReference.Sparse(ids, pv, 3, fromLogits, ignore: -1);
        var kept = values.Where((_, i) => ids[i] != -1).ToArray();
        double expected = reduction == LossReduction.Sum ? kept.Sum() : kept.Average();
        var loss = new SparseCategoricalCrossentropy(fromLogits, ignoreClass: -1, reduction: reduction);
        Assert.Equal(expected, loss.Compute(labels, p).Item<double>(), 12);
        Assertions.Close(values, new SparseCategoricalCrossentropy(fromLogits, ignoreClass: -1, reduction: LossReduction.None).Compute(labels, p), 1e-12, 1e-12);

        var weights = TestData.Tensor(10, new Shape(7), out var wv, DType.Float64, 0.5, 2);
        var keptWeights = wv.Where((_, i) => ids[i] != -1).ToArray();
        double weighted = kept.Select((v, i) => v * keptWeights[i]).Sum();
        double expectedWeighted = reduction switch
        {
            LossReduction.Sum => weighted,
            LossReduction.MeanWithSampleWeight => weighted / keptWeights.Sum(),
            _ => weighted / kept.Length,
        };
        Assert.Equal(expectedWeighted, loss.Compute(labels, p, weights).Item<double>(), 12);
    }

    [Fact]
    public void Sparse_ignore_class_may_be_an_otherwise_valid_class_and_everything_ignored_gives_0()
    {
        var p = TestData.Tensor(11, new Shape(4, 3), out var pv, DType.Float64, -1, 1);
        var labels = Tensor.FromArray(new[] { 2, 0, 2, 1 }, 4);
        var kept = LossReference.Sparse([0, 0, 0, 1], pv, 3, true).Where((_, i) => i is 1 or 3).Average();
        Assert.Equal(kept, new SparseCategoricalCrossentropy(fromLogits: true, ignoreClass: 2).Compute(labels, p).Item<double>(), 12);
        var allIgnored = Tensor.FromArray(new[] { 2, 2, 2, 2 }, 4);
        Assert.Equal(0.0, new SparseCategoricalCrossentropy(fromLogits: true, ignoreClass: 2).Compute(allIgnored, p).Item<double>());
    }

    [Fact]
    public void Keras_documentation_examples()
    {
        var t = Tensor.FromArray(new[] { 0f, 1, 0, 0, 0, 1 }, 2, 3);
        var p = Tensor.FromArray(new[] { 0.05f, 0.95f, 0, 0.1f, 0.8f, 0.1f }, 2, 3);
        var ids = Tensor.FromArray(new[] { 1, 2 }, 2);
        var weights = Tensor.FromArray(new[] { 0.3f, 0.7f }, 2);
        foreach (var (loss, labels) in new (Loss, Tensor)[] { (new CategoricalCrossentropy(), t), (new SparseCategoricalCrossentropy(), ids) })
        {
            Assert.Equal(1.177, loss.Compute(labels, p).Item<float>(), 3);
            Assert.Equal(0.814, loss.Compute(labels, p, weights).Item<float>(), 3);
        }
        Assert.Equal(0.865, new BinaryCrossentropy(fromLogits: true).Compute(
            Tensor.FromArray(new[] { 0f, 1, 0, 0 }, 4), Tensor.FromArray(new[] { -18.6f, 0.51f, 2.94f, -12.8f }, 4)).Item<float>(), 3);
        Assertions.Close([0.916, 0.714], new BinaryCrossentropy(reduction: LossReduction.None).Compute(
            Tensor.FromArray(new[] { 0f, 1, 0, 0 }, 2, 2), Tensor.FromArray(new[] { 0.6f, 0.4f, 0.4f, 0.6f }, 2, 2)), 0, 1e-3);
    }

    [Fact]
    public void Float32_agrees_with_float64()
    {
        var p64 = TestData.Tensor(12, new Shape(17, 10), DType.Float64, -8, 8);
        var p32 = Ops.Cast(p64, DType.Float32);
        var onehot = OneHot(13, 17, 10, out _, out var ids);
        var labels = SparseLabels(ids, DType.Int32, new Shape(17));
        var binary = Labels01(14, new Shape(17, 10), out _, DType.Float64);
        Assert.Equal(new SparseCategoricalCrossentropy(true).Compute(labels, p64).Item<double>(), new SparseCategoricalCrossentropy(true).Compute(labels, p32).Item<float>(), 4);
        Assert.Equal(new CategoricalCrossentropy(true).Compute(onehot, p64).Item<double>(), new CategoricalCrossentropy(true).Compute(onehot, p32).Item<float>(), 4);
        Assert.Equal(new BinaryCrossentropy(true).Compute(binary, p64).Item<double>(), new BinaryCrossentropy(true).Compute(binary, p32).Item<float>(), 4);
    }

    internal static Tensor SparseLabels(long[] ids, DType dtype, Shape shape) => dtype switch
    {
        DType.Int32 => Tensor.FromSpan<int>(ids.Select(i => (int)i).ToArray(), shape),
        DType.Int64 => Tensor.FromSpan<long>(ids, shape),
        DType.Float32 => Tensor.FromSpan<float>(ids.Select(i => (float)i).ToArray(), shape),
        _ => Tensor.FromSpan<double>(ids.Select(i => (double)i).ToArray(), shape),
    };

    private static Tensor Labels(DType dtype, double[] values, params int[] shape) => dtype == DType.Float32
        ? Tensor.FromSpan<float>(values.Select(v => (float)v).ToArray(), new Shape(shape))
        : Tensor.FromSpan<double>(values, new Shape(shape));
}
