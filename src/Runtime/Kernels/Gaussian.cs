using System.Numerics;

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
    /// erfc in double vectors, with relative error below 1.2e-7 everywhere (the Chebyshev-fitted form
    /// <c>t·exp(-z² + P(t))</c>, <c>t = 1/(1 + z/2)</c>, from Numerical Recipes §6.2): ample for float32 results.
    /// </summary>
    public static Vector<double> ErfcApproximate(Vector<double> z)
    {
        var a = Vector.Abs(z);
        var t = Vector<double>.One / (Vector<double>.One + new Vector<double>(0.5) * a);
        var p = new Vector<double>(0.17087277);
        p = p * t + new Vector<double>(-0.82215223);
        p = p * t + new Vector<double>(1.48851587);
        p = p * t + new Vector<double>(-1.13520398);
        p = p * t + new Vector<double>(0.27886807);
        p = p * t + new Vector<double>(-0.18628806);
        p = p * t + new Vector<double>(0.09678418);
        p = p * t + new Vector<double>(0.37409196);
        p = p * t + new Vector<double>(1.00002368);
        p = p * t + new Vector<double>(-1.26551223);
        var upper = t * Vector.Exp(p - a * a);
        return Vector.ConditionalSelect(Vector.GreaterThanOrEqual(z, Vector<double>.Zero), upper, new Vector<double>(2) - upper);
    }

    /// <summary>Φ(x) for double vectors via <see cref="ErfcApproximate"/> (float32 accuracy).</summary>
    public static Vector<double> CdfApproximate(Vector<double> x) =>
        new Vector<double>(0.5) * ErfcApproximate(-x * new Vector<double>(InvSqrt2));
}
