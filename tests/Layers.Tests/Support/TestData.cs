namespace Layers.Tests.Support;

/// <summary>Seeded random inputs for tests. Every test states its seed, so a failure reproduces.</summary>
public static class TestData
{
    /// <summary>Sizes that are not multiples of any vector width, plus a few that are.</summary>
    public static readonly int[] OddSizes = [1, 3, 7, 16, 17, 33, 64, 127, 1000];

    public static double[] Uniform(int seed, int count, double low = -1, double high = 1)
    {
        var rng = new Random(seed);
        var values = new double[count];
        for (int i = 0; i < count; i++) values[i] = low + (high - low) * rng.NextDouble();
        return values;
    }

    /// <summary>A tensor of <paramref name="dtype"/> with uniform values; returns the exact values it holds as doubles.</summary>
    public static Tensor Tensor(int seed, Shape shape, out double[] values, DType dtype = DType.Float32, double low = -1, double high = 1)
    {
        values = Uniform(seed, shape.Size, low, high);
        var tensor = dtype switch
        {
            DType.Float32 => Layers.Tensor.FromSpan<float>(values.Select(v => (float)v).ToArray(), shape),
            DType.Float64 => Layers.Tensor.FromSpan<double>(values, shape),
            DType.Int32 => Layers.Tensor.FromSpan<int>(values.Select(v => (int)Math.Round(v)).ToArray(), shape),
            DType.Int64 => Layers.Tensor.FromSpan<long>(values.Select(v => (long)Math.Round(v)).ToArray(), shape),
            _ => throw new ArgumentOutOfRangeException(nameof(dtype)),
        };
        values = ToDoubles(tensor);
        return tensor;
    }

    public static Tensor Tensor(int seed, Shape shape, DType dtype = DType.Float32, double low = -1, double high = 1) =>
        Tensor(seed, shape, out _, dtype, low, high);

    /// <summary>Every element as a double, read through the public API.</summary>
    public static double[] ToDoubles(Tensor tensor) => tensor.DType switch
    {
        DType.Float32 => tensor.ToArray<float>().Select(v => (double)v).ToArray(),
        DType.Float64 => tensor.ToArray<double>(),
        DType.Int32 => tensor.ToArray<int>().Select(v => (double)v).ToArray(),
        DType.Int64 => tensor.ToArray<long>().Select(v => (double)v).ToArray(),
        DType.Bool => tensor.ToArray<bool>().Select(v => v ? 1.0 : 0.0).ToArray(),
        _ => throw new ArgumentOutOfRangeException(nameof(tensor)),
    };
}
