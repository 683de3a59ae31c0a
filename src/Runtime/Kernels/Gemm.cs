using System.Numerics;
using System.Runtime.Intrinsics;

namespace Layers;

/// <summary>
/// General matrix multiply for float and double (and, through the same generic kernels, int and long):
/// <c>C = op(A)·op(B)</c> or <c>C += op(A)·op(B)</c>, with
/// transposes folded into packing. Thin products (a few rows times a matrix) run unpacked on the calling
/// thread; the rest are packed and blocked (<see cref="GemmBlocked"/>) and split with the
/// <see cref="ParallelWorker"/> when it is free.
/// </summary>
internal static unsafe class Gemm
{
    /// <summary>
    /// Products below this many FLOPs stay on one thread. Measured here: two threads about break even
    /// at 64³–80³ (3.3 against 3.5 µs, 6.6 against 7.3), win at 96³ (7.2 against 10.1) and 128³
    /// (15.6 against 21.9); a worker that has gone to sleep takes longer to wake.
    /// </summary>
    internal const long ParallelMinFlops = 2L * 96 * 96 * 96;

    /// <summary>
    /// Thin products (see <see cref="UseUnpacked"/>) below this many FLOPs stay on one thread. Measured here for one
    /// row times a matrix (µs, 1 thread against 2): 1×128·128×256 2.2 against 4.1, 1×256·256×256 3.4 against 2.9,
    /// 1×784·784×256 9.9 against 6.1, 1×512·512×512 15.9 against 7.6 — handing over costs about 1.5 µs.
    /// </summary>
    internal const long UnpackedParallelMinFlops = 2L * 256 * 256;

    public static void Multiply<T>(in GemmProblem<T> problem) where T : unmanaged, INumber<T>
    {
        if (problem.M == 0 || problem.N == 0) return;
        if (problem.K == 0)
        {
            if (!problem.Accumulate) ClearC(problem);
            return;
        }
        var path = GemmConfig.Path;
        if (UseUnpacked(problem))
        {
            var oriented = Oriented(problem);
            if (WantsTwoThreadsUnpacked(oriented) && GemmSmallParallelJob<T>.TryRun(oriented, path, VectorWidth<T>(path))) return;
            RunUnpacked(oriented, path);
            return;
        }
        if (WantsTwoThreads(problem, path) && GemmParallelJob<T>.TryRun(problem, path)) return;
        RunBlocked(problem, path, 0, problem.M, 0, problem.N);
    }

    /// <summary>Computes the block rows × columns of C with the path's micro-kernel.</summary>
    internal static void RunBlocked<T>(in GemmProblem<T> problem, GemmPath path, int rowStart, int rowEnd, int colStart, int colEnd)
        where T : unmanaged, INumber<T>
    {
        switch (path)
        {
            case GemmPath.Vector512:
                GemmBlocked.Run<T, GemmKernel12x2<T, Vector512<T>, Simd512<T>>>(problem, rowStart, rowEnd, colStart, colEnd);
                break;
            case GemmPath.Vector256:
                GemmBlocked.Run<T, GemmKernel6x2<T, Vector256<T>, Simd256<T>>>(problem, rowStart, rowEnd, colStart, colEnd);
                break;
            default:
                GemmBlocked.Run<T, GemmKernel6x2<T, T, SimdScalar<T>>>(problem, rowStart, rowEnd, colStart, colEnd);
                break;
        }
    }

    /// <summary>The register tile of the path's micro-kernel, which is the granularity a product is split at.</summary>
    internal static (int MR, int NR) Tile<T>(GemmPath path) where T : unmanaged, INumber<T>
    {
        var blocking = Blocking<T>(path);
        return (blocking.MR, blocking.NR);
    }

    /// <summary>The register tile and cache blocks of the path's micro-kernel (tests size their cases around these).</summary>
    internal static (int MR, int NR, int KC, int MC, int NC) Blocking<T>(GemmPath path) where T : unmanaged, INumber<T> => path switch
    {
        GemmPath.Vector512 => Blocking<T, GemmKernel12x2<T, Vector512<T>, Simd512<T>>>(),
        GemmPath.Vector256 => Blocking<T, GemmKernel6x2<T, Vector256<T>, Simd256<T>>>(),
        _ => Blocking<T, GemmKernel6x2<T, T, SimdScalar<T>>>(),
    };

