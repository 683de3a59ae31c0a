namespace Layers.Tests.Kernels;

/// <summary>
/// The float64 triple loop GEMM is checked against, and the error bound that makes the comparison
/// fair: a dot product of length K accumulated in a format with unit roundoff u, in any order
/// (blocked, vectorized, fused or not), is within γ_K·Σ|a_p·b_p| of the exact value, where
/// γ_K = K·u / (1 − K·u) (Higham, Accuracy and Stability of Numerical Algorithms, §3.1). The inputs are
/// exactly representable in both formats and the reference's own error (K·2⁻⁵³ relative) is far
/// below that bound, so a correct kernel always passes and a wrong element (a misplaced, missing or
/// extra term of size ~|a||b|) fails.
/// </summary>
internal static class GemmReference
{
    public const double Float32Roundoff = 1.0 / (1 << 24);
    public const double Float64Roundoff = 1.0 / (1L << 53);

    /// <summary>C = A·B for logical row-major A (m×k) and B (k×n); also returns Σ|a||b| per element.</summary>
    public static double[] Multiply(double[] a, double[] b, int m, int n, int k, out double[] magnitude)
    {
        var c = new double[m * n];
        magnitude = new double[m * n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0, abs = 0;
                for (int p = 0; p < k; p++)
                {
                    double product = a[i * k + p] * b[p * n + j];
                    sum += product;
                    abs += Math.Abs(product);
                }
                c[i * n + j] = sum;
                magnitude[i * n + j] = abs;
            }
        }
        return c;
    }

    /// <summary>The worst-case rounding error bound γ_K·Σ|a||b| for an element, with a floor for exact zeros.</summary>
    public static double Tolerance(double magnitude, int k, double roundoff)
    {
        double ku = Math.Max(k, 1) * roundoff;
        return ku / (1 - ku) * magnitude + 1e-300;
    }

    /// <summary>Asserts every element of <paramref name="actual"/> (read through <paramref name="at"/>) is within its bound.</summary>
    public static void AssertClose(double[] expected, double[] magnitude, int m, int n, int k, double roundoff, Func<int, int, double> at, string context)
    {
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double e = expected[i * n + j], a = at(i, j);
                double tolerance = Tolerance(magnitude[i * n + j], k, roundoff);
                if (!(Math.Abs(e - a) <= tolerance))
                    Assert.Fail($"{context}: C[{i}, {j}] expected {e:R}, got {a:R} (|diff| {Math.Abs(e - a):E3} > bound {tolerance:E3}).");
            }
        }
    }
}
