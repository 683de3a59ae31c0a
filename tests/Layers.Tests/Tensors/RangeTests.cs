using Layers.Tests.Support;

namespace Layers.Tests.Tensors;

public class RangeTests
{
    [Theory]
    [InlineData(0, 10, 1)]
    [InlineData(0, 10, 3)]
    [InlineData(5, -7, -2)]
    [InlineData(3, 3, 1)]
    [InlineData(3, 1, 1)]
    [InlineData(-4, 127, 17)]
    public void Integer_arange_matches_a_loop(int start, int stop, int step)
    {
        var expected = new List<int>();
        for (int v = start; step > 0 ? v < stop : v > stop; v += step) expected.Add(v);
        var actual = Tensor.Arange(start, stop, step);
        Assert.Equal(DType.Int32, actual.DType);
        Assert.Equal(new Shape(expected.Count), actual.Shape);
        Assert.Equal(expected, actual.ToArray<int>());
        Assert.Equal(expected.Select(v => (long)v), Tensor.Arange(start, stop, step, DType.Int64).ToArray<long>());
        Assert.Equal(expected.Select(v => (float)v), Tensor.Arange(start, stop, step, DType.Float32).ToArray<float>());
    }

    [Fact]
    public void Float_arange_follows_numpy_count_and_values()
    {
        // numpy.arange(0, 1, 0.1) has 10 values; numpy.arange(1, 2.5, 0.5) has 3; arange(0.5) has 1.
        Assert.Equal(10, Tensor.Arange(0.0, 1.0, 0.1).Size);
        Assert.Equal(new[] { 1f, 1.5f, 2f }, Tensor.Arange(1.0, 2.5, 0.5).ToArray<float>());
        Assert.Equal(new[] { 0f }, Tensor.Arange(0.5).ToArray<float>());
        Assert.Equal(new[] { 2.0, 1.25, 0.5 }, Tensor.Arange(2.0, 0.0, -0.75, DType.Float64).ToArray<double>());
        Assert.Equal(new[] { 0, 1, 2, 3, 4 }, Tensor.Arange(5).ToArray<int>());
        Assert.Equal(0, Tensor.Arange(1.0, 0.0).Size);
    }

    [Fact]
    public void Arange_rejects_a_zero_step()
    {
        Assertions.Throws<ArgumentOutOfRangeException>(() => Tensor.Arange(0, 5, 0), "Arange", "step", "non-zero");
        Assertions.Throws<ArgumentOutOfRangeException>(() => Tensor.Arange(0.0, 5.0, 0.0), "Arange", "non-zero");
        Assertions.Throws<ArgumentOutOfRangeException>(() => Tensor.Arange(0.0, double.NaN), "Arange", "finite");
    }

    [Theory]
    [InlineData(3, null, 0)]
    [InlineData(1, null, 0)]
    [InlineData(3, 5, 0)]
    [InlineData(5, 3, 1)]
    [InlineData(4, 4, -2)]
    [InlineData(3, 17, 15)]
    [InlineData(3, 3, 3)]
    [InlineData(3, 3, -3)]
    [InlineData(3, 3, int.MinValue)]
    [InlineData(0, 2, 0)]
    public void Eye_puts_ones_on_diagonal_k(int n, int? m, int k)
    {
        int columns = m ?? n;
        var eye = Tensor.Eye(n, m, k, DType.Float64);
        Assert.Equal(new Shape(n, columns), eye.Shape);
        var values = eye.ToArray<double>();
        for (int i = 0; i < n; i++)
            for (int j = 0; j < columns; j++)
                Assert.Equal((long)j - i == k ? 1.0 : 0.0, values[i * columns + j]);
        Assert.Equal(DType.Int32, Tensor.Eye(2, dtype: DType.Int32).DType);
        Assertions.Throws<ArgumentOutOfRangeException>(() => Tensor.Eye(-1), "Eye", "(-1, -1)", ">= 0");
    }
}
