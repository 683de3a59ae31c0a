using System.Numerics;
using System.Runtime.CompilerServices;

namespace Layers;

/// <summary>
/// The standard normal CDF Φ(x) = erfc(-x/√2)/2 that exact GELU needs (.NET has no erf). Both forms are
/// evaluated through erfc so the lower tail keeps its relative precision: <c>1 + erf(x/√2)</c> would round
/// GELU of x &lt; -6 or so to zero.
/// </summary>
internal static class Gaussian
{
    private const double InvSqrt2 = 0.70710678118654752440;
    private const double InvSqrtPi = 0.56418958354775628695;
    private const double TwoOverSqrtPi = 1.12837916709551257390;
    public const double InvSqrt2Pi = 0.39894228040143267794;

    /// <summary>Φ(x) in double, to a few ulps.</summary>
    public static double Cdf(double x) => 0.5 * Erfc(-x * InvSqrt2);

    /// <summary>The normal density φ(x).</summary>
    public static double Pdf(double x) => InvSqrt2Pi * Math.Exp(-0.5 * x * x);

    /// <summary>
    /// erfc in double: the Maclaurin series of erf below 1.5 (where erfc ≥ 0.03, so <c>1 - erf</c> loses under
    /// two digits), Laplace's continued fraction above (evaluated bottom-up with enough terms for 1e-16 there).
    /// </summary>
    public static double Erfc(double z)
    {
        if (double.IsNaN(z)) return z;
        double a = Math.Abs(z);
        double upper = a < 1.5 ? 1 - ErfSeries(a) : ContinuedFraction(a, a < 2 ? 120 : 60);
        return z >= 0 ? upper : 2 - upper;
    }

    private static double ErfSeries(double a)
    {
        double a2 = a * a;
        double term = a;
        double sum = a;
        for (int n = 1; n < 60; n++)
        {
            term *= -a2 / n;
            double contribution = term / (2 * n + 1);
            sum += contribution;
            if (Math.Abs(contribution) < 1e-17 * sum) break;
        }
        return TwoOverSqrtPi * sum;
    }

    private static double ContinuedFraction(double a, int terms)
    {
        double f = a;
        for (int k = terms; k >= 1; k--) f = a + 0.5 * k / f;
        // exp(-a²) with a² split into its rounded value and the rounding error, which would otherwise
        // become a relative error of a²·ε in the result.
        double a2 = a * a;
        double a2Error = Math.FusedMultiplyAdd(a, a, -a2);
        return Math.Exp(-a2) * (1 - a2Error) * InvSqrtPi / f;
    }

    /// <summary>
    /// Φ(x) for float32 vectors, to a few ulps in relative terms in both tails, and (through
    /// <paramref name="gaussian"/>) <c>exp(-x²/2)</c>, which the gradient reuses. erfc(z) is the Chebyshev-fitted
    /// <c>t·exp(-z² + P(t))</c>, <c>t = 1/(1 + z/2)</c> (Numerical Recipes §6.2; relative error below 1.2e-7
    /// everywhere). Evaluated naively in float32, rounding <c>-z² + P</c> (up to ~90) would cost ~1e-6 relative
    /// in the lower tail, so <c>exp(-z²)</c> and <c>exp(P)</c> are separate exponentials and <c>x²</c> is carried as
    /// an FMA-exact hi + lo pair.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> CdfSingle(Vector<float> x, out Vector<float> gaussian)
    {
        // Beyond |x| = 20, Φ is 0 or 1 in float32; the clamp keeps x² finite so its error term is not NaN.
        var a = Vector.Min(Vector.Abs(x), new Vector<float>(20f));
        var t = Vector<float>.One / (Vector<float>.One + new Vector<float>((float)(0.5 * InvSqrt2)) * a);
        var p = new Vector<float>(0.17087277f);
        p = Vector.FusedMultiplyAdd(p, t, new Vector<float>(-0.82215223f));
        p = Vector.FusedMultiplyAdd(p, t, new Vector<float>(1.48851587f));
        p = Vector.FusedMultiplyAdd(p, t, new Vector<float>(-1.13520398f));
        p = Vector.FusedMultiplyAdd(p, t, new Vector<float>(0.27886807f));
        p = Vector.FusedMultiplyAdd(p, t, new Vector<float>(-0.18628806f));
        p = Vector.FusedMultiplyAdd(p, t, new Vector<float>(0.09678418f));
        p = Vector.FusedMultiplyAdd(p, t, new Vector<float>(0.37409196f));
        p = Vector.FusedMultiplyAdd(p, t, new Vector<float>(1.00002368f));
        p = Vector.FusedMultiplyAdd(p, t, new Vector<float>(-1.26551223f));
        var square = a * a;
        var squareError = Vector.FusedMultiplyAdd(a, a, -square);
        var half = new Vector<float>(0.5f);
        gaussian = VectorMath.ExpSingle(-half * square) * (Vector<float>.One - half * squareError);
        var lower = half * t * VectorMath.ExpSingle(p) * gaussian;
        return Vector.ConditionalSelect(Vector.LessThan(x, Vector<float>.Zero), lower, Vector<float>.One - lower);
    }
}
