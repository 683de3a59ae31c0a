using System.Runtime.CompilerServices;
using Layers.Tests.Support;

namespace Layers.Tests.Tensors;

public class TensorBasicsTests
{
    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    [InlineData(DType.Int32)]
    [InlineData(DType.Int64)]
    [InlineData(DType.Bool)]
    public unsafe void Storage_starts_on_a_64_byte_boundary(DType dtype)
    {
        foreach (int size in TestData.OddSizes)
        {
            var tensor = Tensor.Zeros(new Shape(size), dtype);
            var address = (nuint)Unsafe.AsPointer(ref tensor.RawRef());
            Assert.Equal(0u, address % 64);
        }
    }

    [Fact]
    public void From_nested_literal_keeps_shape_dtype_and_row_major_order()
    {
        var t = Tensor.From(new float[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        Assert.Equal(new Shape(2, 3), t.Shape);
        Assert.Equal(DType.Float32, t.DType);
        Assert.Equal(new[] { 1f, 2f, 3f, 4f, 5f, 6f }, t.ToArray<float>());
        Assert.Equal(6.0, t[1, 2]);
        Assert.Equal(4.0, t[-1, 0]);
        var cube = Tensor.From(new long[,,] { { { 1 }, { 2 } } });
        Assert.Equal(new Shape(1, 2, 1), cube.Shape);
        Assert.Equal(DType.Int64, cube.DType);
    }

    [Fact]
    public void Creation_helpers_fill_values()
    {
        Assert.All(Tensor.Zeros(3, 5).ToArray<float>(), v => Assert.Equal(0f, v));
        Assert.All(Tensor.Ones(new Shape(4), DType.Float64).ToArray<double>(), v => Assert.Equal(1.0, v));
        Assert.All(Tensor.Full(new Shape(2, 2), 7, DType.Int32).ToArray<int>(), v => Assert.Equal(7, v));
        Assert.Equal(2.5f, Tensor.Scalar(2.5f).Item<float>());
        Assert.Equal(Shape.Scalar, Tensor.Scalar(2.5f).Shape);
    }

    [Fact]
    public void Bad_construction_is_explained()
    {
        Assertions.Throws<ArgumentException>(() => Tensor.FromArray(new float[5], 2, 3), "5 values", "(2, 3)", "holds 6");
        Assertions.Throws<InvalidOperationException>(() => Tensor.Zeros(2).AsReadOnlySpan<double>(), "float32", "Double");
        Assertions.Throws<InvalidOperationException>(() => Tensor.Zeros(2).Item<float>(), "exactly one element", "(2,)");
        Assertions.Throws<IndexOutOfRangeException>(() => _ = Tensor.Zeros(2, 3)[0, 3], "axis 1", "size 3");
    }

    [Fact]
    public void ToString_matches_keras_layout()
    {
        Assert.Equal("Tensor([[1. 2.]\n [3. 4.]], shape=(2, 2), dtype=float32)", Tensor.From(new float[,] { { 1, 2 }, { 3, 4 } }).ToString());
        Assert.Equal("Tensor([ 0.5  -1.25], shape=(2,), dtype=float64)", Tensor.FromArray(new[] { 0.5, -1.25 }).ToString());
        Assert.Equal("Tensor(3, shape=(), dtype=int32)", Tensor.Scalar(3).ToString());
        Assert.Equal("Tensor([ True False], shape=(2,), dtype=bool)", Tensor.FromArray(new[] { true, false }).ToString());
    }

    [Fact]
    public void ToString_elides_the_middle_of_large_tensors()
    {
        var text = Tensor.Zeros(2000).ToString();
        Assert.Equal("Tensor([0. 0. 0. ... 0. 0. 0.], shape=(2000,), dtype=float32)", text);
        var matrix = Tensor.Zeros(100, 100).FormatValues();
        Assert.Equal(7, matrix.Split('\n').Length); // 3 rows, "...", 3 rows
        Assert.Contains(" ...", matrix);
    }
}
