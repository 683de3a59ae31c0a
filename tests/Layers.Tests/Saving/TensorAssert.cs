using System.Runtime.InteropServices;

namespace Layers.Tests.Saving;

internal static class TensorAssert
{
    /// <summary>Same dtype, same shape, same bits (so -0.0, infinities and NaN payloads count).</summary>
    public static void Identical(Tensor expected, Tensor actual)
    {
        Assert.Equal(expected.DType, actual.DType);
        Assert.Equal(expected.Shape, actual.Shape);
        Assert.Equal(Bytes(expected), Bytes(actual));
    }

    public static byte[] Bytes(Tensor tensor) => tensor.DType switch
    {
        DType.Float32 => MemoryMarshal.AsBytes(tensor.AsReadOnlySpan<float>()).ToArray(),
        DType.Float64 => MemoryMarshal.AsBytes(tensor.AsReadOnlySpan<double>()).ToArray(),
        DType.Int32 => MemoryMarshal.AsBytes(tensor.AsReadOnlySpan<int>()).ToArray(),
        DType.Int64 => MemoryMarshal.AsBytes(tensor.AsReadOnlySpan<long>()).ToArray(),
        DType.Bool => MemoryMarshal.AsBytes(tensor.AsReadOnlySpan<bool>()).ToArray(),
        _ => throw new ArgumentOutOfRangeException(nameof(tensor)),
    };

    /// <summary>A tensor of any dtype with seeded values (bools alternate irregularly).</summary>
    public static Tensor Random(int seed, Shape shape, DType dtype)
    {
        if (dtype != DType.Bool) return Support.TestData.Tensor(seed, shape, dtype, low: -1000, high: 1000);
        var rng = new Random(seed);
        var values = new bool[shape.Size];
        for (int i = 0; i < values.Length; i++) values[i] = rng.Next(3) == 0;
        return Tensor.FromSpan<bool>(values, shape);
    }
}
