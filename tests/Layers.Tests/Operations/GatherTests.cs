using Layers.Tests.Support;

namespace Layers.Tests.Operations;

public class GatherTests
{
    public static readonly int[][] IndexShapes = [[], [1], [5], [2, 3], [3, 1, 2]];

    [Fact]
    public void Every_axis_and_index_shape_matches_the_reference()
    {
        foreach (var shape in ShapeOpsTests.Shapes)
            foreach (var indexShape in IndexShapes)
                foreach (var dtype in ShapeOpsTests.AllDTypes)
                    for (int axis = -shape.Length; axis < shape.Length; axis++)
                    {
                        int a = axis < 0 ? axis + shape.Length : axis;
                        var x = ShapeOpsTests.Make(1, shape, dtype, out var values);
                        var raw = TestData.Uniform(a + 3, Reference.Size(indexShape), -shape[a], shape[a]);
                        var indices = raw.Select(v => (long)Math.Floor(v)).ToArray(); // includes negatives
                        var expected = ShapeReference.Take(values, shape, indices, indexShape, a, out var outShape);

                        var y32 = Ops.Gather(x, Tensor.FromSpan<int>(indices.Select(v => (int)v).ToArray(), indexShape), axis);
                        Assert.Equal(new Shape(outShape), y32.Shape);
                        Assert.Equal(expected, TestData.ToDoubles(y32));
                        var y64 = Ops.Take(x, Tensor.FromSpan<long>(indices, indexShape), axis);
                        Assert.Equal(expected, TestData.ToDoubles(y64));
                    }
    }

    [Fact]
    public void Embedding_lookup_gathers_rows_of_a_table()
    {
        int[] shape = [127, 33];
        var table = ShapeOpsTests.Make(2, shape, DType.Float32, out var values);
        long[] tokens = [5, 0, 126, 5, 17, 99];
        var ids = Tensor.FromArray(tokens.Select(t => (int)t).ToArray(), 2, 3);
        var embedded = Ops.Gather(table, ids);
        Assert.Equal(new Shape(2, 3, 33), embedded.Shape);
        Assert.Equal(ShapeReference.Take(values, shape, tokens, [2, 3], 0, out _), TestData.ToDoubles(embedded));
    }

    [Fact]
    public void Take_without_axis_indexes_the_flattened_tensor()
    {
        var x = ShapeOpsTests.Make(3, [3, 5], DType.Int32, out var values);
        var y = Ops.Take(x, Tensor.FromArray(new[] { 14, 0, -1, 7 }, 2, 2));
        Assert.Equal(new Shape(2, 2), y.Shape);
        Assert.Equal(new[] { values[14], values[0], values[14], values[7] }, TestData.ToDoubles(y));
    }

    [Fact]
    public void Gradient_scatter_adds_into_zeros_including_repeated_indices()
    {
        var x = TestData.Tensor(4, new Shape(5, 3), DType.Float64);
        var repeated = Tensor.FromArray(new[] { 1, 3, 1, 1, -1 }, 5);
        GradCheck.Check(t => Ops.Gather(t[0], repeated), [x]);
        GradCheck.Check(t => Ops.Gather(t[0], Tensor.FromArray(new long[] { 2, 2, 0, 2 }, 2, 2), 1), [x]);
        GradCheck.Check(t => Ops.Take(t[0], Tensor.FromArray(new[] { 4, 4, 14 })), [x]);
        var cube = TestData.Tensor(5, new Shape(2, 4, 3), DType.Float64);
        GradCheck.Check(t => Ops.Gather(t[0], Tensor.FromArray(new[] { 3, 0, 3 }), -2), [cube]);

        // Explicitly: a row picked three times gets three times the gradient; an unpicked row gets zero.
        var table = new Variable(Tensor.Zeros(new Shape(4, 2), DType.Float64), "table");
        Tensor grad;
        using (var tape = new GradientTape())
            grad = tape.Gradient(Ops.Gather(table, Tensor.FromArray(new[] { 2, 0, 2, 2 })), [table])[0];
        Assert.Equal(new[] { 1.0, 1.0, 0, 0, 3, 3, 0, 0 }, grad.ToArray<double>());
    }

    [Fact]
    public void Out_of_range_index_names_the_index_its_position_and_the_bound()
    {
        var x = Tensor.Zeros(4, 3);
        Assertions.Throws<IndexOutOfRangeException>(() => Ops.Gather(x, Tensor.FromArray(new[] { 0, 4 })),
            "Gather", "index 4", "position [1]", "axis 0", "size 4", "(4, 3)", "-4..3");
        Assertions.Throws<IndexOutOfRangeException>(() => Ops.Gather(x, Tensor.FromArray(new long[] { 1, 2, -4, -5 }, 2, 2), 0),
            "index -5", "position [1, 1]");
        Assertions.Throws<IndexOutOfRangeException>(() => Ops.Take(x, Tensor.FromArray(new[] { 12 })), "Take", "index 12", "size 12");
        Assertions.Throws<ArgumentException>(() => Ops.Gather(x, Tensor.FromArray(new[] { 1f })), "Gather", "int32 or int64", "float32");
        Assertions.Throws<ArgumentOutOfRangeException>(() => Ops.Gather(x, Tensor.FromArray(new[] { 0 }), 2), "Gather", "axis 2", "-2..1");
    }
}
