using System.Numerics;
using System.Numerics.Tensors;

namespace Layers;

/// <summary>IEEE maximum: NaN wins, +0 beats -0 (NumPy's <c>maximum</c>).</summary>
internal readonly struct MaxOperator<T> : IBinaryOperator<T> where T : unmanaged, INumber<T>
{
    public static void Invoke(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) => TensorPrimitives.Max(x, y, d);
    public static void Invoke(ReadOnlySpan<T> x, T y, Span<T> d) => TensorPrimitives.Max(x, y, d);
    public static void Invoke(T x, ReadOnlySpan<T> y, Span<T> d) => TensorPrimitives.Max(y, x, d);
}

/// <summary>IEEE minimum: NaN wins, -0 beats +0 (NumPy's <c>minimum</c>).</summary>
internal readonly struct MinOperator<T> : IBinaryOperator<T> where T : unmanaged, INumber<T>
{
    public static void Invoke(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) => TensorPrimitives.Min(x, y, d);
    public static void Invoke(ReadOnlySpan<T> x, T y, Span<T> d) => TensorPrimitives.Min(x, y, d);
    public static void Invoke(T x, ReadOnlySpan<T> y, Span<T> d) => TensorPrimitives.Min(y, x, d);
}

internal readonly struct PowOperator<T> : IBinaryOperator<T> where T : unmanaged, IPowerFunctions<T>
{
    public static void Invoke(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) => TensorPrimitives.Pow(x, y, d);
    public static void Invoke(ReadOnlySpan<T> x, T y, Span<T> d) => TensorPrimitives.Pow(x, y, d);
    public static void Invoke(T x, ReadOnlySpan<T> y, Span<T> d) => TensorPrimitives.Pow(x, y, d);
}

/// <summary>Integer powers by repeated squaring, wrapping on overflow as NumPy's do; negative exponents are refused as NumPy refuses them.</summary>
internal readonly struct IntegerPowOperator<T> : IBinaryOperator<T> where T : unmanaged, IBinaryInteger<T>
{
    public static void Invoke(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d)
    {
        for (int i = 0; i < d.Length; i++) d[i] = Power(x[i], y[i]);
    }

    public static void Invoke(ReadOnlySpan<T> x, T y, Span<T> d)
    {
        for (int i = 0; i < d.Length; i++) d[i] = Power(x[i], y);
    }

    public static void Invoke(T x, ReadOnlySpan<T> y, Span<T> d)
    {
        for (int i = 0; i < d.Length; i++) d[i] = Power(x, y[i]);
    }

    private static T Power(T value, T exponent)
    {
        if (T.IsNegative(exponent))
            throw new ArgumentException(
                $"Pow: integers to negative integer powers are not allowed (got exponent {exponent}); cast the base to a float dtype first.");
        T result = T.One;
        while (exponent != T.Zero)
        {
            if (T.IsOddInteger(exponent)) result = unchecked(result * value);
            value = unchecked(value * value);
            exponent >>= 1;
        }
        return result;
    }
}
