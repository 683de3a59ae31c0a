using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Layers;

/// <summary>Software prefetch hints (no-ops where the platform has none).</summary>
internal static unsafe class GemmPrefetch
{
    /// <summary>Prefetches <paramref name="rows"/> rows of <paramref name="rowBytes"/> bytes, <paramref name="ld"/> elements apart, into L1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Tile<T>(T* start, nint ld, int rows, int rowBytes) where T : unmanaged
    {
        if (!Sse.IsSupported) return;
        for (int r = 0; r < rows; r++)
        {
            byte* row = (byte*)(start + r * ld);
            // First and last byte: a row of C need not start on a cache line, so it may span one more line than its length suggests.
            for (int offset = 0; offset < rowBytes; offset += 64) Sse.Prefetch0(row + offset);
            Sse.Prefetch0(row + rowBytes - 1);
        }
    }
}
