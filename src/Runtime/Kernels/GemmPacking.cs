using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Layers;

/// <summary>
/// Copies blocks of A and B into the contiguous micro-panel layout the micro-kernels read, so the
/// kernels see unit-stride, aligned, zero-padded data whatever the operands' strides (this is where
/// transposes cost nothing extra) and never read outside the operands.
/// </summary>
internal static unsafe class GemmPacking
{
    // inRegisters: transpose float32 blocks with AVX-512 shuffles instead of element by element.

    /// <summary>
    /// Packs rows [<paramref name="i0"/>, +<paramref name="mc"/>) × columns [<paramref name="p0"/>, +<paramref name="kc"/>)
    /// of A into micro-panels of <paramref name="mr"/> rows: panel q holds, for each step p, its mr values
    /// at <c>dst + q·mr·kc + p·mr</c>. Rows past the end are zero.
    /// </summary>
    public static void PackA<T>(T* dst, in GemmOperand<T> a, int i0, int mc, int p0, int kc, int mr, bool inRegisters)
        where T : unmanaged, INumber<T>
    {
        for (int ir = 0; ir < mc; ir += mr)
        {
            int rows = Math.Min(mr, mc - ir);
            T* source = a.At(i0 + ir, p0);
            T* panel = dst + (nint)ir * kc;
            if (a.RowStride == 1)
                Gather(panel, source, a.ColStride, rows, kc, mr);
            else
                Transpose(panel, source, a.RowStride, a.ColStride, rows, kc, mr, inRegisters);
        }
    }

    /// <summary>
    /// Packs rows [<paramref name="p0"/>, +<paramref name="kc"/>) × columns [<paramref name="j0"/>, +<paramref name="nc"/>)
    /// of B into micro-panels of <paramref name="nr"/> columns: panel q holds, for each step p, its nr values
    /// at <c>dst + q·nr·kc + p·nr</c>. Columns past the end are zero.
    /// </summary>
    public static void PackB<T>(T* dst, in GemmOperand<T> b, int p0, int kc, int j0, int nc, int nr, bool inRegisters)
        where T : unmanaged, INumber<T>
    {
        for (int jr = 0; jr < nc; jr += nr)
        {
            int cols = Math.Min(nr, nc - jr);
            T* source = b.At(p0, j0 + jr);
            T* panel = dst + (nint)jr * kc;
            if (b.ColStride == 1)
                Gather(panel, source, b.RowStride, cols, kc, nr);
            else
                Transpose(panel, source, b.ColStride, b.RowStride, cols, kc, nr, inRegisters);
        }
    }

    /// <summary>
    /// The panel's values for step p are already contiguous in the source (at <c>source + p·stepStride</c>):
    /// copy <paramref name="count"/> of them per step and zero-pad to <paramref name="width"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Gather<T>(T* panel, T* source, nint stepStride, int count, int kc, int width)
        where T : unmanaged, INumber<T>
    {
        int bytes = count * sizeof(T);
        for (int p = 0; p < kc; p++)
        {
            T* to = panel + (nint)p * width;
            Copy((byte*)(source + p * stepStride), (byte*)to, bytes);
            if (count < width) new Span<T>(to + count, width - count).Clear();
        }
    }

    /// <summary>A short copy inlined as vector moves: a panel row is 48–128 bytes, where a memmove call costs more than the copy.</summary>
    private static void Copy(byte* from, byte* to, int bytes)
    {
        int i = 0;
        for (; i + 64 <= bytes; i += 64) Vector512.Store(Vector512.Load(from + i), to + i);
        if (i + 32 <= bytes)
        {
            Vector256.Store(Vector256.Load(from + i), to + i);
            i += 32;
        }
        if (i + 16 <= bytes)
        {
            Vector128.Store(Vector128.Load(from + i), to + i);
            i += 16;
        }
        for (; i < bytes; i++) to[i] = from[i];
    }

    /// <summary>
    /// The panel's <paramref name="count"/> lanes are lines of the source, <paramref name="lineStride"/> apart,
    /// each running along the steps with stride <paramref name="stepStride"/> (1 in the common case):
    /// interleave them so each step's lanes become contiguous, zero-padded to <paramref name="width"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Transpose<T>(T* panel, T* source, nint lineStride, nint stepStride, int count, int kc, int width, bool inRegisters)
        where T : unmanaged, INumber<T>
    {
        if (inRegisters && typeof(T) == typeof(float) && stepStride == 1)
        {
            GemmTransposePacking.Transpose((float*)panel, (float*)source, lineStride, count, kc, width);
            return;
        }
        // Lines in the outer loop: each is read sequentially, and the writes land in a panel small enough for L1.
        for (int lane = 0; lane < count; lane++)
        {
            T* line = source + lane * lineStride;
            T* to = panel + lane;
            if (stepStride == 1)
            {
                for (int p = 0; p < kc; p++) to[(nint)p * width] = line[p];
            }
            else
            {
                for (int p = 0; p < kc; p++) to[(nint)p * width] = line[p * stepStride];
            }
        }
        for (int lane = count; lane < width; lane++)
        {
            T* to = panel + lane;
            for (int p = 0; p < kc; p++) to[(nint)p * width] = T.Zero;
        }
    }
}
