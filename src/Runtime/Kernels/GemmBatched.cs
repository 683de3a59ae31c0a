using System.Numerics;

namespace Layers;

/// <summary>
/// One operand of a batched product: a stack of row-major matrices of <see cref="Rows"/>×<see cref="Cols"/>
/// as stored, optionally used transposed, with an element stride per batch axis (0 along axes it is
/// broadcast over).
/// </summary>
internal readonly unsafe ref struct BatchedOperand<T> where T : unmanaged
{
    public readonly T* Data;
    public readonly int Rows;
    public readonly int Cols;
    public readonly bool Transpose;
    public readonly ReadOnlySpan<int> BatchStrides;

    public BatchedOperand(T* data, int rows, int cols, bool transpose, ReadOnlySpan<int> batchStrides)
    {
        Data = data;
        Rows = rows;
        Cols = cols;
        Transpose = transpose;
        BatchStrides = batchStrides;
    }

    /// <summary>Rows of op(X).</summary>
    public int OpRows => Transpose ? Cols : Rows;

    /// <summary>Columns of op(X).</summary>
    public int OpCols => Transpose ? Rows : Cols;

    /// <summary>True when the stack is one contiguous run, matrix after matrix, in batch order.</summary>
    public bool IsDenseStack(ReadOnlySpan<int> batchDims)
    {
        long expected = (long)Rows * Cols;
        for (int axis = batchDims.Length - 1; axis >= 0; axis--)
        {
            if (batchDims[axis] == 1) continue;
            if (BatchStrides[axis] != expected) return false;
            expected *= batchDims[axis];
        }
        return true;
    }

    public bool IsBroadcastOverAll(ReadOnlySpan<int> batchDims)
    {
        for (int axis = 0; axis < batchDims.Length; axis++)
            if (batchDims[axis] != 1 && BatchStrides[axis] != 0) return false;
        return true;
    }
}

/// <summary>
/// <c>C[t] (+)= op(A[t])·op(B[t])</c> for every index t of a batch shape, where each of A, B and C may be
/// broadcast (stride 0) along any batch axis. When C is broadcast along an axis the products along it
/// are summed into the same matrix — the adjoint of broadcasting, which is what gradients need.
/// Common stacked shapes collapse into a single large GEMM; stacks of small products are shared
/// between the two threads.
/// </summary>
internal static unsafe class GemmBatched
{
    public static void Run<T>(ReadOnlySpan<int> batchDims, BatchedOperand<T> a, BatchedOperand<T> b, BatchedOperand<T> c)
        where T : unmanaged, INumber<T>
    {
        int m = a.OpRows, k = a.OpCols, n = b.OpCols;
        foreach (int d in batchDims)
            if (d == 0) return;   // nothing to compute (a reduced C is already zeros: the caller allocates it cleared)
        if (TryFoldIntoRows(batchDims, a, b, c, m, n, k) || TryFoldIntoDepth(batchDims, a, b, c, m, n, k)) return;

        long count = 1;
        foreach (int d in batchDims) count *= d;
        bool cReduces = !c.IsDenseStack(batchDims);
        if (!cReduces && count > 1 && WantsBatchThreads<T>(m, n, k, count))
        {
            if (BatchParallelJob<T>.TryRun(batchDims, a, b, c, (int)count)) return;
        }
        RunRange(batchDims, a, b, c, 0, (int)count);
    }

