using System.Runtime.InteropServices;

namespace Layers;

public sealed partial class Tensor
{
    /// <summary>A tensor holding a copy of <paramref name="data"/>, with the given shape (default: 1-D).</summary>
    public static Tensor FromArray<T>(T[] data, params int[] shape) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(data);
        return FromSpan<T>(data, shape is null || shape.Length == 0 ? [data.Length] : shape);
    }

    /// <summary>A tensor holding a copy of <paramref name="data"/> with the given shape.</summary>
    public static Tensor FromSpan<T>(ReadOnlySpan<T> data, Shape shape) where T : unmanaged
    {
        if (!shape.IsFullyDefined || shape.Size != data.Length)
            throw new ArgumentException(
                $"Tensor.FromArray: {data.Length} values cannot fill shape {shape}" +
                (shape.IsFullyDefined ? $", which holds {shape.Size}." : "; every dimension must be known."), nameof(shape));
        var tensor = Allocate(shape, DTypes.Of<T>());
        data.CopyTo(tensor.Span<T>());
        return tensor;
    }

    /// <summary>
    /// A tensor from a nested C# literal: a rectangular array (<c>new float[,] {{1, 2}, {3, 4}}</c>) of
    /// float, double, int, long or bool, of any rank. Its shape is the array's lengths.
    /// </summary>
    public static Tensor From(Array values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var dims = new int[values.Rank];
        for (int i = 0; i < dims.Length; i++) dims[i] = values.GetLength(i);
        var shape = Shape.FromOwned(dims);
        DType dtype = values switch
        {
            float[] or float[,] or float[,,] or float[,,,] or float[,,,,] => DType.Float32,
            double[] or double[,] or double[,,] or double[,,,] or double[,,,,] => DType.Float64,
            int[] or int[,] or int[,,] or int[,,,] or int[,,,,] => DType.Int32,
            long[] or long[,] or long[,,] or long[,,,] or long[,,,,] => DType.Int64,
            bool[] or bool[,] or bool[,,] or bool[,,,] or bool[,,,,] => DType.Bool,
            _ => throw new ArgumentException(
                "Tensor.From takes a rectangular array (rank 1 to 5) of float, double, int, long or bool; " +
                "jagged arrays are not rectangular — use FromArray with an explicit shape.", nameof(values)),
        };
        var tensor = Allocate(shape, dtype);
        int bytes = tensor.Size * dtype.SizeOf();
        MemoryMarshal.CreateReadOnlySpan(ref MemoryMarshal.GetArrayDataReference(values), bytes)
            .CopyTo(MemoryMarshal.CreateSpan(ref tensor.RawRef(), bytes));
        return tensor;
    }

    /// <summary>A rank-0 tensor.</summary>
    public static Tensor Scalar<T>(T value) where T : unmanaged
    {
        var tensor = Allocate(Shape.Scalar, DTypes.Of<T>());
        tensor.Span<T>()[0] = value;
        return tensor;
    }

    /// <summary>A float32 scalar.</summary>
    public static Tensor Scalar(float value) => Scalar<float>(value);

    /// <summary>A rank-0 tensor of <paramref name="dtype"/> holding <paramref name="value"/> converted to it.</summary>
    public static Tensor Scalar(double value, DType dtype) => Full(Shape.Scalar, value, dtype);

    /// <summary>float32 zeros of the given dimensions.</summary>
    public static Tensor Zeros(params int[] dims) => Zeros(new Shape(dims));

    public static Tensor Zeros(Shape shape, DType dtype = DType.Float32) => Allocate(shape, dtype, clear: true);

    /// <summary>float32 ones of the given dimensions.</summary>
    public static Tensor Ones(params int[] dims) => Ones(new Shape(dims));

    public static Tensor Ones(Shape shape, DType dtype = DType.Float32) => Full(shape, 1.0, dtype);

    /// <summary>A tensor filled with <paramref name="value"/> converted to <paramref name="dtype"/>.</summary>
    public static Tensor Full(Shape shape, double value, DType dtype = DType.Float32)
    {
        var tensor = Allocate(shape, dtype);
        tensor.Fill(value);
        return tensor;
    }

    /// <summary>Zeros of the same shape and dtype as <paramref name="like"/>.</summary>
    public static Tensor ZerosLike(Tensor like)
    {
        ArgumentNullException.ThrowIfNull(like);
        return Zeros(like.Shape, like.DType);
    }

    /// <summary>Ones of the same shape and dtype as <paramref name="like"/>.</summary>
    public static Tensor OnesLike(Tensor like)
    {
        ArgumentNullException.ThrowIfNull(like);
        return Ones(like.Shape, like.DType);
    }

    /// <summary><b>In place:</b> sets every element to <paramref name="value"/> converted to this dtype.</summary>
    internal void Fill(double value)
    {
        switch (DType)
        {
            case DType.Float32: Span<float>().Fill((float)value); break;
            case DType.Float64: Span<double>().Fill(value); break;
            case DType.Int32: Span<int>().Fill(checked((int)value)); break;
            case DType.Int64: Span<long>().Fill(checked((long)value)); break;
            case DType.Bool: Span<bool>().Fill(value != 0); break;
        }
    }
}
