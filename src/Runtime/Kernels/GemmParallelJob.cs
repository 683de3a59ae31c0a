using System.Numerics;

namespace Layers;

/// <summary>
/// A blocked GEMM split in two halves for the caller and the <see cref="ParallelWorker"/>. Each half
/// packs its own blocks, so the threads never synchronize mid-product; the split runs across the
/// larger of M and N, because each half re-packs the whole of the other operand and that one is
/// then the smaller.
/// </summary>
internal sealed unsafe class GemmParallelJob<T> : IParallelJob where T : unmanaged, INumber<T>
{
    /// <summary>One reusable job per calling thread: a job is only touched by its caller and the worker that caller owns.</summary>
    [ThreadStatic] private static GemmParallelJob<T>? t_job;

    private GemmProblem<T> _problem;
    private GemmPath _path;
    private bool _splitRows;
    private int _split;

    /// <summary>False when the worker is busy; the caller then runs the product alone.</summary>
    public static bool TryRun(in GemmProblem<T> problem, GemmPath path)
    {
        var job = t_job ??= new GemmParallelJob<T>();
        var (mr, nr) = Gemm.Tile<T>(path);
        job._problem = problem;
        job._path = path;
        job._splitRows = problem.M >= problem.N ? problem.M >= 2 * mr : problem.N < 2 * nr;
        job._split = job._splitRows ? Middle(problem.M, mr) : Middle(problem.N, nr);
        bool ran = ParallelWorker.TryRun(job, parts: 2);
        job._problem = default;   // drop the pointers; the tensors behind them may be freed
        return ran;
    }

    public void Execute(int part)
    {
        ref readonly var p = ref _problem;
        if (_splitRows)
        {
            if (part == 0) Gemm.RunBlocked(p, _path, 0, _split, 0, p.N);
            else Gemm.RunBlocked(p, _path, _split, p.M, 0, p.N);
        }
        else
        {
            if (part == 0) Gemm.RunBlocked(p, _path, 0, p.M, 0, _split);
            else Gemm.RunBlocked(p, _path, 0, p.M, _split, p.N);
        }
    }

    /// <summary>The multiple of <paramref name="tile"/> nearest to half of <paramref name="length"/>, so neither half is empty.</summary>
    private static int Middle(int length, int tile) => Math.Clamp((length / 2 + tile / 2) / tile * tile, tile, length - 1);
}
