using System.Numerics;

namespace Layers;

/// <summary>
/// A stack of independent products split in two halves of the batch for the caller and the
/// <see cref="ParallelWorker"/>. Only used when every product writes its own C matrix.
/// </summary>
internal sealed unsafe class BatchParallelJob<T> : IParallelJob where T : unmanaged, INumber<T>
{
    [ThreadStatic] private static BatchParallelJob<T>? t_job;

    // The spans of a BatchedOperand cannot live on the heap, so the job keeps copies in arrays it reuses.
    private int[] _dims = [];
    private int[] _stridesA = [];
    private int[] _stridesB = [];
    private int[] _stridesC = [];
    private int _rank;
    private T* _a, _b, _c;
    private int _aRows, _aCols, _bRows, _bCols, _cRows, _cCols;
    private bool _transposeA, _transposeB;
    private int _count;
    private GemmPath _path;
    private GemmStrategy _strategy;

    public static bool TryRun(ReadOnlySpan<int> batchDims, BatchedOperand<T> a, BatchedOperand<T> b, BatchedOperand<T> c, int count)
    {
        var job = t_job ??= new BatchParallelJob<T>();
        job.Capture(batchDims, a, b, c, count);
        bool ran = ParallelWorker.TryRun(job, parts: 2);
        job._a = job._b = job._c = null;
        return ran;
    }

    private void Capture(ReadOnlySpan<int> batchDims, BatchedOperand<T> a, BatchedOperand<T> b, BatchedOperand<T> c, int count)
    {
        _rank = batchDims.Length;
        if (_dims.Length < _rank)
        {
            _dims = new int[_rank];
            _stridesA = new int[_rank];
            _stridesB = new int[_rank];
            _stridesC = new int[_rank];
        }
        batchDims.CopyTo(_dims);
        a.BatchStrides.CopyTo(_stridesA);
        b.BatchStrides.CopyTo(_stridesB);
        c.BatchStrides.CopyTo(_stridesC);
        _a = a.Data;
        _b = b.Data;
        _c = c.Data;
        (_aRows, _aCols, _transposeA) = (a.Rows, a.Cols, a.Transpose);
        (_bRows, _bCols, _transposeB) = (b.Rows, b.Cols, b.Transpose);
        (_cRows, _cCols) = (c.Rows, c.Cols);
        _count = count;
        // The worker thread has its own (default) settings; carry the caller's over.
        _path = GemmConfig.Path;
        _strategy = GemmConfig.Strategy;
    }

    public void Execute(int part)
    {
        int middle = _count / 2;
        int start = part == 0 ? 0 : middle, end = part == 0 ? middle : _count;
        var dims = new ReadOnlySpan<int>(_dims, 0, _rank);
        var a = new BatchedOperand<T>(_a, _aRows, _aCols, _transposeA, new ReadOnlySpan<int>(_stridesA, 0, _rank));
        var b = new BatchedOperand<T>(_b, _bRows, _bCols, _transposeB, new ReadOnlySpan<int>(_stridesB, 0, _rank));
        var c = new BatchedOperand<T>(_c, _cRows, _cCols, false, new ReadOnlySpan<int>(_stridesC, 0, _rank));
        // One thread per product: each half already has a core of its own.
        using (GemmConfig.Override(_path, _strategy, threads: 1))
            GemmBatched.RunRange(dims, a, b, c, start, end);
    }
}
