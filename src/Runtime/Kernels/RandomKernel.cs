namespace Layers;

/// <summary>
/// Turns Philox blocks into uniform and normal values, exactly as specified in <c>docs/random.md</c>.
/// Every element's value depends only on (seed, stream, element index), never on threads or vector
/// widths, so the streams are reproducible everywhere.
/// </summary>
internal static class RandomKernel
{
    private const double TwoToMinus24 = 1.0 / (1 << 24);
    private const double TwoToMinus53 = 1.0 / (1L << 53);

    /// <summary>Uniform float32 in [<paramref name="low"/>, <paramref name="high"/>): one 32-bit word per element.</summary>
    public static void Uniform(Span<float> destination, ulong seed, ulong stream, float low, float high)
    {
        double lo = low, range = (double)high - low;
        float below = MathF.BitDecrement(high);
        for (int i = 0; i < destination.Length; i += 4)
        {
            var block = Philox.Compute(seed, stream, (ulong)(i / 4));
            int count = Math.Min(4, destination.Length - i);
            for (int w = 0; w < count; w++)
            {
                double u = (block[w] >> 8) * TwoToMinus24;
                float value = (float)(lo + range * u);
                // Rounding to float32 can land on high itself; the interval is half-open.
                destination[i + w] = value >= high ? below : value;
            }
        }
    }

    /// <summary>Uniform float64 in [<paramref name="low"/>, <paramref name="high"/>): two 32-bit words (53 bits) per element.</summary>
    public static void Uniform(Span<double> destination, ulong seed, ulong stream, double low, double high)
    {
        double range = high - low;
        double below = Math.BitDecrement(high);
        for (int i = 0; i < destination.Length; i += 2)
        {
            var block = Philox.Compute(seed, stream, (ulong)(i / 2));
            int count = Math.Min(2, destination.Length - i);
            for (int pair = 0; pair < count; pair++)
            {
                double value = low + range * (block.Bits53(pair) * TwoToMinus53);
                destination[i + pair] = value >= high ? below : value;
            }
        }
    }

    /// <summary>Standard normals z₂ⱼ, z₂ⱼ₊₁ from block j by Box–Muller, in float64.</summary>
    public static (double Z0, double Z1) NormalPair(ulong seed, ulong stream, ulong pairIndex)
    {
        var block = Philox.Compute(seed, stream, pairIndex);
        // u1 in (0, 1] keeps log finite; u2 in [0, 1) is a fraction of a turn.
        double u1 = (block.Bits53(0) + 1) * TwoToMinus53;
        double radius = Math.Sqrt(-2.0 * DeterministicMath.Log(u1));
        var (sin, cos) = DeterministicMath.SinCosTurns(block.Bits53(1));
        return (radius * cos, radius * sin);
    }

    /// <summary><c>mean + stddev·z</c> for the standard normal stream z₀, z₁, … of (seed, stream).</summary>
    public static void Normal<T>(Span<T> destination, ulong seed, ulong stream, double mean, double stddev)
        where T : unmanaged
    {
        var normals = new NormalStream(seed, stream);
        for (int i = 0; i < destination.Length; i++)
            destination[i] = Convert<T>(mean + stddev * normals.Next());
    }

    /// <summary>
    /// Like <see cref="Normal{T}"/>, but standard normals with |z| &gt; 2 are skipped: element i takes the
    /// i-th accepted value of the same stream (Keras' re-drawing, made sequential so it is reproducible).
    /// </summary>
    public static void TruncatedNormal<T>(Span<T> destination, ulong seed, ulong stream, double mean, double stddev)
        where T : unmanaged
    {
        var normals = new NormalStream(seed, stream);
        for (int i = 0; i < destination.Length; i++)
        {
            double z;
            do z = normals.Next();
            while (!(Math.Abs(z) <= 2.0));
            destination[i] = Convert<T>(mean + stddev * z);
        }
    }

    private static T Convert<T>(double value) where T : unmanaged
    {
        if (typeof(T) == typeof(float)) return (T)(object)(float)value;
        return (T)(object)value;
    }

    /// <summary>The standard normals of one stream, in order, computing each Box–Muller pair once.</summary>
    private struct NormalStream(ulong seed, ulong stream)
    {
        private ulong _pair;
        private double _second;
        private bool _hasSecond;

        public double Next()
        {
            if (_hasSecond)
            {
                _hasSecond = false;
                return _second;
            }
            var (z0, z1) = NormalPair(seed, stream, _pair++);
            _second = z1;
            _hasSecond = true;
            return z0;
        }
    }
}
