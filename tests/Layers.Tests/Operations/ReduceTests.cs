using Layers.Tests.Support;
using R = Layers.Tests.Support.ElementwiseReference;

namespace Layers.Tests.Operations;

public class ReduceTests
{
    public sealed record Case(string Name, Func<Tensor, int[], bool, Tensor> Op, Func<List<double>, double> Fold)
    {
        public override string ToString() => Name;
    }

    private static double Mean(List<double> v) => v.Sum() / v.Count;

    private static double LogSumExp(List<double> v)
    {
        double max = v.Max();
        return max + Math.Log(v.Sum(x => Math.Exp(x - max)));
    }

    public static readonly Case[] Cases =
    [
        new("Sum", Ops.Sum, v => v.Sum()),
        new("Mean", Ops.Mean, Mean),
        new("Max", Ops.Max, v => v.Max()),
        new("Min", Ops.Min, v => v.Min()),
        new("Variance", Ops.Variance, v => v.Select(x => (x - Mean(v)) * (x - Mean(v))).Sum() / v.Count),
        new("LogSumExp", Ops.LogSumExp, LogSumExp),
    ];

    public static TheoryData<Case, int[]> CasesAndShapes()
    {
        var data = new TheoryData<Case, int[]>();
        foreach (var c in Cases)
            foreach (var shape in new[] { new[] { 3, 17, 5 }, [2, 1, 33], [4, 127, 3], [1, 1, 1000] })
                data.Add(c, shape);
        return data;
    }

