using Layers.Tests.Support;

namespace Layers.Tests.Operations;

public class JoinTests
{
    [Fact]
    public void Concat_along_every_axis_of_rank_1_to_4_matches_the_reference()
    {
        foreach (var shape in ShapeOpsTests.Shapes)
            foreach (var dtype in ShapeOpsTests.AllDTypes)
                for (int axis = -shape.Length; axis < shape.Length; axis++)
                {
                    int a = axis < 0 ? axis + shape.Length : axis;
                    int[][] shapes = [shape, With(shape, a, 3), With(shape, a, 1), With(shape, a, 0)];
                    var values = new double[shapes.Length][];
                    var tensors = shapes.Select((s, i) => ShapeOpsTests.Make(10 + i, s, dtype, out values[i])).ToArray();
                    var expected = ShapeReference.Concat(values, shapes, a, out var outShape);
                    var y = Ops.Concat(tensors, axis);
                    Assert.Equal(new Shape(outShape), y.Shape);
                    Assert.Equal(dtype, y.DType);
                    Assert.Equal(expected, TestData.ToDoubles(y));
                }
    }

    [Fact]
    public void Stack_along_every_new_axis_matches_the_reference()
    {
        foreach (var shape in ShapeOpsTests.Shapes.Prepend([]))
            foreach (var dtype in ShapeOpsTests.AllDTypes)
                for (int axis = -shape.Length - 1; axis <= shape.Length; axis++)
                {
                    int a = axis < 0 ? axis + shape.Length + 1 : axis;
                    var values = new double[3][];
                    var tensors = Enumerable.Range(0, 3).Select(i => ShapeOpsTests.Make(20 + i, shape, dtype, out values[i])).ToArray();
                    var expected = ShapeReference.Stack(values, shape, a, out var outShape);
                    var y = Ops.Stack(tensors, axis);
                    Assert.Equal(new Shape(outShape), y.Shape);
                    Assert.Equal(expected, TestData.ToDoubles(y));
                }
    }

    [Fact]
    public void Mixed_dtypes_are_promoted_as_in_arithmetic()
    {
        var i = Tensor.FromArray(new[] { 1, 2 });
        var f = Tensor.FromArray(new[] { 0.5f });
        var joined = Ops.Concat([i, f]);
        Assert.Equal(DType.Float32, joined.DType);
        Assert.Equal(new[] { 1f, 2f, 0.5f }, joined.ToArray<float>());
        Assert.Equal(DType.Int64, Ops.Stack([i, Tensor.FromArray(new[] { 3L, 4L })]).DType);
    }

    [Fact]
    public void Gradients_match_finite_differences()
    {
        var a = TestData.Tensor(1, new Shape(2, 3, 4), DType.Float64);
        var b = TestData.Tensor(2, new Shape(2, 1, 4), DType.Float64);
        var c = TestData.Tensor(3, new Shape(2, 5, 4), DType.Float64);
        GradCheck.Check(t => Ops.Concat(t, 1), [a, b, c]);
        var d = TestData.Tensor(4, new Shape(2, 3, 4), DType.Float64);
        for (int axis = -4; axis <= 3; axis++)
        {
            int stackAxis = axis;
            GradCheck.Check(t => Ops.Stack(t, stackAxis), [a, d]);
        }
        GradCheck.Check(t => Ops.Concat(-1, t[0], t[1], t[0]), [a, d]);
        // The same tensor twice: both slices of the gradient are added.
        GradCheck.Check(t => Ops.Stack(0, t[0], t[0]), [a]);
    }

    [Fact]
    public void Errors_name_the_op_the_shapes_and_the_rule()
    {
        var a = Tensor.Zeros(2, 3);
        var b = Tensor.Zeros(3, 3);
        Assertions.Throws<ArgumentException>(() => Ops.Concat([a, b], 1), "Concat", "axis 1", "(2, 3)", "tensor 1", "(3, 3)", "except on that axis");
        Assertions.Throws<ArgumentException>(() => Ops.Concat([a, Tensor.Zeros(2)], 0), "Concat", "tensor 1", "(2,)");
        Assertions.Throws<ArgumentOutOfRangeException>(() => Ops.Concat([a, a], 2), "Concat", "axis 2", "-2..1");
        Assertions.Throws<ArgumentException>(() => Ops.Concat(Array.Empty<Tensor>()), "Concat", "at least one");
        Assertions.Throws<ArgumentException>(() => Ops.Stack([a, b]), "Stack", "same shape", "(2, 3)", "tensor 1", "(3, 3)");
        Assertions.Throws<ArgumentOutOfRangeException>(() => Ops.Stack([a, a], 3), "Stack", "axis 3", "-3..2");
        Assertions.Throws<ArgumentNullException>(() => Ops.Stack([a, null!]), "Stack", "tensor 1", "null");
    }

    private static int[] With(int[] shape, int axis, int size)
    {
        var copy = (int[])shape.Clone();
        copy[axis] = size;
        return copy;
    }
}
