using System.Numerics;

namespace Layers;

/// <summary>
/// A thin (unpacked) product split by columns between the caller and the <see cref="ParallelWorker"/>. Thin
/// products are bound by reading B, so the gain comes from each core streaming half of it — and, when the same
/// weights are used call after call (inference of one sample), from each half staying in that core's own L2.
/// </summary>
internal sealed unsafe class GemmSmallParallelJob<T> : IParallelJob where T : unmanaged, INumber<T>
{
    [ThreadStatic] private static GemmSmallParallelJob<T>? t_job;

    private GemmProblem<T> _problem;
    private GemmPath _path;
    private int _split;

    /// <summary>False when the worker is busy or the product is too narrow to split; the caller then runs it alone.</summary>
    public static bool TryRun(in GemmProblem<T> problem, GemmPath path, int vectorWidth)
    {
        // Whole strips of 4 vectors when there are enough, so neither half ends in a slower narrow strip.
        int unit = problem.N >= 8 * vectorWidth ? 4 * vectorWidth : vectorWidth;
        if (problem.N < 2 * unit) return false;
        var job = t_job ??= new GemmSmallParallelJob<T>();
        job._problem = problem;
        job._path = path;
        job._split = (problem.N / 2 + unit / 2) / unit * unit;
        bool ran = ParallelWorker.TryRun(job, parts: 2);
        job._problem = default;   // drop the pointers; the tensors behind them may be freed
        return ran;
    }

    public void Execute(int part)
    {
        ref readonly var p = ref _problem;
        int start = part == 0 ? 0 : _split, end = part == 0 ? _split : p.N;
        var columns = new GemmProblem<T>(p.M, end - start, p.K, p.A,
            new GemmOperand<T>(p.B.At(0, start), p.B.RowStride, p.B.ColStride), p.C + start, p.Ldc, p.Accumulate);
        Gemm.RunUnpacked(columns, _path);
    }
}