    [Theory]
    [MemberData(nameof(CasesAndShapes))]
    public void Every_axis_subset_of_a_rank_3_tensor_matches_the_reference(Case c, int[] shape)
    {
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            var x = TestData.Tensor(7, shape, out var values, dtype, -2, 3);
            double rtol = dtype == DType.Float32 ? 2e-6 : 1e-13;
            foreach (var axes in R.AxisSubsets(3))
            {
                var expected = R.Reduce(values, shape, axes, c.Fold, out var kept);
                var dropped = kept.Where((_, i) => !axes.Contains(i)).ToArray();
                // Variance of few values is a difference of nearly equal sums; an absolute floor covers that.
                Assertions.Close(expected, c.Op(x, axes, true), rtol, atol: 1e-6, shape: new Shape(kept));
                Assertions.Close(expected, c.Op(x, axes, false), rtol, atol: 1e-6, shape: new Shape(dropped));
                // The same axes written from the end.
                var negative = axes.Select(a => a - 3).ToArray();
                Assertions.Close(expected, c.Op(x, negative, false), rtol, atol: 1e-6, shape: new Shape(dropped));
            }
        }
    }

    [Fact]
    public void Single_axis_and_all_axes_overloads()
    {
        var x = TestData.Tensor(8, new Shape(4, 6), out var values, DType.Float64);
        Assertions.Close([values.Sum()], Ops.Sum(x), rtol: 1e-14, shape: new Shape());
        Assertions.Close([values.Sum()], Ops.Sum(x, keepDims: true), rtol: 1e-14, shape: new Shape(1, 1));
        var rows = Enumerable.Range(0, 4).Select(r => values.Skip(r * 6).Take(6).Max()).ToArray();
        Assertions.Close(rows, Ops.Max(x, 1), rtol: 0, shape: new Shape(4));
        Assertions.Close(rows, Ops.Max(x, -1, keepDims: true), rtol: 0, shape: new Shape(4, 1));
        var columns = Enumerable.Range(0, 6).Select(col => Enumerable.Range(0, 4).Average(r => values[r * 6 + col])).ToArray();
        Assertions.Close(columns, Ops.Mean(x, 0), rtol: 1e-14, shape: new Shape(6));
        // An empty axis list reduces nothing.
        Assertions.Close(values, Ops.Sum(x, Array.Empty<int>()), rtol: 0, shape: x.Shape);
    }

    [Fact]
    public void A_float32_sum_of_a_million_values_is_accurate_to_float32_rounding()
    {
        const int n = 1_000_000;
        foreach (var (low, high) in new[] { (0.0, 1.0), (-1.0, 1.0), (1000.0, 1001.0) })
        {
            var x = TestData.Tensor(9, new Shape(n), out var values, DType.Float32, low, high);
            // The reference: the exact float32 values summed in float64, pairwise-free but with ~1e-16 relative error.
            double expected = 0;
            foreach (double v in values) expected += v;
            double actual = Ops.Sum(x).Item<float>();
            double tolerance = 1e-7 * Math.Abs(expected) + 1e-7;
            Assert.True(Math.Abs(actual - expected) <= tolerance, $"sum of uniform({low}, {high}): {actual:R} vs {expected:R}");
            double mean = Ops.Mean(x).Item<float>();
            Assert.True(Math.Abs(mean - expected / n) <= 1e-7 * Math.Abs(expected / n) + 1e-12, $"mean of uniform({low}, {high})");
        }
    }

    [Fact]
    public void Column_and_row_sums_of_long_float32_axes_are_accurate()
    {
        // A bias gradient shape (many rows, few columns) and its transpose.
        var x = TestData.Tensor(10, new Shape(200_000, 3), out var values, DType.Float32, 0, 1);
        var columns = Ops.Sum(x, 0).ToArray<float>();
        var rows = Ops.Sum(Ops.Cast(x, DType.Float32), 1).ToArray<float>();
        for (int j = 0; j < 3; j++)
        {
            double expected = 0;
            for (int i = 0; i < 200_000; i++) expected += values[i * 3 + j];
            Assert.True(Math.Abs(columns[j] - expected) <= 1e-7 * expected, $"column {j}: {columns[j]} vs {expected}");
        }
        Assert.Equal((float)(values[0] + values[1] + values[2]), rows[0], 6);
    }

    [Fact]
    public void Reductions_over_several_axes_have_correct_gradients()
    {
        var x = TestData.Tensor(11, new Shape(3, 4, 5), DType.Float64, -2, 2);
        foreach (var c in Cases)
        {
            foreach (var axes in new[] { new[] { 0 }, [2], [0, 2], [1, 2], [0, 1, 2], [] })
            {
                GradCheck.Check(t => c.Op(t[0], axes, false), [x]);
                GradCheck.Check(t => c.Op(t[0], axes, true), [x]);
            }
        }
    }

    [Fact]
    public void Float32_gradients_agree_with_the_float64_path()
    {
        var x64 = TestData.Tensor(12, new Shape(5, 7, 3), DType.Float64, -2, 2);
        var x32 = Ops.Cast(x64, DType.Float32);
        foreach (var c in Cases)
        {
            foreach (var axes in new[] { new[] { 1 }, [0, 2] })
            {
                var expected = TestData.ToDoubles(Gradient(t => c.Op(t, axes, false), x64));
                Assertions.Close(expected, Gradient(t => c.Op(t, axes, false), x32), rtol: 1e-5, atol: 1e-6);
            }
        }
    }

    private static Tensor Gradient(Func<Tensor, Tensor> f, Tensor x)
    {
        using var tape = new GradientTape();
        tape.Watch(x);
        var y = Ops.Multiply(f(x), TestData.Tensor(99, f(x).Shape, x.DType, 0.5, 1.5));
        return tape.Gradient(y, [x])[0];
    }

    [Fact]
    public void Max_and_min_split_the_gradient_between_ties()
    {
        var x = Tensor.FromArray(new[] { 3.0, 1.0, 3.0, 3.0, -1.0, 0.0 }, 2, 3);
        Assert.Equal(new[] { 0.5, 0, 0.5, 1, 0, 0 }, Gradient(t => Ops.Max(t, 1), x).ToArray<double>().Select((g, i) => g / Weight(i)).ToArray());
        using var tape = new GradientTape();
        tape.Watch(x);
        var grads = tape.Gradient(Ops.Max(x), [x])[0].ToArray<double>();
        Assert.Equal(new[] { 1 / 3.0, 0, 1 / 3.0, 1 / 3.0, 0, 0 }, grads);

        static double Weight(int i) => TestData.ToDoubles(TestData.Tensor(99, new Shape(2), DType.Float64, 0.5, 1.5))[i / 3];
    }

    [Fact]
    public void Max_and_min_propagate_nan()
    {
        var x = Tensor.FromArray(new[] { 1f, float.NaN, 2f, 3f, 4f, 5f }, 2, 3);
        Assert.True(float.IsNaN(Ops.Max(x).Item<float>()));
        Assert.True(float.IsNaN(Ops.Min(x, 1).ToArray<float>()[0]));
        Assert.Equal(3f, Ops.Min(x, 1).ToArray<float>()[1]);
        Assert.True(float.IsNaN(Ops.Max(x, 0).ToArray<float>()[1]));
        Assert.Equal(new[] { 3f, 5f }, Ops.Max(x, 0).ToArray<float>().Where((_, i) => i != 1));
    }

    [Fact]
    public void Log_sum_exp_is_stable_for_huge_and_infinite_inputs()
    {
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            var x = Ops.Cast(Tensor.FromArray(new[] { 1000.0, 1000.0, -1000.0, -1000.0 }, 2, 2), dtype);
            Assertions.Close([1000 + Math.Log(2), -1000 + Math.Log(2)], Ops.LogSumExp(x, 1), rtol: 1e-7);
            var infinite = Ops.Cast(Tensor.FromArray(new[] { double.NegativeInfinity, double.NegativeInfinity, 1, double.PositiveInfinity }, 2, 2), dtype);
            Assertions.Close([double.NegativeInfinity, double.PositiveInfinity], Ops.LogSumExp(infinite, 1));
        }
    }

    public static TheoryData<int[]> ArgShapes => new() { { [17] }, { [3, 33] }, { [4, 5, 7] }, { [2, 1, 127] }, { [1000] } };

    [Theory]
    [MemberData(nameof(ArgShapes))]
    public void ArgMax_and_ArgMin_pick_the_first_extremum_along_each_axis(int[] shape)
    {
        foreach (var dtype in new[] { DType.Float32, DType.Float64, DType.Int32, DType.Int64 })
        {
            // Few distinct values, so ties are everywhere.
            var rng = new Random(13);
            var values = Enumerable.Range(0, Reference.Size(shape)).Select(_ => (double)rng.Next(-3, 4)).ToArray();
            var x = Ops.Cast(Tensor.FromArray(values, shape), dtype);
            for (int axis = -shape.Length; axis < shape.Length; axis++)
            {
                foreach (bool max in new[] { true, false })
                {
                    var expected = ArgReference(values, shape, axis, max, out var keptShape);
                    var result = max ? Ops.ArgMax(x, axis) : Ops.ArgMin(x, axis);
                    Assert.Equal(DType.Int32, result.DType);
                    Assert.Equal(expected, result.ToArray<int>());
                    var kept = max ? Ops.ArgMax(x, axis, keepDims: true) : Ops.ArgMin(x, axis, keepDims: true);
                    Assert.Equal(new Shape(keptShape), kept.Shape);
                }
            }
            Assert.Equal(Array.IndexOf(values, values.Max()), Ops.ArgMax(x).Item<int>());
            Assert.Equal(Array.IndexOf(values, values.Min()), Ops.ArgMin(x).Item<int>());
            Assert.Equal(new Shape(Enumerable.Repeat(1, shape.Length).ToArray()), Ops.ArgMax(x, keepDims: true).Shape);
        }
    }

    private static int[] ArgReference(double[] values, int[] shape, int axis, bool max, out int[] keptShape)
    {
        int a = (axis + shape.Length) % shape.Length;
        keptShape = shape.Select((d, i) => i == a ? 1 : d).ToArray();
        var result = new int[Reference.Size(keptShape)];
        for (int flat = 0; flat < result.Length; flat++)
        {
            var index = Reference.Unravel(flat, keptShape);
            int best = 0;
            double bestValue = double.NaN;
            for (int k = 0; k < shape[a]; k++)
            {
                index[a] = k;
                int source = 0;
                for (int i = 0; i < shape.Length; i++) source = source * shape[i] + index[i];
                double v = values[source];
                if (k == 0 || (max ? v > bestValue : v < bestValue))
                {
                    best = k;
                    bestValue = v;
                }
            }
            result[flat] = best;
        }
        return result;
    }

    [Fact]
    public void ArgMax_follows_keras_for_nan_and_signed_zeros_on_both_kernels()
    {
        // Along the last axis (vector kernel) and along the first (column kernel) the order must agree.
        var row = Tensor.FromArray(new[] { -0f, 0f, 1f, float.NaN, 2f, float.NaN });
        Assert.Equal(3, Ops.ArgMax(row).Item<int>());
        Assert.Equal(3, Ops.ArgMin(row).Item<int>());
        Assert.Equal(1, Ops.ArgMax(Tensor.FromArray(new[] { -0f, 0f })).Item<int>());
        Assert.Equal(1, Ops.ArgMin(Tensor.FromArray(new[] { 0f, -0f })).Item<int>());
        Assert.Equal(0, Ops.ArgMax(Tensor.FromArray(new[] { 0f, -0f })).Item<int>());

        var columns = Tensor.FromArray(new[] { -0f, 0f, 0f, -0f, 1f, 1f, float.NaN, 2f, 2f, float.NaN }, 5, 2);
        Assert.Equal(new[] { 3, 4 }, Ops.ArgMax(columns, 0).ToArray<int>());
        Assert.Equal(new[] { 3, 4 }, Ops.ArgMin(columns, 0).ToArray<int>());
        var zeros = Tensor.FromArray(new[] { -0f, 0f, 0f, -0f }, 2, 2);
        Assert.Equal(new[] { 1, 0 }, Ops.ArgMax(zeros, 0).ToArray<int>());
        Assert.Equal(new[] { 0, 1 }, Ops.ArgMin(zeros, 0).ToArray<int>());
    }

    [Fact]
    public void Integer_and_bool_dtypes_follow_keras()
    {
        var i = Tensor.FromArray(new[] { 1, 2, 3, 4 }, 2, 2);
        Assert.Equal(DType.Int32, Ops.Sum(i).DType);
        Assert.Equal(new[] { 4, 6 }, Ops.Sum(i, 0).ToArray<int>());
        Assert.Equal(DType.Int64, Ops.Sum(Ops.Cast(i, DType.Int64)).DType);
        Assert.Equal(DType.Float32, Ops.Mean(i).DType);
        Assert.Equal(2.5f, Ops.Mean(i).Item<float>());
        Assert.Equal(new[] { 3, 4 }, Ops.Max(i, 0).ToArray<int>());
        Assert.Equal(new[] { 1, 3 }, Ops.Min(i, 1).ToArray<int>());
        Assert.Equal(DType.Float32, Ops.Variance(i).DType);
        Assert.Equal(1.25f, Ops.Variance(i).Item<float>());

        var flags = Tensor.FromArray(new[] { true, false, true, true }, 2, 2);
        Assert.Equal(DType.Int32, Ops.Sum(flags).DType);
        Assert.Equal(3, Ops.Sum(flags).Item<int>());
        Assert.Equal(new[] { true, true }, Ops.Max(flags, 1).ToArray<bool>());
        Assert.Equal(new[] { false, true }, Ops.Min(flags, 1).ToArray<bool>());
        Assert.Equal(0, Ops.ArgMax(flags).Item<int>());
        Assert.Equal(1, Ops.ArgMin(flags).Item<int>());
    }

    [Fact]
    public void Empty_reductions_follow_numpy()
    {
        var empty = Tensor.Zeros(0, 3);
        Assert.Equal(new[] { 0f, 0f, 0f }, Ops.Sum(empty, 0).ToArray<float>());
        Assert.All(Ops.Mean(empty, 0).ToArray<float>(), v => Assert.True(float.IsNaN(v)));
        Assert.Equal(new Shape(0), Ops.Max(empty, 1).Shape);
        Assertions.Throws<ArgumentException>(() => Ops.Max(empty, 0), "Max", "(0, 3)", "zero elements");
        Assertions.Throws<ArgumentException>(() => Ops.ArgMin(empty, 0), "ArgMin", "axis 0", "(0, 3)");
        Assertions.Throws<ArgumentException>(() => Ops.ArgMax(empty), "ArgMax", "empty");
    }

    [Fact]
    public void Bad_axes_name_the_op_the_axis_the_rank_and_the_valid_range()
    {
        var x = Tensor.Zeros(2, 3, 4);
        Assertions.Throws<ArgumentOutOfRangeException>(() => Ops.Sum(x, 3), "Sum", "axis 3", "rank 3", "-3..2");
        Assertions.Throws<ArgumentOutOfRangeException>(() => Ops.Mean(x, [0, -4]), "Mean", "axis -4", "rank 3", "-3..2");
        Assertions.Throws<ArgumentOutOfRangeException>(() => Ops.ArgMax(x, 5), "ArgMax", "axis 5", "rank 3");
        Assertions.Throws<ArgumentOutOfRangeException>(() => Ops.Max(Tensor.Scalar(1f), 0), "Max", "rank 0", "scalar");
        Assertions.Throws<ArgumentException>(() => Ops.Variance(x, [1, -2]), "Variance", "axis 1", "more than once", "rank 3");
        Assertions.Throws<ArgumentException>(() => Ops.LogSumExp(x, [0, 0]), "LogSumExp", "axis 0", "more than once");
        Assertions.Throws<ArgumentNullException>(() => Ops.Sum(x, (int[])null!), "Sum", "axes");
    }
}
