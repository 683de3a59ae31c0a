using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Layers;

/// <summary>
/// Transposing pack for float32 with AVX-512: 16×16 blocks transposed in registers. Packing an
/// untransposed A (or a transposed B) interleaves lines of the source; element by element that is a
/// load and a store per value, which for a 256-wide product is a sizeable fraction of the FMAs spent
/// on it. Here 256 values take 16 loads, 64 shuffles and 16 stores.
/// </summary>
internal static unsafe class GemmTransposePacking
{
    public static bool IsSupported => Avx512F.IsSupported;

    /// <summary>
    /// Same contract as the scalar transpose in <see cref="GemmPacking"/> with a unit step stride: lane l of
    /// step p is <c>source[l·lineStride + p]</c> for l &lt; <paramref name="count"/>, zero up to <paramref name="width"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Transpose(float* panel, float* source, nint lineStride, int count, int kc, int width)
    {
        for (int group = 0; group < width; group += 16)
        {
            int lanes = Math.Min(16, width - group);
            int valid = Math.Clamp(count - group, 0, lanes);
            float* lines = source + group * lineStride;
            float* to = panel + group;
            int p = 0;
            for (; p + 16 <= kc; p += 16) Block(to + (nint)p * width, lines + p, lineStride, valid, lanes, width);
            for (; p < kc; p++)
            {
                float* step = to + (nint)p * width;
                for (int lane = 0; lane < lanes; lane++) step[lane] = lane < valid ? lines[lane * lineStride + p] : 0f;
            }
        }
    }

