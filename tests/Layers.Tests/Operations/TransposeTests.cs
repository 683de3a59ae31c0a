using Layers.Tests.Support;

namespace Layers.Tests.Operations;

public class TransposeTests
{
    [Fact]
    public void Every_permutation_of_rank_1_to_4_matches_the_reference_for_every_dtype()
    {
        foreach (var shape in ShapeOpsTests.Shapes.Append([3, 4, 5, 7]).Append([2, 1, 1, 3]))
            foreach (var perm in ShapeReference.Permutations(shape.Length))
                foreach (var dtype in ShapeOpsTests.AllDTypes)
                {
                    var x = ShapeOpsTests.Make(1, shape, dtype, out var values);
                    var expected = ShapeReference.Transpose(values, shape, perm, out var outShape);
                    var y = Ops.Transpose(x, perm);
                    Assert.Equal(new Shape(outShape), y.Shape);
                    Assert.Equal(dtype, y.DType);
                    Assert.Equal(expected, TestData.ToDoubles(y));
                }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 17)]
    [InlineData(33, 127)]
    [InlineData(127, 33)]
    [InlineData(64, 64)]
    [InlineData(67, 129)]
    [InlineData(1000, 3)]
    public void Matrix_and_batched_matrix_transposes_match_the_reference_across_tile_edges(int rows, int cols)
    {
        foreach (var dtype in new[] { DType.Float32, DType.Float64, DType.Bool })
        {
            var x = ShapeOpsTests.Make(2, [rows, cols], dtype, out var values);
            Assert.Equal(ShapeReference.Transpose(values, [rows, cols], [1, 0], out _), TestData.ToDoubles(Ops.Transpose(x)));
            var batch = ShapeOpsTests.Make(3, [3, rows, cols], dtype, out var batchValues);
            Assert.Equal(ShapeReference.Transpose(batchValues, [3, rows, cols], [0, 2, 1], out _), TestData.ToDoubles(Ops.Transpose(batch, 0, 2, 1)));
        }
    }

    [Fact]
    public void Default_reverses_axes_and_negative_axes_are_accepted()
    {
        var x = ShapeOpsTests.Make(4, [2, 3, 5], DType.Float32, out var values);
        Assert.Equal(ShapeReference.Transpose(values, [2, 3, 5], [2, 1, 0], out _), TestData.ToDoubles(Ops.Transpose(x)));
        Assert.Equal(ShapeReference.Transpose(values, [2, 3, 5], [0, 2, 1], out _), TestData.ToDoubles(Ops.Transpose(x, 0, -1, -2)));
        Assert.Equal(new Shape(5, 2, 3), Ops.Permute(x, 2, 0, 1).Shape);
        var scalar = Tensor.Scalar(3f);
        Assert.Equal(3f, Ops.Transpose(scalar).Item<float>());
        Assert.Equal(new Shape(0, 2), Ops.Transpose(Tensor.Zeros(2, 0)).Shape);
    }

    [Fact]
    public void Transpose_never_aliases_its_input()
    {
        var x = Tensor.FromArray(new[] { 1f, 2f, 3f }, 3);
        Assert.False(Ops.Transpose(x).SharesStorageWith(x));
    }

    [Fact]
    public void Gradients_match_finite_differences()
    {
        var x = TestData.Tensor(5, new Shape(2, 3, 4), DType.Float64);
        foreach (var perm in ShapeReference.Permutations(3))
            GradCheck.Check(t => Ops.Transpose(t[0], perm), [x]);
        GradCheck.Check(t => Ops.Transpose(t[0]), [TestData.Tensor(6, new Shape(3, 17), DType.Float64)]);
    }

    [Fact]
    public void A_bad_permutation_is_named_with_the_shape_and_the_rule()
    {
        var x = Tensor.Zeros(2, 3, 4);
        Assertions.Throws<ArgumentException>(() => Ops.Transpose(x, 0, 0, 1), "Transpose", "perm [0, 0, 1]", "(2, 3, 4)", "0..2 exactly once");
        Assertions.Throws<ArgumentException>(() => Ops.Transpose(x, 1, 0), "Transpose", "perm [1, 0]", "3 entries");
        Assertions.Throws<ArgumentException>(() => Ops.Transpose(x, 0, 1, 3), "Transpose", "perm [0, 1, 3]");
        Assertions.Throws<ArgumentException>(() => Ops.Transpose(x, 0, 1, -4), "Transpose", "perm [0, 1, -4]");
    }

    [Fact]
    public void Simplify_merges_adjacent_axes_and_drops_unit_axes()
    {
        TransposeKernel.Simplify([2, 3, 4, 5], [2, 3, 0, 1], out var dims, out var order);
        Assert.Equal(new[] { 6, 20 }, dims);
        Assert.Equal(new[] { 1, 0 }, order);
        TransposeKernel.Simplify([2, 1, 3], [1, 0, 2], out dims, out order);
        Assert.Equal(new[] { 6 }, dims);
        Assert.Equal(new[] { 0 }, order);
    }
}
