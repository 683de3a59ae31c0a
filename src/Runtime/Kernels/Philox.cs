using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Layers;

/// <summary>
/// Philox4x32-10 (Salmon, Moraes, Dror, Shaw: "Parallel random numbers: as easy as 1, 2, 3", SC 2011):
/// a counter-based generator, so block <c>i</c> of any stream is computed directly, with no state to
/// advance. The exact stream layout built on it is specified in <c>docs/random.md</c>.
/// </summary>
internal static class Philox
{
    private const uint M0 = 0xD2511F53;
    private const uint M1 = 0xCD9E8D57;
    private const uint W0 = 0x9E3779B9;
    private const uint W1 = 0xBB67AE85;

    /// <summary>One 128-bit output block of Philox4x32-10 for a 128-bit counter and a 64-bit key.</summary>
    public static Block Compute(uint c0, uint c1, uint c2, uint c3, uint k0, uint k1)
    {
        for (int round = 0; round < 10; round++)
        {
            ulong p0 = (ulong)M0 * c0;
            ulong p1 = (ulong)M1 * c2;
            uint hi0 = (uint)(p0 >> 32), lo0 = (uint)p0;
            uint hi1 = (uint)(p1 >> 32), lo1 = (uint)p1;
            c0 = hi1 ^ c1 ^ k0;
            c1 = lo1;
            c2 = hi0 ^ c3 ^ k1;
            c3 = lo0;
            k0 += W0;
            k1 += W1;
        }
        return new Block(c0, c1, c2, c3);
    }

    /// <summary>Block <paramref name="index"/> of stream <paramref name="stream"/> under <paramref name="seed"/> (the layout in docs/random.md).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Block Compute(ulong seed, ulong stream, ulong index) =>
        Compute((uint)index, (uint)(index >> 32), (uint)stream, (uint)(stream >> 32), (uint)seed, (uint)(seed >> 32));

    /// <summary>
    /// Writes blocks <paramref name="firstBlock"/>, <paramref name="firstBlock"/> + 1, … of a stream into
    /// <paramref name="words"/> (four words per block, in order), which is exactly the stream's word order.
    /// Eight (AVX-512) or four (AVX2) blocks are computed side by side, one block per 64-bit lane; the
    /// arithmetic is the same 32-bit arithmetic, so the words are identical to <see cref="Compute(ulong, ulong, ulong)"/>.
    /// <paramref name="maxLanes"/> caps the width, so tests can check every path on one machine.
    /// </summary>
    // Called a few times per model with long loops: compile fully optimized at once instead of
    // running the first calls (which may be the only ones) in tier-0 code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Fill(ulong seed, ulong stream, ulong firstBlock, Span<uint> words, int maxLanes = 8)
    {
        int blocks = words.Length / 4;
        int j = 0;
        if (maxLanes >= 8 && Avx512F.IsSupported)
            for (; j + 8 <= blocks; j += 8) Fill8(seed, stream, firstBlock + (ulong)j, words.Slice(4 * j, 32));
        if (maxLanes >= 4 && Avx2.IsSupported)
            for (; j + 4 <= blocks; j += 4) Fill4(seed, stream, firstBlock + (ulong)j, words.Slice(4 * j, 16));
        for (; j < blocks; j++)
        {
            var block = Compute(seed, stream, firstBlock + (ulong)j);
            words[4 * j] = block.W0;
            words[4 * j + 1] = block.W1;
            words[4 * j + 2] = block.W2;
            words[4 * j + 3] = block.W3;
        }
    }