    /// <summary>Transposes 16 steps × up to 16 lines; writes <paramref name="lanes"/> values per step, <paramref name="width"/> apart.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Block(float* to, float* from, nint lineStride, int valid, int lanes, int width)
    {
        var r0 = Line(from, lineStride, 0, valid);
        var r1 = Line(from, lineStride, 1, valid);
        var r2 = Line(from, lineStride, 2, valid);
        var r3 = Line(from, lineStride, 3, valid);
        var r4 = Line(from, lineStride, 4, valid);
        var r5 = Line(from, lineStride, 5, valid);
        var r6 = Line(from, lineStride, 6, valid);
        var r7 = Line(from, lineStride, 7, valid);
        var r8 = Line(from, lineStride, 8, valid);
        var r9 = Line(from, lineStride, 9, valid);
        var r10 = Line(from, lineStride, 10, valid);
        var r11 = Line(from, lineStride, 11, valid);
        var r12 = Line(from, lineStride, 12, valid);
        var r13 = Line(from, lineStride, 13, valid);
        var r14 = Line(from, lineStride, 14, valid);
        var r15 = Line(from, lineStride, 15, valid);

        // Interleave pairs of lines, then pairs of pairs (as doubles), within each 128-bit quarter…
        var t0 = Avx512F.UnpackLow(r0, r1);
        var t1 = Avx512F.UnpackHigh(r0, r1);
        var t2 = Avx512F.UnpackLow(r2, r3);
        var t3 = Avx512F.UnpackHigh(r2, r3);
        var t4 = Avx512F.UnpackLow(r4, r5);
        var t5 = Avx512F.UnpackHigh(r4, r5);
        var t6 = Avx512F.UnpackLow(r6, r7);
        var t7 = Avx512F.UnpackHigh(r6, r7);
        var t8 = Avx512F.UnpackLow(r8, r9);
        var t9 = Avx512F.UnpackHigh(r8, r9);
        var t10 = Avx512F.UnpackLow(r10, r11);
        var t11 = Avx512F.UnpackHigh(r10, r11);
        var t12 = Avx512F.UnpackLow(r12, r13);
        var t13 = Avx512F.UnpackHigh(r12, r13);
        var t14 = Avx512F.UnpackLow(r14, r15);
        var t15 = Avx512F.UnpackHigh(r14, r15);

        r0 = PairLow(t0, t2);
        r1 = PairHigh(t0, t2);
        r2 = PairLow(t1, t3);
        r3 = PairHigh(t1, t3);
        r4 = PairLow(t4, t6);
        r5 = PairHigh(t4, t6);
        r6 = PairLow(t5, t7);
        r7 = PairHigh(t5, t7);
        r8 = PairLow(t8, t10);
        r9 = PairHigh(t8, t10);
        r10 = PairLow(t9, t11);
        r11 = PairHigh(t9, t11);
        r12 = PairLow(t12, t14);
        r13 = PairHigh(t12, t14);
        r14 = PairLow(t13, t15);
        r15 = PairHigh(t13, t15);

        // …then move whole quarters across vectors: first between lines 4 apart, then 8 apart.
        t0 = Avx512F.Shuffle4x128(r0, r4, 0x88);
        t1 = Avx512F.Shuffle4x128(r1, r5, 0x88);
        t2 = Avx512F.Shuffle4x128(r2, r6, 0x88);
        t3 = Avx512F.Shuffle4x128(r3, r7, 0x88);
        t4 = Avx512F.Shuffle4x128(r0, r4, 0xDD);
        t5 = Avx512F.Shuffle4x128(r1, r5, 0xDD);
        t6 = Avx512F.Shuffle4x128(r2, r6, 0xDD);
        t7 = Avx512F.Shuffle4x128(r3, r7, 0xDD);
        t8 = Avx512F.Shuffle4x128(r8, r12, 0x88);
        t9 = Avx512F.Shuffle4x128(r9, r13, 0x88);
        t10 = Avx512F.Shuffle4x128(r10, r14, 0x88);
        t11 = Avx512F.Shuffle4x128(r11, r15, 0x88);
        t12 = Avx512F.Shuffle4x128(r8, r12, 0xDD);
        t13 = Avx512F.Shuffle4x128(r9, r13, 0xDD);
        t14 = Avx512F.Shuffle4x128(r10, r14, 0xDD);
        t15 = Avx512F.Shuffle4x128(r11, r15, 0xDD);

        Store(to, 0, width, lanes, Avx512F.Shuffle4x128(t0, t8, 0x88));
        Store(to, 1, width, lanes, Avx512F.Shuffle4x128(t1, t9, 0x88));
        Store(to, 2, width, lanes, Avx512F.Shuffle4x128(t2, t10, 0x88));
        Store(to, 3, width, lanes, Avx512F.Shuffle4x128(t3, t11, 0x88));
        Store(to, 4, width, lanes, Avx512F.Shuffle4x128(t4, t12, 0x88));
        Store(to, 5, width, lanes, Avx512F.Shuffle4x128(t5, t13, 0x88));
        Store(to, 6, width, lanes, Avx512F.Shuffle4x128(t6, t14, 0x88));
        Store(to, 7, width, lanes, Avx512F.Shuffle4x128(t7, t15, 0x88));
        Store(to, 8, width, lanes, Avx512F.Shuffle4x128(t0, t8, 0xDD));
        Store(to, 9, width, lanes, Avx512F.Shuffle4x128(t1, t9, 0xDD));
        Store(to, 10, width, lanes, Avx512F.Shuffle4x128(t2, t10, 0xDD));
        Store(to, 11, width, lanes, Avx512F.Shuffle4x128(t3, t11, 0xDD));
        Store(to, 12, width, lanes, Avx512F.Shuffle4x128(t4, t12, 0xDD));
        Store(to, 13, width, lanes, Avx512F.Shuffle4x128(t5, t13, 0xDD));
        Store(to, 14, width, lanes, Avx512F.Shuffle4x128(t6, t14, 0xDD));
        Store(to, 15, width, lanes, Avx512F.Shuffle4x128(t7, t15, 0xDD));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Line(float* from, nint lineStride, int line, int valid) =>
        line < valid ? Vector512.Load(from + line * lineStride) : Vector512<float>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> PairLow(Vector512<float> a, Vector512<float> b) =>
        Avx512F.UnpackLow(a.AsDouble(), b.AsDouble()).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> PairHigh(Vector512<float> a, Vector512<float> b) =>
        Avx512F.UnpackHigh(a.AsDouble(), b.AsDouble()).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* to, int step, int width, int lanes, Vector512<float> values)
    {
        float* at = to + (nint)step * width;
        if (lanes == 16)
        {
            values.Store(at);
        }
        else if (lanes == 12)
        {
            values.GetLower().Store(at);
            values.GetUpper().GetLower().Store(at + 8);
        }
        else
        {
            for (int lane = 0; lane < lanes; lane++) at[lane] = values.GetElement(lane);
        }
    }
}
