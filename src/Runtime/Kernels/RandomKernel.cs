using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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

    /// <summary>Words generated per batch: 256 Philox blocks, 4 KiB on the stack.</summary>
    private const int ChunkWords = 1024;

    /// <summary>Uniform float32 in [<paramref name="low"/>, <paramref name="high"/>): element i is built from word i of the stream.</summary>
    // Called a few times per model with long loops: compile fully optimized at once instead of
    // running the first calls (which may be the only ones) in tier-0 code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Uniform(Span<float> destination, ulong seed, ulong stream, float low, float high)
    {
        double lo = low, range = (double)high - low;
        float below = MathF.BitDecrement(high);
        Span<uint> words = stackalloc uint[ChunkWords];
        for (int start = 0; start < destination.Length; start += ChunkWords)
        {
            int count = Math.Min(ChunkWords, destination.Length - start);
            Philox.Fill(seed, stream, (ulong)(start / 4), words[..RoundUpToBlock(count)]);
            var chunk = destination.Slice(start, count);
            int k = Vector256.IsHardwareAccelerated ? UniformVectorized(words, chunk, lo, range, high, below) : 0;
            for (; k < chunk.Length; k++)
            {
                double u = (words[k] >> 8) * TwoToMinus24;
                float value = (float)(lo + range * u);
                // Rounding to float32 can land on high itself; the interval is half-open.
                chunk[k] = value >= high ? below : value;
            }
        }
    }

    /// <summary>
    /// The float32 mapping above, eight elements at a time: the same IEEE operations lane by lane (exact
    /// int→float, float→double widening, multiply, add, one rounding to float32), so the same bits.
    /// Returns how many elements it wrote.
    /// </summary>
    private static int UniformVectorized(ReadOnlySpan<uint> words, Span<float> chunk, double lo, double range, float high, float below)
    {
        var scale = Vector256.Create(TwoToMinus24);
        var loV = Vector256.Create(lo);
        var rangeV = Vector256.Create(range);
        var highV = Vector256.Create(high);
        var belowV = Vector256.Create(below);
        int k = 0;
        for (; k + 8 <= chunk.Length; k += 8)
        {
            var bits = Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(words), (nuint)k) >>> 8;
            var (lower, upper) = Vector256.Widen(Vector256.ConvertToSingle(bits.AsInt32()));
            var value = Vector256.Narrow(loV + rangeV * (lower * scale), loV + rangeV * (upper * scale));
            Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(value, highV), belowV, value)
                .StoreUnsafe(ref MemoryMarshal.GetReference(chunk), (nuint)k);
        }
        return k;
    }

    /// <summary>Uniform float64 in [<paramref name="low"/>, <paramref name="high"/>): element i is built from words 2i and 2i + 1 (53 bits).</summary>
    // Called a few times per model with long loops: compile fully optimized at once instead of
    // running the first calls (which may be the only ones) in tier-0 code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Uniform(Span<double> destination, ulong seed, ulong stream, double low, double high)
    {
        double range = high - low;
        double below = Math.BitDecrement(high);
        Span<uint> words = stackalloc uint[ChunkWords];
        const int perChunk = ChunkWords / 2;
        for (int start = 0; start < destination.Length; start += perChunk)
        {
            int count = Math.Min(perChunk, destination.Length - start);
            Philox.Fill(seed, stream, (ulong)(start / 2), words[..RoundUpToBlock(2 * count)]);
            var chunk = destination.Slice(start, count);
            for (int k = 0; k < chunk.Length; k++)
            {
                double value = low + range * (Bits53(words[2 * k], words[2 * k + 1]) * TwoToMinus53);
                chunk[k] = value >= high ? below : value;
            }
        }
    }

    /// <summary>Standard normals z₂ⱼ, z₂ⱼ₊₁ from the four words of block j by Box–Muller, in float64.</summary>
    private static (double Z0, double Z1) NormalPair(uint w0, uint w1, uint w2, uint w3)
    {
        // u1 in (0, 1] keeps log finite; u2 in [0, 1) is a fraction of a turn.
        double u1 = (Bits53(w0, w1) + 1) * TwoToMinus53;
        double radius = Math.Sqrt(-2.0 * DeterministicMath.Log(u1));
        var (sin, cos) = DeterministicMath.SinCosTurns(Bits53(w2, w3));
        return (radius * cos, radius * sin);
    }

    /// <summary>The top 53 bits of the 64-bit number whose high half is <paramref name="high"/>.</summary>
    private static ulong Bits53(uint high, uint low) => (((ulong)high << 32) | low) >> 11;

    private static int RoundUpToBlock(int words) => (words + 3) & ~3;

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

    /// <summary>The standard normals of one stream, in order, generated a batch of blocks at a time.</summary>
    private sealed class NormalStream(ulong seed, ulong stream)
    {
        private readonly double[] _values = new double[ChunkWords / 2];
        private readonly uint[] _words = new uint[ChunkWords];
        private ulong _nextBlock;
        private int _position = ChunkWords / 2;

        public double Next()
        {
            if (_position == _values.Length) Refill();
            return _values[_position++];
        }

        // Called a few times per model with long loops: compile fully optimized at once instead of
        // running the first calls (which may be the only ones) in tier-0 code.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Refill()
        {
            Philox.Fill(seed, stream, _nextBlock, _words);
            _nextBlock += ChunkWords / 4;
            for (int j = 0; j < ChunkWords / 4; j++)
            {
                var (z0, z1) = NormalPair(_words[4 * j], _words[4 * j + 1], _words[4 * j + 2], _words[4 * j + 3]);
                _values[2 * j] = z0;
                _values[2 * j + 1] = z1;
            }
            _position = 0;
        }
    }
}
