using Layers.Tests.Support;
using R = Layers.Tests.Support.ElementwiseReference;

namespace Layers.Tests.Operations;

public class SoftmaxTests
{
    public static TheoryData<int[], int, bool> ShapesAxesAndKinds()
    {
        var data = new TheoryData<int[], int, bool>();
        foreach (bool log in new[] { false, true })
        {
            foreach (var shape in new[] { new[] { 17 }, [3, 33], [4, 1, 7], [2, 127, 3], [5, 1000] })
                for (int axis = -shape.Length; axis < shape.Length; axis++)
                    data.Add(shape, axis, log);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ShapesAxesAndKinds))]
    public void Matches_the_reference_along_every_axis(int[] shape, int axis, bool log)
    {
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            var x = TestData.Tensor(3, shape, out var values, dtype, -8, 8);
            var expected = R.Softmax(values, shape, axis, log);
            var result = log ? Ops.LogSoftmax(x, axis) : Ops.Softmax(x, axis);
            Assert.Equal(dtype, result.DType);
            double rtol = dtype == DType.Float32 ? 2e-6 : 1e-13;
            Assertions.Close(expected, result, rtol, atol: dtype == DType.Float32 ? 1e-6 : 1e-14, shape: new Shape(shape));
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Inputs_of_plus_minus_1000_give_exact_results(bool log)
    {
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            var x = Ops.Cast(Tensor.FromArray(new[] { 1000.0, -1000.0, -1000.0, 1000.0, 1000.0, -1000.0, 0.0, 1000.0, -1000.0 }, 3, 3), dtype);
            var rows = log ? Ops.LogSoftmax(x) : Ops.Softmax(x);
            double ln2 = Math.Log(2);
            double[] expected = log
                ? [0, -2000, -2000, -ln2, -ln2, -2000 - ln2, -1000, 0, -2000]
                : [1, 0, 0, 0.5, 0.5, 0, 0, 1, 0];
            Assertions.Close(expected, rows, rtol: 1e-7, atol: 0);
            // The transposed matrix along the first axis exercises the column kernel and gives the transposed result.
            var transposed = Ops.Cast(Tensor.FromArray(new[] { 1000.0, 1000.0, 0.0, -1000.0, 1000.0, 1000.0, -1000.0, -1000.0, -1000.0 }, 3, 3), dtype);
            var columns = log ? Ops.LogSoftmax(transposed, 0) : Ops.Softmax(transposed, 0);
            double[] expectedColumns = log
                ? [0, -ln2, -1000, -2000, -ln2, 0, -2000, -2000 - ln2, -2000]
                : [1, 0.5, 0, 0, 0.5, 1, 0, 0, 0];
            Assertions.Close(expectedColumns, columns, rtol: 1e-7, atol: 0);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Long_rows_of_plus_minus_1000_give_exact_results(bool log)
    {
        // 100 logits, one at +1000 and the rest at -1000: long enough for the vectorized row kernel.
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            var values = Enumerable.Repeat(-1000.0, 100).ToArray();
            values[37] = 1000;
            var x = Ops.Cast(Tensor.FromArray(values, 1, 100), dtype);
            var expected = values.Select(v => log ? v - 1000 : v == 1000 ? 1.0 : 0.0).ToArray();
            Assertions.Close(expected, log ? Ops.LogSoftmax(x) : Ops.Softmax(x), rtol: 0, atol: 0);
            var column = Ops.Cast(Tensor.FromArray(values, 100, 1), dtype);
            Assertions.Close(expected, log ? Ops.LogSoftmax(column, 0) : Ops.Softmax(column, 0), rtol: 0, atol: 0);
        }
    }

    [Fact]
    public void Softmax_rows_sum_to_one_and_log_softmax_is_its_log()
    {
        var x = TestData.Tensor(4, new Shape(6, 1000), DType.Float32, -30, 30);
        var sums = Ops.Sum(Ops.Softmax(x), 1).ToArray<float>();
        Assert.All(sums, s => Assert.Equal(1.0, s, 1e-6));
        Assertions.Close(TestData.ToDoubles(Ops.Log(Ops.Softmax(Ops.Cast(x, DType.Float64)))), Ops.LogSoftmax(x), rtol: 2e-6, atol: 2e-6);
    }

    [Fact]
    public void Null_axis_normalizes_over_every_element()
    {
        var x = TestData.Tensor(5, new Shape(3, 4), out var values, DType.Float64);
        var expected = R.Softmax(values, [12], 0, log: false);
        Assertions.Close(expected, Ops.Softmax(x, axis: null), rtol: 1e-14, shape: x.Shape);
        Assertions.Close(R.Softmax(values, [12], 0, log: true), Ops.LogSoftmax(x, axis: null), rtol: 1e-14, shape: x.Shape);
    }

    [Theory]
    [MemberData(nameof(ShapesAxesAndKinds))]
    public void Gradients_match_finite_differences(int[] shape, int axis, bool log)
    {
        if (Reference.Size(shape) > 600) shape = shape.Select(d => Math.Min(d, 9)).ToArray();
        var x = TestData.Tensor(6, shape, DType.Float64, -3, 3);
        GradCheck.Check(t => log ? Ops.LogSoftmax(t[0], axis) : Ops.Softmax(t[0], axis), [x]);
    }

    [Fact]
    public void Null_axis_gradients_match_finite_differences()
    {
        var x = TestData.Tensor(7, new Shape(3, 5), DType.Float64, -3, 3);
        GradCheck.Check(t => Ops.Softmax(t[0], null), [x]);
        GradCheck.Check(t => Ops.LogSoftmax(t[0], null), [x]);
    }

    [Fact]
    public void Float32_gradients_agree_with_the_float64_path()
    {
        var x64 = TestData.Tensor(8, new Shape(4, 33), DType.Float64, -5, 5);
        var x32 = Ops.Cast(x64, DType.Float32);
        foreach (int axis in new[] { 0, 1 })
        {
            foreach (bool log in new[] { false, true })
            {
                Func<Tensor, Tensor> f = t => log ? Ops.LogSoftmax(t, axis) : Ops.Softmax(t, axis);
                Assertions.Close(TestData.ToDoubles(Gradient(f, x64)), Gradient(f, x32), rtol: 1e-5, atol: 1e-6);
            }
        }
    }

    private static Tensor Gradient(Func<Tensor, Tensor> f, Tensor x)
    {
        using var tape = new GradientTape();
        tape.Watch(x);
        var y = f(x);
        var loss = Ops.Sum(Ops.Multiply(y, TestData.Tensor(9, y.Shape, x.DType, -1, 1)));
        return tape.Gradient(loss, [x])[0];
    }

    [Fact]
    public void Integers_compute_in_float32_and_errors_name_the_op()
    {
        var i = Tensor.FromArray(new[] { 1, 1 });
        var y = Ops.Softmax(i);
        Assert.Equal(DType.Float32, y.DType);
        Assert.Equal(new[] { 0.5f, 0.5f }, y.ToArray<float>());
        Assertions.Throws<ArgumentOutOfRangeException>(() => Ops.Softmax(Tensor.Zeros(2, 3), 2), "Softmax", "axis 2", "rank 2", "-2..1");
        Assertions.Throws<ArgumentOutOfRangeException>(() => Ops.LogSoftmax(Tensor.Scalar(1f)), "LogSoftmax", "rank 0");
        Assertions.Throws<ArgumentNullException>(() => Ops.Softmax(null!), "Softmax", "'x'");
    }
}
