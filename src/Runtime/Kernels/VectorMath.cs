using System.Numerics;

namespace Layers;

/// <summary>
/// Element-wise math on <see cref="Vector{T}"/> for float and double, in the forms that stay accurate at
/// the extremes. <see cref="Vector.Exp(Vector{float})"/> and <see cref="Vector.Log(Vector{float})"/> are
/// accurate to about one ulp; everything else here is built on them so that results keep their relative
/// precision where a textbook formula would cancel or overflow (tiny arguments of expm1 / log1p, large
/// negative sigmoid arguments, tanh near zero…). <c>TensorPrimitives.Tanh</c>, <c>LogP1</c> and <c>ExpM1</c>
/// were measured to lose all relative precision near zero (tanh(0) = -6e-8), which is why they are not used.
/// </summary>
internal static class VectorMath
{
    public static Vector<T> Constant<T>(double value) where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        new(T.CreateTruncating(value));

    public static Vector<T> Exp<T>(Vector<T> x) where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float)) return Vector.Exp(x.As<T, float>()).As<float, T>();
        if (typeof(T) == typeof(double)) return Vector.Exp(x.As<T, double>()).As<double, T>();
        throw Unsupported<T>();
    }

    public static Vector<T> Log<T>(Vector<T> x) where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float)) return Vector.Log(x.As<T, float>()).As<float, T>();
        if (typeof(T) == typeof(double)) return Vector.Log(x.As<T, double>()).As<double, T>();
        throw Unsupported<T>();
    }

    /// <summary>
    /// <c>exp(x) - 1</c> without cancellation for small |x|: with <c>u = exp(x)</c> rounded, <c>(u - 1)·x / log(u)</c>
    /// cancels the rounding error of <c>u</c> (Kahan's observation), so the result keeps full relative precision.
    /// </summary>
    public static Vector<T> Expm1<T>(Vector<T> x) where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var one = Vector<T>.One;
        var u = Exp(x);
        var uMinusOne = u - one;
        var result = uMinusOne * x / Log(u);
        result = Vector.ConditionalSelect(Vector.Equals(u, one), x, result);
        result = Vector.ConditionalSelect(Vector.Equals(uMinusOne, -one), -one, result);
        return Vector.ConditionalSelect(Vector.Equals(u, new Vector<T>(T.PositiveInfinity)), u, result);
    }

    /// <summary><c>log(1 + x)</c> without cancellation for small |x| (the same rounding-cancelling trick as <see cref="Expm1{T}"/>).</summary>
    public static Vector<T> Log1p<T>(Vector<T> x) where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var one = Vector<T>.One;
        var u = one + x;
        var result = Log(u) * x / (u - one);
        result = Vector.ConditionalSelect(Vector.Equals(u, one), x, result);
        return Vector.ConditionalSelect(Vector.Equals(u, new Vector<T>(T.PositiveInfinity)), u, result);
    }

    /// <summary>
    /// <c>1 / (1 + exp(-x))</c> from <c>e = exp(-|x|)</c>, which never overflows: <c>1/(1+e)</c> for x ≥ 0 and
    /// <c>e/(1+e)</c> for x &lt; 0, so large negative inputs keep their tiny relative values instead of rounding to 0 early.
    /// </summary>
    public static Vector<T> Sigmoid<T>(Vector<T> x) where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var e = Exp(-Vector.Abs(x));
        var r = Vector<T>.One / (Vector<T>.One + e);
        return Vector.ConditionalSelect(Vector.GreaterThanOrEqual(x, Vector<T>.Zero), r, e * r);
    }

    /// <summary><c>tanh(x) = -expm1(-2|x|) / (2 + expm1(-2|x|))</c> with the sign of x: exact near 0 and ±1 for large |x|.</summary>
    public static Vector<T> Tanh<T>(Vector<T> x) where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var m = Expm1(Constant<T>(-2) * Vector.Abs(x));
        var magnitude = -m / (Constant<T>(2) + m);
        return Vector.CopySign(magnitude, x);
    }

    /// <summary><c>log(1 + exp(x))</c> as <c>max(x, 0) + log1p(exp(-|x|))</c>: no overflow for large x, no underflow to 0 for large negative x.</summary>
    public static Vector<T> Softplus<T>(Vector<T> x) where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var positive = Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<T>.Zero), x, Vector<T>.Zero);
        return positive + Log1p(Exp(-Vector.Abs(x)));
    }

    /// <summary>ReLU that keeps NaN (as <c>max(x, 0)</c> does in TF and PyTorch) and maps -0 to +0.</summary>
    public static Vector<T> Relu<T>(Vector<T> x) where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        Vector.Max(x, Vector<T>.Zero);

    private static NotSupportedException Unsupported<T>() =>
        new($"VectorMath supports float and double, not {typeof(T).Name}.");
}
