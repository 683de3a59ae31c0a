using System.Numerics;

namespace Layers;

// Forward operators take x; gradient operators take (upstream, saved) where saved is x or the op's output y,
// whichever gives the cheaper and more accurate rule.

internal readonly struct ReluGradOperator<T> : IPairOperator<T> where T : unmanaged, INumber<T>
{
    // 0 at x = 0, as TF and PyTorch.
    public Vector<T> Invoke(Vector<T> grad, Vector<T> x) =>
        Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<T>.Zero), grad, Vector<T>.Zero);
}

internal readonly struct SigmoidOperator<T> : IUnaryOperator<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public Vector<T> Invoke(Vector<T> x) => VectorMath.Sigmoid(x);
}

/// <summary><c>upstream · y(1 - y)</c> from the output y.</summary>
internal readonly struct SigmoidGradOperator<T> : IPairOperator<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public Vector<T> Invoke(Vector<T> grad, Vector<T> y) => grad * (y * (Vector<T>.One - y));
}

internal readonly struct TanhOperator<T> : IUnaryOperator<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public Vector<T> Invoke(Vector<T> x) => VectorMath.Tanh(x);
}

/// <summary><c>upstream · (1 - y²)</c> from the output y.</summary>
internal readonly struct TanhGradOperator<T> : IPairOperator<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public Vector<T> Invoke(Vector<T> grad, Vector<T> y) => grad * (Vector<T>.One - y * y);
}

internal readonly struct SiluOperator<T> : IUnaryOperator<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public Vector<T> Invoke(Vector<T> x) => x * VectorMath.Sigmoid(x);
}

/// <summary><c>upstream · s(1 + x(1 - s))</c>, s = sigmoid(x).</summary>
internal readonly struct SiluGradOperator<T> : IPairOperator<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public Vector<T> Invoke(Vector<T> grad, Vector<T> x)
    {
        var s = VectorMath.Sigmoid(x);
        return grad * (s * (Vector<T>.One + x * (Vector<T>.One - s)));
    }
}

internal readonly struct SoftplusOperator<T> : IUnaryOperator<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public Vector<T> Invoke(Vector<T> x) => VectorMath.Softplus(x);
}

/// <summary><c>upstream · sigmoid(x)</c>.</summary>
internal readonly struct SoftplusGradOperator<T> : IPairOperator<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public Vector<T> Invoke(Vector<T> grad, Vector<T> x) => grad * VectorMath.Sigmoid(x);
}

/// <summary><c>x</c> for x &gt; 0, else <c>alpha·expm1(x)</c> (expm1 keeps small negative inputs exact).</summary>
internal readonly struct EluOperator<T>(T alpha) : IUnaryOperator<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly Vector<T> _alpha = new(alpha);

    public Vector<T> Invoke(Vector<T> x) =>
        Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<T>.Zero), x, _alpha * VectorMath.Expm1(x));
}

/// <summary><c>upstream</c> for x &gt; 0, else <c>upstream · alpha·exp(x)</c> (TF's rule: x = 0 takes the exponential side).</summary>
internal readonly struct EluGradOperator<T>(T alpha) : IPairOperator<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly Vector<T> _alpha = new(alpha);

    public Vector<T> Invoke(Vector<T> grad, Vector<T> x) =>
        grad * Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<T>.Zero), Vector<T>.One, _alpha * VectorMath.Exp(x));
}

/// <summary>
/// Tanh-approximated GELU, <c>0.5x(1 + tanh(u))</c> with <c>u = √(2/π)(x + 0.044715x³)</c>, evaluated as the
/// identical <c>x·sigmoid(2u)</c>: <c>1 + tanh(u)</c> cancels to 0 for large negative x, the sigmoid does not.
/// </summary>
internal readonly struct GeluTanhOperator<T> : IUnaryOperator<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public Vector<T> Invoke(Vector<T> x) => x * VectorMath.Sigmoid(GeluTanh.TwiceU(x));
}

/// <summary><c>upstream · (s + 2x·s(1 - s)·u')</c>, s = sigmoid(2u), u' = √(2/π)(1 + 3·0.044715x²).</summary>
internal readonly struct GeluTanhGradOperator<T> : IPairOperator<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public Vector<T> Invoke(Vector<T> grad, Vector<T> x)
    {
        var s = VectorMath.Sigmoid(GeluTanh.TwiceU(x));
        var du = VectorMath.Constant<T>(GeluTanh.SqrtTwoOverPi) * (Vector<T>.One + VectorMath.Constant<T>(3 * GeluTanh.Cubic) * x * x);
        return grad * (s + (x + x) * s * (Vector<T>.One - s) * du);
    }
}

internal static class GeluTanh
{
    public const double SqrtTwoOverPi = 0.79788456080286535588;
    public const double Cubic = 0.044715;

    public static Vector<T> TwiceU<T>(Vector<T> x) where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        VectorMath.Constant<T>(2 * SqrtTwoOverPi) * (x + VectorMath.Constant<T>(Cubic) * x * x * x);
}

/// <summary>Exact GELU <c>x·Φ(x)</c> for float32.</summary>
internal readonly struct GeluFloatOperator : IUnaryOperator<float>
{
    public Vector<float> Invoke(Vector<float> x) => x * Gaussian.CdfSingle(x, out _);
}

/// <summary>Gradient of exact GELU for float32: <c>upstream · (Φ(x) + x·φ(x))</c>.</summary>
internal readonly struct GeluFloatGradOperator : IPairOperator<float>
{
    public Vector<float> Invoke(Vector<float> grad, Vector<float> x)
    {
        var cdf = Gaussian.CdfSingle(x, out var gaussian);
        return grad * (cdf + x * new Vector<float>((float)Gaussian.InvSqrt2Pi) * gaussian);
    }
}

/// <summary>Exact GELU for float64, element by element through the double-accurate erfc.</summary>
internal readonly struct GeluDoubleOperator : IUnaryOperator<double>
{
    public Vector<double> Invoke(Vector<double> x)
    {
        Span<double> values = stackalloc double[Vector<double>.Count];
        x.CopyTo(values);
        for (int i = 0; i < values.Length; i++) values[i] *= Gaussian.Cdf(values[i]);
        return new Vector<double>(values);
    }
}

internal readonly struct GeluDoubleGradOperator : IPairOperator<double>
{
    public Vector<double> Invoke(Vector<double> grad, Vector<double> x)
    {
        Span<double> values = stackalloc double[Vector<double>.Count];
        x.CopyTo(values);
        for (int i = 0; i < values.Length; i++)
        {
            double v = values[i];
            values[i] = Gaussian.Cdf(v) + v * Gaussian.Pdf(v);
        }
        return grad * new Vector<double>(values);
    }
}
