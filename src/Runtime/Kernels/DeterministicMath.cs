namespace Layers;

/// <summary>
/// <c>log</c>, <c>sin</c> and <c>cos</c> built only from IEEE-754 operations that are correctly rounded
/// everywhere (+, −, ×, ÷), in a fixed order. <see cref="Math.Log(double)"/> and friends call the
/// platform's C library, whose last bit differs between operating systems and .NET versions; random
/// normals built on these instead are bit-for-bit the same on every machine. The formulas are in
/// <c>docs/random.md</c> and mirrored by the reference script the tests check against.
/// </summary>
internal static class DeterministicMath
{
    private const double Ln2Hi = 6.93147180369123816490e-01; // low 32 bits zero, so e·Ln2Hi is exact
    private const double Ln2Lo = 1.90821492927058770002e-10;
    private const double Sqrt2 = 1.4142135623730951;
    private const double HalfPi = 1.5707963267948966;

    // 1/(2k+1), k = 0..11: the series of atanh, log(m) = 2·atanh((m−1)/(m+1)).
    private static ReadOnlySpan<double> LogCoefficients =>
    [
        1.0, 0.3333333333333333, 0.2, 0.14285714285714285, 0.1111111111111111, 0.09090909090909091,
        0.07692307692307693, 0.06666666666666667, 0.058823529411764705, 0.05263157894736842,
        0.047619047619047616, 0.043478260869565216,
    ];

    // (−1)^j/(2j+1)!, j = 0..9.
    private static ReadOnlySpan<double> SinCoefficients =>
    [
        1.0, -0.16666666666666666, 0.008333333333333333, -0.0001984126984126984, 2.7557319223985893e-06,
        -2.505210838544172e-08, 1.6059043836821613e-10, -7.647163731819816e-13, 2.8114572543455206e-15,
        -8.22063524662433e-18,
    ];

    // (−1)^j/(2j)!, j = 0..9.
    private static ReadOnlySpan<double> CosCoefficients =>
    [
        1.0, -0.5, 0.041666666666666664, -0.001388888888888889, 2.48015873015873e-05, -2.755731922398589e-07,
        2.08767569878681e-09, -1.1470745597729725e-11, 4.779477332387385e-14, -1.5619206968586225e-16,
    ];

    /// <summary>Natural log of a positive, finite, normal <paramref name="x"/> (within a few ulp of exact).</summary>
    public static double Log(double x)
    {
        long bits = BitConverter.DoubleToInt64Bits(x);
        int exponent = (int)((bits >> 52) & 0x7FF) - 1023;
        double m = BitConverter.Int64BitsToDouble((bits & 0x000FFFFFFFFFFFFF) | 0x3FF0000000000000);
        if (m > Sqrt2)
        {
            m *= 0.5;
            exponent++;
        }
        double s = (m - 1.0) / (m + 1.0);
        double z = s * s;
        var c = LogCoefficients;
        double q = c[11];
        for (int k = 10; k >= 0; k--) q = q * z + c[k];
        double logM = 2.0 * (s * q);
        return exponent * Ln2Hi + (exponent * Ln2Lo + logM);
    }

    /// <summary>sin and cos of 2π·<paramref name="turns"/>/2⁵³ for 0 ≤ <paramref name="turns"/> &lt; 2⁵³.</summary>
    public static (double Sin, double Cos) SinCosTurns(ulong turns)
    {
        // Split 4·turns/2^53 into the nearest quadrant n and a remainder f in [-1/2, 1/2), exactly,
        // so the polynomial only ever sees |θ| ≤ π/4.
        long k = (long)turns;
        long n = (k + (1L << 50)) >> 51;
        long f = k - (n << 51);
        double theta = (f * (1.0 / (1L << 51))) * HalfPi;
        double z = theta * theta;

        var sc = SinCoefficients;
        double sp = sc[9];
        for (int j = 8; j >= 1; j--) sp = sp * z + sc[j];
        double s = theta + (theta * z) * sp;

        var cc = CosCoefficients;
        double cp = cc[9];
        for (int j = 8; j >= 1; j--) cp = cp * z + cc[j];
        double c = 1.0 + z * cp;

        return (n & 3) switch
        {
            0 => (s, c),
            1 => (c, -s),
            2 => (-s, -c),
            _ => (-c, s),
        };
    }
}
