using Layers.Tests.Support;

namespace Layers.Tests.Operations;

public class ShapeOpsTests
{
    public static readonly int[][] Shapes = [[17], [1], [127], [3, 17], [33, 1], [1, 3], [3, 1, 17], [2, 3, 5], [2, 3, 1, 5], [3, 1, 17, 2]];

    public static readonly DType[] AllDTypes = [DType.Float32, DType.Float64, DType.Int32, DType.Int64, DType.Bool];

    /// <summary>A tensor of any dtype with mostly distinct values, and those values as doubles.</summary>
    internal static Tensor Make(int seed, int[] shape, DType dtype, out double[] values)
    {
        var tensor = dtype switch
        {
            DType.Bool => Tensor.FromSpan<bool>(TestData.Uniform(seed, Reference.Size(shape)).Select(v => v > 0).ToArray(), shape),
            DType.Int32 or DType.Int64 => TestData.Tensor(seed, shape, dtype, -1000, 1000),
            _ => TestData.Tensor(seed, shape, dtype),
        };
        values = TestData.ToDoubles(tensor);
        return tensor;
    }

    [Fact]
    public void Reshape_keeps_row_major_order_for_every_dtype_and_infers_minus_one()
    {
        foreach (var dtype in AllDTypes)
        {
            var x = Make(1, [3, 4, 5], dtype, out var values);
            foreach (int[] target in new[] { new[] { 60 }, [5, 12], [-1, 3], [2, -1, 5], [1, 60, 1], [3, 4, 5] })
            {
                var y = Ops.Reshape(x, target);
                int[] expectedShape = target.Contains(-1) ? target.Select(d => d == -1 ? 60 / -target.Aggregate((p, q) => p * q) : d).ToArray() : target;
                Assert.Equal(new Shape(expectedShape), y.Shape);
                Assert.Equal(dtype, y.DType);
                Assert.Equal(values, TestData.ToDoubles(y));
            }
        }
        Assert.Equal(new Shape(), Ops.Reshape(Tensor.FromArray(new[] { 2f }), []).Shape);
        Assert.Equal(new Shape(0, 3), Ops.Reshape(Tensor.Zeros(3, 0), 0, 3).Shape);
    }

    [Fact]
    public void ExpandDims_inserts_at_every_axis_including_negative()
    {
        foreach (var shape in Shapes)
        {
            var x = Make(2, shape, DType.Float32, out var values);
            for (int axis = -shape.Length - 1; axis <= shape.Length; axis++)
            {
                int position = axis < 0 ? axis + shape.Length + 1 : axis;
                var expected = shape.ToList();
                expected.Insert(position, 1);
                var y = Ops.ExpandDims(x, axis);
                Assert.Equal(new Shape(expected.ToArray()), y.Shape);
                Assert.Equal(values, TestData.ToDoubles(y));
            }
        }
    }

    [Fact]
    public void Squeeze_removes_one_axis_or_all_size_one_axes()
    {
        var x = Make(3, [1, 3, 1, 5, 1], DType.Int64, out var values);
        Assert.Equal(new Shape(3, 5), Ops.Squeeze(x).Shape);
        Assert.Equal(new Shape(3, 1, 5, 1), Ops.Squeeze(x, 0).Shape);
        Assert.Equal(new Shape(1, 3, 5, 1), Ops.Squeeze(x, 2).Shape);
        Assert.Equal(new Shape(1, 3, 1, 5), Ops.Squeeze(x, -1).Shape);
        Assert.Equal(values, TestData.ToDoubles(Ops.Squeeze(x, -3)));
        Assert.Equal(Shape.Scalar, Ops.Squeeze(Tensor.Zeros(1, 1)).Shape);
        Assert.Equal(new Shape(3), Ops.Squeeze(Tensor.Zeros(3)).Shape);
    }

    [Fact]
    public void Views_share_storage_with_ordinary_tensors()
    {
        var x = Tensor.FromArray(new[] { 1f, 2f, 3f, 4f, 5f, 6f }, 2, 3);
        Assert.True(Ops.Reshape(x, 3, 2).SharesStorageWith(x));
        Assert.True(Ops.ExpandDims(x, 0).SharesStorageWith(x));
        Assert.True(Ops.Squeeze(Ops.ExpandDims(x, 1)).SharesStorageWith(x));
    }

