using System.Numerics;
using System.Numerics.Tensors;

namespace Layers;

public static partial class Ops
{
    /// <summary>
    /// Converts to <paramref name="dtype"/>. Float to integer truncates toward zero (as NumPy's
    /// <c>astype</c>); anything to bool is <c>value != 0</c>; bool to numbers is 0 or 1. Casting between
    /// float dtypes is differentiable.
    /// </summary>
    public static Tensor Cast(Tensor x, DType dtype)
    {
        CheckNotNull(x, "Cast", "x");
        if (x.DType == dtype) return x;
        var result = Tensor.Allocate(x.Shape, dtype);
        switch (x.DType)
        {
            case DType.Float32: CastFrom<float>(x, result); break;
            case DType.Float64: CastFrom<double>(x, result); break;
            case DType.Int32: CastFrom<int>(x, result); break;
            case DType.Int64: CastFrom<long>(x, result); break;
            case DType.Bool: CastFromBool(x, result); break;
        }
        if (x.DType.IsFloating() && dtype.IsFloating() && GradientTape.For(x) is { } tape) RecordCast(tape, result, x);
        return result;
    }

    private static void RecordCast(GradientTape tape, Tensor result, Tensor x) =>
        tape.Record("Cast", result, [x], (grad, inputs) => inputs.Add(0, Cast(grad, x.DType)));

    private static void CastFrom<TFrom>(Tensor x, Tensor result) where TFrom : unmanaged, INumber<TFrom>
    {
        ReadOnlySpan<TFrom> source = x.Span<TFrom>();
        switch (result.DType)
        {
            case DType.Float32: TensorPrimitives.ConvertTruncating(source, result.Span<float>()); break;
            case DType.Float64: TensorPrimitives.ConvertTruncating(source, result.Span<double>()); break;
            case DType.Int32: TensorPrimitives.ConvertTruncating(source, result.Span<int>()); break;
            case DType.Int64: TensorPrimitives.ConvertTruncating(source, result.Span<long>()); break;
            case DType.Bool:
                var destination = result.Span<bool>();
                for (int i = 0; i < source.Length; i++) destination[i] = source[i] != TFrom.Zero;
                break;
        }
    }

    private static void CastFromBool(Tensor x, Tensor result)
    {
        ReadOnlySpan<bool> source = x.Span<bool>();
        for (int i = 0; i < source.Length; i++)
        {
            switch (result.DType)
            {
                case DType.Float32: result.Span<float>()[i] = source[i] ? 1f : 0f; break;
                case DType.Float64: result.Span<double>()[i] = source[i] ? 1.0 : 0.0; break;
                case DType.Int32: result.Span<int>()[i] = source[i] ? 1 : 0; break;
                case DType.Int64: result.Span<long>()[i] = source[i] ? 1L : 0L; break;
            }
        }
    }
}
