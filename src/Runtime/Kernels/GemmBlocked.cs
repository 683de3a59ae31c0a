using System.Numerics;
using System.Runtime.CompilerServices;

namespace Layers;

/// <summary>
/// The Goto/BLIS loop nest around a micro-kernel, for one thread's share of C. B is packed a KC×NC
/// block at a time (reused by every row block), A an MC×KC block at a time (reused by every column
/// micro-panel); the micro-kernel then walks the packed blocks with one B micro-panel hot in L1.
/// The loops here, in packing and in the unpacked kernels are compiled fully optimized from the first
/// call rather than tiered up (measured: the 2nd–5th calls of a 1024³ product ran at 171–181 GFLOP/s
/// against 159–170 with tiering), so early and occasional products run at full speed.
/// </summary>
internal static unsafe class GemmBlocked
{
    /// <summary>Computes rows [<paramref name="rowStart"/>, <paramref name="rowEnd"/>) × columns [<paramref name="colStart"/>, <paramref name="colEnd"/>) of C.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<T, TKernel>(in GemmProblem<T> problem, int rowStart, int rowEnd, int colStart, int colEnd)
        where T : unmanaged, INumber<T>
        where TKernel : IGemmMicroKernel<T>
    {
        int mr = TKernel.MR, nr = TKernel.NR;
        int k = problem.K;
        int kcMax = Math.Min(TKernel.KC, k);
        int mcMax = RoundUp(Math.Min(TKernel.MC, rowEnd - rowStart), mr);
        int ncMax = RoundUp(Math.Min(TKernel.NC, colEnd - colStart), nr);

        var buffers = GemmBuffers.Current;
        T* packedA = buffers.A<T>(mcMax * kcMax);
        T* packedB = buffers.B<T>(ncMax * kcMax);
        T* tile = buffers.Tile<T>(mr * nr);

        for (int jc = colStart; jc < colEnd; jc += TKernel.NC)
        {
            int nc = Math.Min(TKernel.NC, colEnd - jc);
            for (int pc = 0; pc < k; pc += TKernel.KC)
            {
                int kc = Math.Min(TKernel.KC, k - pc);
                // The first depth block overwrites C (unless the caller accumulates); later ones add to it.
                bool accumulate = problem.Accumulate || pc > 0;
                GemmPacking.PackB(packedB, problem.B, pc, kc, jc, nc, nr, TKernel.TransposesInRegisters);
                for (int ic = rowStart; ic < rowEnd; ic += TKernel.MC)
                {
                    int mc = Math.Min(TKernel.MC, rowEnd - ic);
                    GemmPacking.PackA(packedA, problem.A, ic, mc, pc, kc, mr, TKernel.TransposesInRegisters);
                    MacroKernel<T, TKernel>(problem, packedA, packedB, tile, ic, mc, jc, nc, kc, accumulate);
                }
            }
        }
    }

    /// <summary>Multiplies one packed A block by one packed B block into C[ic.., jc..].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MacroKernel<T, TKernel>(in GemmProblem<T> problem, T* packedA, T* packedB, T* tile,
        int ic, int mc, int jc, int nc, int kc, bool accumulate)
        where T : unmanaged, INumber<T>
        where TKernel : IGemmMicroKernel<T>
    {
        int mr = TKernel.MR, nr = TKernel.NR;
        nint ldc = problem.Ldc;
        for (int jr = 0; jr < nc; jr += nr)
        {
            int cols = Math.Min(nr, nc - jr);
            T* b = packedB + (nint)jr * kc;
            for (int ir = 0; ir < mc; ir += mr)
            {
                int rows = Math.Min(mr, mc - ir);
                T* a = packedA + (nint)ir * kc;
                T* c = problem.C + (ic + ir) * ldc + jc + jr;
                if (rows == mr && cols == nr)
                {
                    TKernel.Run(kc, a, b, c, ldc, accumulate);
                }
                else
                {
                    // Edge tile: compute the padded tile aside and copy out only the part inside C.
                    TKernel.Run(kc, a, b, tile, nr, accumulate: false);
                    MergeTile(tile, nr, c, ldc, rows, cols, accumulate);
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MergeTile<T>(T* tile, int nr, T* c, nint ldc, int rows, int cols, bool accumulate)
        where T : unmanaged, INumber<T>
    {
        for (int r = 0; r < rows; r++)
        {
            var from = new ReadOnlySpan<T>(tile + r * nr, cols);
            var to = new Span<T>(c + r * ldc, cols);
            if (accumulate)
            {
                for (int j = 0; j < cols; j++) to[j] += from[j];
            }
            else
            {
                from.CopyTo(to);
            }
        }
    }

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
}