    private static (int MR, int NR, int KC, int MC, int NC) Blocking<T, TKernel>()
        where T : unmanaged, INumber<T>
        where TKernel : IGemmMicroKernel<T> =>
        (TKernel.MR, TKernel.NR, TKernel.KC, TKernel.MC, TKernel.NC);

    internal static void RunUnpacked<T>(in GemmProblem<T> problem, GemmPath path) where T : unmanaged, INumber<T>
    {
        switch (path)
        {
            case GemmPath.Vector512: GemmSmall.Run<T, Vector512<T>, Simd512<T>>(problem); break;
            case GemmPath.Vector256: GemmSmall.Run<T, Vector256<T>, Simd256<T>>(problem); break;
            default: GemmSmall.Run<T, T, SimdScalar<T>>(problem); break;
        }
    }

    private static bool UseUnpacked<T>(in GemmProblem<T> problem) where T : unmanaged, INumber<T>
    {
        switch (GemmConfig.Strategy)
        {
            case GemmStrategy.Packed: return false;
            case GemmStrategy.Unpacked: return true;
        }
        // A vector (or up to 4 rows) times a matrix, or a matrix times a vector once oriented, streams the matrix
        // once; packing would copy it first for little reuse. Everything else packs: with per-thread buffers
        // packing is cheap even for tiny products (measured 0.25 µs for 8³, where the unpacked loops took 0.5 µs,
        // and 0.5 µs against 3.4 µs at 24³, whose columns are not a whole number of vectors).
        var oriented = Oriented(problem);
        return oriented.M <= 4 && (oriented.B.ColStride == 1 || (oriented.A.ColStride == 1 && oriented.B.RowStride == 1));
    }

    /// <summary>
    /// A product with a single contiguous column of C is computed as its transpose, <c>Cᵀ = Bᵀ·Aᵀ</c>: a
    /// single row, which the unpacked loops vectorize along.
    /// </summary>
    private static GemmProblem<T> Oriented<T>(in GemmProblem<T> problem) where T : unmanaged, INumber<T>
    {
        if (problem.N != 1 || problem.M == 1 || problem.Ldc != 1) return problem;
        var a = new GemmOperand<T>(problem.B.Data, problem.B.ColStride, problem.B.RowStride);
        var b = new GemmOperand<T>(problem.A.Data, problem.A.ColStride, problem.A.RowStride);
        return new GemmProblem<T>(1, problem.M, problem.K, a, b, problem.C, problem.M, problem.Accumulate);
    }

    private static bool WantsTwoThreads<T>(in GemmProblem<T> problem, GemmPath path) where T : unmanaged, INumber<T>
    {
        var (mr, nr) = Tile<T>(path);
        if (problem.M < 2 * mr && problem.N < 2 * nr) return false;
        return TwoThreadsAllowed(problem.Flops, ParallelMinFlops);
    }

    /// <summary>A thin product is split once reading B costs clearly more than handing half of it to the worker.</summary>
    private static bool WantsTwoThreadsUnpacked<T>(in GemmProblem<T> problem) where T : unmanaged, INumber<T> =>
        TwoThreadsAllowed(problem.Flops, UnpackedParallelMinFlops);

    /// <summary>The thread override (<see cref="GemmConfig.Threads"/>) if one is set, else a size threshold.</summary>
    private static bool TwoThreadsAllowed(long flops, long minFlops)
    {
        int threads = GemmConfig.Threads;
        if (threads == 1 || GemmConfig.MaxThreads < 2) return false;
        return threads == 2 || flops >= minFlops;
    }

    private static int VectorWidth<T>(GemmPath path) where T : unmanaged, INumber<T> => path switch
    {
        GemmPath.Vector512 => Vector512<T>.Count,
        GemmPath.Vector256 => Vector256<T>.Count,
        _ => 1,
    };

    private static void ClearC<T>(in GemmProblem<T> problem) where T : unmanaged, INumber<T>
    {
        for (int i = 0; i < problem.M; i++) new Span<T>(problem.C + i * problem.Ldc, problem.N).Clear();
    }
}
