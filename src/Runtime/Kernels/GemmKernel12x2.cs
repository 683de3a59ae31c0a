using System.Numerics;
using System.Runtime.CompilerServices;

namespace Layers;

/// <summary>
/// 12 rows × 2 vectors: 24 accumulators, so each step issues 24 FMAs for 2 vector loads and 12
/// broadcasts. Needs the 32 registers of AVX-512; the kernel of the 512-bit path.
/// </summary>
internal readonly unsafe struct GemmKernel12x2<T, TVec, TSimd> : IGemmMicroKernel<T>
    where T : unmanaged, INumber<T>
    where TVec : unmanaged
    where TSimd : IGemmSimd<T, TVec>
{
    public static int MR => 12;

    public static int NR => 2 * TSimd.Count;

    // Measured on Zen 5 (48 KiB L1d, 1 MiB L2): KC 256–512 × MC 48–144 were all within 5% on 256³–2048³, on one
    // thread and two. KC = 384 keeps C's tile traffic low (one pass per 384 steps) while the A block
    // (96×384 floats = 144 KiB) leaves most of L2 to the streaming B micro-panels (384×32 floats = 48 KiB).
    public static int KC => 384;

    public static int MC => 96;

    /// <summary>A B block of 384×4096 floats (6 MiB) lives in L3; wider products rarely occur.</summary>
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
        TVec c60 = TSimd.Zero, c61 = TSimd.Zero, c70 = TSimd.Zero, c71 = TSimd.Zero;
        TVec c80 = TSimd.Zero, c81 = TSimd.Zero, c90 = TSimd.Zero, c91 = TSimd.Zero;
        TVec c100 = TSimd.Zero, c101 = TSimd.Zero, c110 = TSimd.Zero, c111 = TSimd.Zero;
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
            av = TSimd.Broadcast(a + 6);
            c60 = TSimd.MultiplyAdd(av, b0, c60);
            c61 = TSimd.MultiplyAdd(av, b1, c61);
            av = TSimd.Broadcast(a + 7);
            c70 = TSimd.MultiplyAdd(av, b0, c70);
            c71 = TSimd.MultiplyAdd(av, b1, c71);
            av = TSimd.Broadcast(a + 8);
            c80 = TSimd.MultiplyAdd(av, b0, c80);
            c81 = TSimd.MultiplyAdd(av, b1, c81);
            av = TSimd.Broadcast(a + 9);
            c90 = TSimd.MultiplyAdd(av, b0, c90);
            c91 = TSimd.MultiplyAdd(av, b1, c91);
            av = TSimd.Broadcast(a + 10);
            c100 = TSimd.MultiplyAdd(av, b0, c100);
            c101 = TSimd.MultiplyAdd(av, b1, c101);
            av = TSimd.Broadcast(a + 11);
            c110 = TSimd.MultiplyAdd(av, b0, c110);
            c111 = TSimd.MultiplyAdd(av, b1, c111);
            a += 12;
            b += 2 * w;
        }
        StoreRow(c, w, c00, c01, accumulate);
        StoreRow(c + 1 * ldc, w, c10, c11, accumulate);
        StoreRow(c + 2 * ldc, w, c20, c21, accumulate);
        StoreRow(c + 3 * ldc, w, c30, c31, accumulate);
        StoreRow(c + 4 * ldc, w, c40, c41, accumulate);
        StoreRow(c + 5 * ldc, w, c50, c51, accumulate);
        StoreRow(c + 6 * ldc, w, c60, c61, accumulate);
        StoreRow(c + 7 * ldc, w, c70, c71, accumulate);
        StoreRow(c + 8 * ldc, w, c80, c81, accumulate);
        StoreRow(c + 9 * ldc, w, c90, c91, accumulate);
        StoreRow(c + 10 * ldc, w, c100, c101, accumulate);
        StoreRow(c + 11 * ldc, w, c110, c111, accumulate);
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