    /// <summary>Runs the products of batch indices [<paramref name="start"/>, <paramref name="end"/>) in row-major order.</summary>
    internal static void RunRange<T>(ReadOnlySpan<int> batchDims, BatchedOperand<T> a, BatchedOperand<T> b, BatchedOperand<T> c, int start, int end)
        where T : unmanaged, INumber<T>
    {
        int m = a.OpRows, k = a.OpCols, n = b.OpCols;
        Span<int> index = stackalloc int[batchDims.Length];
        Unravel(start, batchDims, index);
        for (int t = start; t < end; t++)
        {
            nint offsetA = 0, offsetB = 0, offsetC = 0;
            // C is written on its first visit and added to on later ones. Row-major order reaches each C
            // matrix first with zeros on all the axes it is broadcast along.
            bool revisit = false;
            for (int axis = 0; axis < index.Length; axis++)
            {
                offsetA += (nint)index[axis] * a.BatchStrides[axis];
                offsetB += (nint)index[axis] * b.BatchStrides[axis];
                offsetC += (nint)index[axis] * c.BatchStrides[axis];
                if (index[axis] > 0 && c.BatchStrides[axis] == 0) revisit = true;
            }
            var problem = GemmProblem<T>.RowMajor(m, n, k,
                a.Data + offsetA, a.Cols, a.Transpose,
                b.Data + offsetB, b.Cols, b.Transpose,
                c.Data + offsetC, c.Cols, accumulate: revisit);
            Gemm.Multiply(problem);
            Increment(index, batchDims);
        }
    }

    /// <summary>
    /// A dense stack of untransposed A times one shared B is one GEMM with the stack's rows on top of
    /// each other: (batch·m × k)·(k × n). This is every Dense layer applied to a sequence.
    /// </summary>
    private static bool TryFoldIntoRows<T>(ReadOnlySpan<int> batchDims, BatchedOperand<T> a, BatchedOperand<T> b, BatchedOperand<T> c, int m, int n, int k)
        where T : unmanaged, INumber<T>
    {
        if (a.Transpose || !a.IsDenseStack(batchDims) || !b.IsBroadcastOverAll(batchDims) || !c.IsDenseStack(batchDims)) return false;
        int count = 1;
        foreach (int d in batchDims) count *= d;
        Gemm.Multiply(GemmProblem<T>.RowMajor(count * m, n, k, a.Data, a.Cols, false, b.Data, b.Cols, b.Transpose, c.Data, c.Cols));
        return true;
    }

    /// <summary>
    /// A sum over the batch of Aᵀ·B, with A and B dense stacks stored k×m and k×n, is one GEMM whose depth
    /// runs through the whole stack: (m × batch·k)·(batch·k × n). This is a Dense layer's weight gradient.
    /// </summary>
    private static bool TryFoldIntoDepth<T>(ReadOnlySpan<int> batchDims, BatchedOperand<T> a, BatchedOperand<T> b, BatchedOperand<T> c, int m, int n, int k)
        where T : unmanaged, INumber<T>
    {
        if (!a.Transpose || b.Transpose || !c.IsBroadcastOverAll(batchDims)
            || !a.IsDenseStack(batchDims) || !b.IsDenseStack(batchDims)) return false;
        int count = 1;
        foreach (int d in batchDims) count *= d;
        if (count == 1) return false;
        Gemm.Multiply(GemmProblem<T>.RowMajor(m, n, count * k, a.Data, a.Cols, true, b.Data, b.Cols, false, c.Data, c.Cols));
        return true;
    }

    /// <summary>Share whole products between threads when each is too small to split but together they are worth it.</summary>
    private static bool WantsBatchThreads<T>(int m, int n, int k, long count) where T : unmanaged, INumber<T>
    {
        int threads = GemmConfig.Threads;
        if (threads == 1 || GemmConfig.MaxThreads < 2) return false;
        long flops = 2L * m * n * k;
        if (threads == 2) return true;
        return flops < Gemm.ParallelMinFlops && flops * count >= Gemm.ParallelMinFlops;
    }

    internal static void Unravel(int flat, ReadOnlySpan<int> dims, Span<int> index)
    {
        for (int axis = dims.Length - 1; axis >= 0; axis--)
        {
            index[axis] = flat % dims[axis];
            flat /= dims[axis];
        }
    }

    private static void Increment(Span<int> index, ReadOnlySpan<int> dims)
    {
        for (int axis = dims.Length - 1; axis >= 0; axis--)
        {
            if (++index[axis] < dims[axis]) return;
            index[axis] = 0;
        }
    }
}