    [Fact]
    public void A_view_of_a_variable_never_changes_when_the_variable_is_assigned()
    {
        var variable = new Variable(Tensor.FromArray(new[] { 1f, 2f, 3f, 4f, 5f, 6f }, 2, 3), "kernel");
        var reshaped = Ops.Reshape(variable, 3, 2);
        var expanded = Ops.ExpandDims(variable, 0);
        var squeezed = Ops.Squeeze(Ops.ExpandDims(variable, -1));
        Assert.False(reshaped.SharesStorageWith(variable.Value));
        variable.Assign(Tensor.Zeros(2, 3));
        variable.AssignAdd(Tensor.Ones(2, 3));
        Assert.Equal(new[] { 1f, 2f, 3f, 4f, 5f, 6f }, reshaped.ToArray<float>());
        Assert.Equal(new[] { 1f, 2f, 3f, 4f, 5f, 6f }, expanded.ToArray<float>());
        Assert.Equal(new[] { 1f, 2f, 3f, 4f, 5f, 6f }, squeezed.ToArray<float>());
    }

    [Fact]
    public void Reshape_of_a_variable_is_differentiable_with_respect_to_it()
    {
        var variable = new Variable(Tensor.FromArray(new[] { 1.0, 2.0, 3.0, 4.0, 5.0, 6.0 }, 2, 3), "w");
        var weights = Tensor.FromArray(new[] { 1.0, 10.0, 100.0, 1000.0, 1e4, 1e5 }, 3, 2);
        Tensor grad;
        using (var tape = new GradientTape())
        {
            var y = Ops.Multiply(Ops.Reshape(variable, 3, 2), weights);
            grad = tape.Gradient(y, [variable])[0];
        }
        Assert.Equal(new Shape(2, 3), grad.Shape);
        Assert.Equal(new[] { 1.0, 10.0, 100.0, 1000.0, 1e4, 1e5 }, grad.ToArray<double>());
    }

    [Fact]
    public void Gradients_match_finite_differences()
    {
        var x = TestData.Tensor(4, new Shape(3, 1, 5), DType.Float64);
        GradCheck.Check(t => Ops.Reshape(t[0], 5, -1), [x]);
        GradCheck.Check(t => Ops.Reshape(t[0], 15), [x]);
        GradCheck.Check(t => Ops.ExpandDims(t[0], -1), [x]);
        GradCheck.Check(t => Ops.ExpandDims(t[0], 0), [x]);
        GradCheck.Check(t => Ops.Squeeze(t[0]), [x]);
        GradCheck.Check(t => Ops.Squeeze(t[0], 1), [x]);
        // Chained views: the gradient flows back through each relabelling.
        GradCheck.Check(t => Ops.Multiply(Ops.Reshape(Ops.ExpandDims(t[0], 0), 5, 3), Ops.Reshape(t[0], 5, 3)), [x]);
    }

    [Fact]
    public void Reshape_errors_name_the_op_both_sizes_and_the_rule()
    {
        var x = Tensor.Zeros(2, 3);
        Assertions.Throws<ArgumentException>(() => Ops.Reshape(x, 4, 2), "Reshape", "(2, 3)", "6 elements", "(4, 2)", "8 elements", "must match");
        Assertions.Throws<ArgumentException>(() => Ops.Reshape(x, 4, -1), "Reshape", "(2, 3)", "6 elements", "(4, -1)", "not a multiple of 4");
        Assertions.Throws<ArgumentException>(() => Ops.Reshape(x, -1, -1), "Reshape", "(-1, -1)", "more than one -1");
        Assertions.Throws<ArgumentException>(() => Ops.Reshape(x, -2, 3), "Reshape", "-2", ">= 0");
        Assertions.Throws<ArgumentException>(() => Ops.Reshape(Tensor.Zeros(0, 3), 0, -1), "Reshape", "ambiguous");
    }

    [Fact]
    public void ExpandDims_and_Squeeze_errors_name_the_axis_and_valid_range()
    {
        var x = Tensor.Zeros(2, 1, 3);
        Assertions.Throws<ArgumentOutOfRangeException>(() => Ops.ExpandDims(x, 4), "ExpandDims", "axis 4", "(2, 1, 3)", "-4..3");
        Assertions.Throws<ArgumentOutOfRangeException>(() => Ops.ExpandDims(x, -5), "ExpandDims", "axis -5");
        Assertions.Throws<ArgumentException>(() => Ops.Squeeze(x, 0), "Squeeze", "axis 0", "(2, 1, 3)", "size 2", "size 1", "axis 1");
        Assertions.Throws<ArgumentException>(() => Ops.Squeeze(Tensor.Zeros(2, 3), -1), "Squeeze", "size 3", "has none");
        Assertions.Throws<ArgumentOutOfRangeException>(() => Ops.Squeeze(x, 3), "Squeeze", "axis 3", "-3..2");
    }
}
