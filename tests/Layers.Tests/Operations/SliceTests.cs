using Layers.Tests.Support;

namespace Layers.Tests.Operations;

public class SliceTests
{
    [Fact]
    public void Every_axis_of_rank_1_to_4_with_positive_and_negative_starts_matches_the_reference()
    {
        foreach (var shape in ShapeOpsTests.Shapes)
            foreach (var dtype in ShapeOpsTests.AllDTypes)
            {
                var x = ShapeOpsTests.Make(1, shape, dtype, out var values);
                for (int axis = -shape.Length; axis < shape.Length; axis++)
                {
                    int a = axis < 0 ? axis + shape.Length : axis;
                    int dim = shape[a];
                    foreach (var (start, length) in new[] { (0, dim), (0, 0), (dim / 2, dim - dim / 2), (dim - 1, 1), (-1, 1), (-dim, dim / 3 + 1), (dim, 0) })
                    {
                        int first = start < 0 ? start + dim : start;
                        var starts = new int[shape.Length];
                        var sizes = (int[])shape.Clone();
                        starts[a] = first;
                        sizes[a] = length;
                        var y = Ops.Slice(x, axis, start, length);
                        Assert.Equal(new Shape(sizes), y.Shape);
                        Assert.Equal(ShapeReference.Slice(values, shape, starts, sizes), TestData.ToDoubles(y));
                    }
                }
            }
    }

    [Fact]
    public void Keras_style_box_slice_matches_the_reference()
    {
        int[] shape = [5, 17, 3, 33];
        var x = ShapeOpsTests.Make(2, shape, DType.Float32, out var values);
        int[] starts = [1, 3, 0, 5], sizes = [3, 13, 2, 27];
        Assert.Equal(ShapeReference.Slice(values, shape, starts, sizes), TestData.ToDoubles(Ops.Slice(x, starts, sizes)));
        Assert.Equal(ShapeReference.Slice(values, shape, [4, 14, 1, 0], [1, 3, 2, 33]), TestData.ToDoubles(Ops.Slice(x, [-1, -3, 1, 0], [1, 3, 2, 33])));
    }

    [Fact]
    public void Gradients_match_finite_differences()
    {
        var x = TestData.Tensor(3, new Shape(3, 5, 4), DType.Float64);
        GradCheck.Check(t => Ops.Slice(t[0], 1, 1, 3), [x]);
        GradCheck.Check(t => Ops.Slice(t[0], -1, -2, 2), [x]);
        GradCheck.Check(t => Ops.Slice(t[0], 0, 2, 1), [x]);
        GradCheck.Check(t => Ops.Slice(t[0], [1, 0, 1], [2, 5, 2]), [x]);
        // Overlapping slices of one tensor accumulate.
        GradCheck.Check(t => Ops.Multiply(Ops.Slice(t[0], 1, 0, 3), Ops.Slice(t[0], 1, 2, 3)), [x]);
    }

    [Fact]
    public void Bad_ranges_name_the_axis_its_size_and_what_fits()
    {
        var x = Tensor.Zeros(2, 5);
        Assertions.Throws<ArgumentOutOfRangeException>(() => Ops.Slice(x, 1, 3, 4), "Slice", "start 3", "length 4", "axis 1", "size 5", "(2, 5)", "length at most 2");
        Assertions.Throws<ArgumentOutOfRangeException>(() => Ops.Slice(x, 1, -6, 1), "Slice", "start -6", "-5..5");
        Assertions.Throws<ArgumentOutOfRangeException>(() => Ops.Slice(x, 0, 0, -1), "Slice", "length -1");
        Assertions.Throws<ArgumentOutOfRangeException>(() => Ops.Slice(x, 2, 0, 1), "Slice", "axis 2", "-2..1");
        Assertions.Throws<ArgumentException>(() => Ops.Slice(x, [0], [1]), "Slice", "rank 2", "2 entries");
        Assertions.Throws<ArgumentOutOfRangeException>(() => Ops.Slice(x, [0, 4], [1, 2]), "Slice", "axis 1", "size 5", "start 4", "size 2");
    }
}