    private static void Fill8(ulong seed, ulong stream, ulong first, Span<uint> words)
    {
        var low = Vector512.Create(0xFFFFFFFFUL);
        var index = Vector512.Create(first) + Vector512.Create(0UL, 1, 2, 3, 4, 5, 6, 7);
        var c0 = index & low;
        var c1 = index >>> 32;
        var c2 = Vector512.Create((ulong)(uint)stream);
        var c3 = Vector512.Create(stream >> 32);
        var m0 = Vector512.Create((ulong)M0).AsUInt32();
        var m1 = Vector512.Create((ulong)M1).AsUInt32();
        uint k0 = (uint)seed, k1 = (uint)(seed >> 32);
        for (int round = 0; round < 10; round++)
        {
            // vpmuludq multiplies the low 32 bits of each 64-bit lane: the full 32×32→64 product.
            var p0 = Avx512F.Multiply(c0.AsUInt32(), m0);
            var p1 = Avx512F.Multiply(c2.AsUInt32(), m1);
            var next0 = (p1 >>> 32) ^ c1 ^ Vector512.Create((ulong)k0);
            var next2 = (p0 >>> 32) ^ c3 ^ Vector512.Create((ulong)k1);
            c1 = p1 & low;
            c3 = p0 & low;
            c0 = next0;
            c2 = next2;
            k0 += W0;
            k1 += W1;
        }
        Interleave(c0, c1, c2, c3, words);
    }

    private static void Fill4(ulong seed, ulong stream, ulong first, Span<uint> words)
    {
        var low = Vector256.Create(0xFFFFFFFFUL);
        var index = Vector256.Create(first) + Vector256.Create(0UL, 1, 2, 3);
        var c0 = index & low;
        var c1 = index >>> 32;
        var c2 = Vector256.Create((ulong)(uint)stream);
        var c3 = Vector256.Create(stream >> 32);
        var m0 = Vector256.Create((ulong)M0).AsUInt32();
        var m1 = Vector256.Create((ulong)M1).AsUInt32();
        uint k0 = (uint)seed, k1 = (uint)(seed >> 32);
        for (int round = 0; round < 10; round++)
        {
            var p0 = Avx2.Multiply(c0.AsUInt32(), m0);
            var p1 = Avx2.Multiply(c2.AsUInt32(), m1);
            var next0 = (p1 >>> 32) ^ c1 ^ Vector256.Create((ulong)k0);
            var next2 = (p0 >>> 32) ^ c3 ^ Vector256.Create((ulong)k1);
            c1 = p1 & low;
            c3 = p0 & low;
            c0 = next0;
            c2 = next2;
            k0 += W0;
            k1 += W1;
        }
        for (int lane = 0; lane < 4; lane++)
        {
            words[4 * lane] = (uint)c0.GetElement(lane);
            words[4 * lane + 1] = (uint)c1.GetElement(lane);
            words[4 * lane + 2] = (uint)c2.GetElement(lane);
            words[4 * lane + 3] = (uint)c3.GetElement(lane);
        }
    }

    /// <summary>Lanes hold blocks; memory wants block after block. Store the four word vectors and interleave.</summary>
    private static void Interleave(Vector512<ulong> c0, Vector512<ulong> c1, Vector512<ulong> c2, Vector512<ulong> c3, Span<uint> words)
    {
        // Pack word pairs into one 64-bit value per lane (w0 | w1 << 32), then each lane's two values are
        // its block's four words in order.
        var low = c0 | (c1 << 32);
        var high = c2 | (c3 << 32);
        var first = Avx512F.PermuteVar8x64x2(low, Vector512.Create(0UL, 8, 1, 9, 2, 10, 3, 11), high);
        var second = Avx512F.PermuteVar8x64x2(low, Vector512.Create(4UL, 12, 5, 13, 6, 14, 7, 15), high);
        ref ulong destination = ref Unsafe.As<uint, ulong>(ref System.Runtime.InteropServices.MemoryMarshal.GetReference(words));
        first.StoreUnsafe(ref destination);
        second.StoreUnsafe(ref destination, 8);
    }

    /// <summary>Four 32-bit output words.</summary>
    internal readonly record struct Block(uint W0, uint W1, uint W2, uint W3);
}
