using System.Numerics;
using System.Runtime.CompilerServices;

namespace Layers;

/// <summary>
/// 6 rows × 2 vectors: 12 accumulators, 2 loads of B and 6 broadcasts of A per step. Fits the 16
/// registers of AVX2 as well as the 32 of AVX-512, so it is the kernel of the 256-bit and scalar paths.
/// </summary>
internal readonly unsafe struct GemmKernel6x2<T, TVec, TSimd> : IGemmMicroKernel<T>
    where T : unmanaged, INumber<T>
    where TVec : unmanaged
    where TSimd : IGemmSimd<T, TVec>
{
    public static int MR => 6;

    public static int NR => 2 * TSimd.Count;

    // Not tuned on hardware (this machine takes the 512-bit path): a B micro-panel of 256×2 vectors is
    // 16 KiB of float32 on AVX2, half a typical L1, and the A block (120×256 floats, 120 KiB) fits any L2.
    public static int KC => 256;

    public static int MC => 120;

    public static int NC => 4096;

    public static bool TransposesInRegisters => TSimd.TransposesInRegisters;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(nint kc, T* a, T* b, T* c, nint ldc, bool accumulate)
    {
        nint w = TSimd.Count;
        // C's tile is only touched after the loop; start fetching it now so the (often cache-missing) loads overlap the FMAs.
        GemmPrefetch.Tile(c, ldc, MR, NR * sizeof(T));
        TVec c00 = TSimd.Zero, c01 = TSimd.Zero, c10 = TSimd.Zero, c11 = TSimd.Zero;
        TVec c20 = TSimd.Zero, c21 = TSimd.Zero, c30 = TSimd.Zero, c31 = TSimd.Zero;
        TVec c40 = TSimd.Zero, c41 = TSimd.Zero, c50 = TSimd.Zero, c51 = TSimd.Zero;
        for (nint p = 0; p < kc; p++)
        {
            TVec b0 = TSimd.Load(b);
            TVec b1 = TSimd.Load(b + w);
            TVec av = TSimd.Broadcast(a);
            c00 = TSimd.MultiplyAdd(av, b0, c00);
            c01 = TSimd.MultiplyAdd(av, b1, c01);
            av = TSimd.Broadcast(a + 1);
            c10 = TSimd.MultiplyAdd(av, b0, c10);
            c11 = TSimd.MultiplyAdd(av, b1, c11);
            av = TSimd.Broadcast(a + 2);
            c20 = TSimd.MultiplyAdd(av, b0, c20);
            c21 = TSimd.MultiplyAdd(av, b1, c21);
            av = TSimd.Broadcast(a + 3);
            c30 = TSimd.MultiplyAdd(av, b0, c30);
            c31 = TSimd.MultiplyAdd(av, b1, c31);
            av = TSimd.Broadcast(a + 4);
            c40 = TSimd.MultiplyAdd(av, b0, c40);
            c41 = TSimd.MultiplyAdd(av, b1, c41);
            av = TSimd.Broadcast(a + 5);
            c50 = TSimd.MultiplyAdd(av, b0, c50);
            c51 = TSimd.MultiplyAdd(av, b1, c51);
            a += 6;
            b += 2 * w;
        }
        StoreRow(c, w, c00, c01, accumulate);
        StoreRow(c + ldc, w, c10, c11, accumulate);
        StoreRow(c + 2 * ldc, w, c20, c21, accumulate);
        StoreRow(c + 3 * ldc, w, c30, c31, accumulate);
        StoreRow(c + 4 * ldc, w, c40, c41, accumulate);
        StoreRow(c + 5 * ldc, w, c50, c51, accumulate);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow(T* row, nint w, TVec v0, TVec v1, bool accumulate)
    {
        if (accumulate)
        {
            v0 = TSimd.Add(v0, TSimd.Load(row));
            v1 = TSimd.Add(v1, TSimd.Load(row + w));
        }
        TSimd.Store(row, v0);
        TSimd.Store(row + w, v1);
    }
}
