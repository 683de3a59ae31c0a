namespace Layers;

public static partial class Ops
{
    /// <summary>
    /// Matrix product with NumPy <c>matmul</c> semantics: <c>op(a)·op(b)</c> where <c>op</c> transposes the
    /// last two axes when the flag is set (at no extra cost: the transpose is folded into the kernel).
    /// <list type="bullet">
    /// <item>2-D × 2-D: (m, k)·(k, n) → (m, n).</item>
    /// <item>Rank ≥ 3: stacks of matrices; the batch axes (all but the last two) broadcast,
    /// e.g. (2, 1, 4, 5)·(3, 5, 6) → (2, 3, 4, 6).</item>
    /// <item>A 1-D <paramref name="a"/> is a row vector (1, k) and a 1-D <paramref name="b"/> a column vector
    /// (k, 1); the added axis is removed from the result. Transpose flags need rank ≥ 2.</item>
    /// </list>
    /// Both operands must share a dtype: float32, float64, int32 or int64 (integers wrap on overflow and
    /// are not differentiable). Differentiable for float dtypes, including through broadcast batch axes.
    /// </summary>
    public static Tensor MatMul(Tensor a, Tensor b, bool transposeA = false, bool transposeB = false)
    {
        CheckNotNull(a, "MatMul", "a");
        CheckNotNull(b, "MatMul", "b");
        var resultShape = MatMulResultShape(a, b, transposeA, transposeB);
        var result = Tensor.Allocate(resultShape, a.DType);
        int batchRank = Math.Max(Math.Max(a.Rank, b.Rank) - 2, 0);
        Span<int> batch = stackalloc int[batchRank];
        resultShape.Dims[..batchRank].CopyTo(batch);
        MatMulKernel(batch, MatMulView.Left(a), transposeA, MatMulView.Right(b), transposeB, MatMulView.Result(result, batchRank, a, b, transposeA, transposeB));
        if (a.DType.IsFloating() && GradientTape.For(a, b) is { } tape) RecordMatMul(tape, result, a, b, transposeA, transposeB);
        return result;
    }

    private static void RecordMatMul(GradientTape tape, Tensor result, Tensor a, Tensor b, bool transposeA, bool transposeB) =>
        tape.Record("MatMul", result, [a, b], (grad, inputs) =>
        {
            if (inputs.Needs(0)) inputs.Add(0, MatMulGradientA(grad, a, b, transposeA, transposeB));
            if (inputs.Needs(1)) inputs.Add(1, MatMulGradientB(grad, a, b, transposeA, transposeB));
        });

    /// <summary>dA = dC·op(B)ᵀ (as stored: op(B)·dCᵀ when A is used transposed), summed over A's broadcast batch axes.</summary>
    private static Tensor MatMulGradientA(Tensor grad, Tensor a, Tensor b, bool transposeA, bool transposeB)
    {
        int batchRank = Math.Max(Math.Max(a.Rank, b.Rank) - 2, 0);
        Span<int> batch = stackalloc int[batchRank];
        grad.Shape.Dims[..batchRank].CopyTo(batch);
        var gradA = Tensor.Allocate(a.Shape, a.DType, clear: HasZero(batch));
        var g = MatMulView.Result(grad, batchRank, a, b, transposeA, transposeB);
        if (!transposeA)
            MatMulKernel(batch, g, false, MatMulView.Right(b), !transposeB, MatMulView.Left(gradA));
        else
            MatMulKernel(batch, MatMulView.Right(b), transposeB, g, true, MatMulView.Left(gradA));
        return gradA;
    }

    /// <summary>dB = op(A)ᵀ·dC (as stored: dCᵀ·op(A) when B is used transposed), summed over B's broadcast batch axes.</summary>
    private static Tensor MatMulGradientB(Tensor grad, Tensor a, Tensor b, bool transposeA, bool transposeB)
    {
        int batchRank = Math.Max(Math.Max(a.Rank, b.Rank) - 2, 0);
        Span<int> batch = stackalloc int[batchRank];
        grad.Shape.Dims[..batchRank].CopyTo(batch);
        var gradB = Tensor.Allocate(b.Shape, b.DType, clear: HasZero(batch));
        var g = MatMulView.Result(grad, batchRank, a, b, transposeA, transposeB);
        if (!transposeB)
            MatMulKernel(batch, MatMulView.Left(a), !transposeA, g, false, MatMulView.Right(gradB));
        else
            MatMulKernel(batch, g, true, MatMulView.Left(a), transposeA, MatMulView.Right(gradB));
        return gradB;
    }

    /// <summary>An empty batch sums nothing into a broadcast gradient, which must then be zeros.</summary>
    private static bool HasZero(ReadOnlySpan<int> dims)
    {
        foreach (int d in dims)
            if (d == 0) return true;
        return false;
    }

    /// <summary><c>z[t] (+)= op(x[t])·op(y[t])</c> over <paramref name="batch"/>, summing where z is broadcast.</summary>
    private static unsafe void MatMulKernel(ReadOnlySpan<int> batch, MatMulView x, bool transposeX, MatMulView y, bool transposeY, MatMulView z)
    {
        Span<int> strides = stackalloc int[3 * batch.Length];
        var sx = strides[..batch.Length];
        var sy = strides.Slice(batch.Length, batch.Length);
        var sz = strides[(2 * batch.Length)..];
        x.BatchStrides(batch, sx);
        y.BatchStrides(batch, sy);
        z.BatchStrides(batch, sz);
        switch (z.Tensor.DType)
        {
            case DType.Float32: Run<float>(batch, x, transposeX, sx, y, transposeY, sy, z, sz); break;
            case DType.Float64: Run<double>(batch, x, transposeX, sx, y, transposeY, sy, z, sz); break;
            case DType.Int32: Run<int>(batch, x, transposeX, sx, y, transposeY, sy, z, sz); break;
            case DType.Int64: Run<long>(batch, x, transposeX, sx, y, transposeY, sy, z, sz); break;
            default: throw new InvalidOperationException($"MatMul has no kernel for dtype {z.Tensor.DType.Name()}.");
        }

        static void Run<T>(ReadOnlySpan<int> batch, MatMulView x, bool tx, ReadOnlySpan<int> sx, MatMulView y, bool ty, ReadOnlySpan<int> sy, MatMulView z, ReadOnlySpan<int> sz)
            where T : unmanaged, System.Numerics.INumber<T>
        {
            // Tensor storage is pinned (pinned object heap), so these addresses stay valid; fixed documents the pin.
            fixed (T* px = &x.Tensor.Ref<T>(), py = &y.Tensor.Ref<T>(), pz = &z.Tensor.Ref<T>())
            {
                GemmBatched.Run(batch,
                    new BatchedOperand<T>(px, x.Rows, x.Cols, tx, sx),
                    new BatchedOperand<T>(py, y.Rows, y.Cols, ty, sy),
                    new BatchedOperand<T>(pz, z.Rows, z.Cols, false, sz));
            }
        }
    }

    /// <summary>Validates the operands and returns the shape of their product (see <see cref="MatMul"/>).</summary>
    private static Shape MatMulResultShape(Tensor a, Tensor b, bool transposeA, bool transposeB)
    {
        if (a.Rank == 0 || b.Rank == 0)
            throw new ArgumentException(MatMulContext(a, b, transposeA, transposeB) +
                $"{(a.Rank == 0 ? "a" : "b")} is a scalar (rank 0); both operands need rank >= 1 (a vector, a matrix or a stack of matrices). " +
                "To scale a tensor by a scalar use Ops.Multiply.");
        if ((transposeA && a.Rank == 1) || (transposeB && b.Rank == 1))
            throw new ArgumentException(MatMulContext(a, b, transposeA, transposeB) +
                $"{(transposeA && a.Rank == 1 ? "transposeA" : "transposeB")} needs a matrix (rank >= 2), but that operand is a vector. " +
                "A vector operand is used as a row (a) or a column (b) as it is; pass false.");
        if (a.DType != b.DType)
            throw new ArgumentException(MatMulContext(a, b, transposeA, transposeB) +
                $"the dtypes differ ({a.DType.Name()} and {b.DType.Name()}); both operands must have the same dtype. Cast one with Ops.Cast.");
        if (a.DType == DType.Bool)
            throw new ArgumentException(MatMulContext(a, b, transposeA, transposeB) +
                "bool tensors cannot be multiplied; valid dtypes are float32, float64, int32 and int64 — cast with Ops.Cast.");

        var left = MatMulView.Left(a);
        var right = MatMulView.Right(b);
        int m = transposeA ? left.Cols : left.Rows, k = transposeA ? left.Rows : left.Cols;
        int kb = transposeB ? right.Cols : right.Rows, n = transposeB ? right.Rows : right.Cols;
        if (k != kb)
            throw new ArgumentException(MatMulContext(a, b, transposeA, transposeB) +
                $"the inner dimensions differ: op(a) has {k} columns but op(b) has {kb} rows. " +
                $"Valid: b with {k} rows{(b.Rank == 1 ? "" : $" (or {k} columns with transposeB: true)")}, " +
                $"or a with {kb} columns{(a.Rank == 1 ? "" : $" (or {kb} rows with transposeA: true)")}.");

        var batchA = a.Shape.Dims[..Math.Max(a.Rank - 2, 0)];
        var batchB = b.Shape.Dims[..Math.Max(b.Rank - 2, 0)];
        int batchRank = Math.Max(batchA.Length, batchB.Length);
        var dims = new int[batchRank + (a.Rank >= 2 ? 1 : 0) + (b.Rank >= 2 ? 1 : 0)];
        for (int i = 0; i < batchRank; i++)
        {
            int da = i < batchRank - batchA.Length ? 1 : batchA[i - (batchRank - batchA.Length)];
            int db = i < batchRank - batchB.Length ? 1 : batchB[i - (batchRank - batchB.Length)];
            if (da != db && da != 1 && db != 1)
                throw new ArgumentException(MatMulContext(a, b, transposeA, transposeB) +
                    $"the batch dimensions {new Shape(batchA)} and {new Shape(batchB)} cannot be broadcast: batch axis {i - batchRank} has sizes {da} and {db}. " +
                    "Batch dimensions (all but the last two) must be equal or 1, aligned at the right.");
            dims[i] = da == 1 ? db : da;
        }
        if (a.Rank >= 2) dims[batchRank] = m;
        if (b.Rank >= 2) dims[^1] = n;
        return Shape.FromOwned(dims);
    }

    private static string MatMulContext(Tensor a, Tensor b, bool transposeA, bool transposeB) =>
        $"MatMul(a {a.Shape}, transposeA: {(transposeA ? "true" : "false")}; b {b.Shape}, transposeB: {(transposeB ? "true" : "false")}): ";

    /// <summary>
    /// A tensor seen as a stack of matrices: its last two axes, or for a vector the row (left operand) or
    /// column (right operand) NumPy promotes it to. The leading <see cref="BatchRank"/> axes are the batch.
    /// </summary>
    private readonly struct MatMulView(Tensor tensor, int rows, int cols, int batchRank)
    {
        public Tensor Tensor { get; } = tensor;
        public int Rows { get; } = rows;
        public int Cols { get; } = cols;
        public int BatchRank { get; } = batchRank;

        public static MatMulView Left(Tensor t) =>
            t.Rank == 1 ? new(t, 1, t.Shape[0], 0) : new(t, t.Shape[-2], t.Shape[-1], t.Rank - 2);

        public static MatMulView Right(Tensor t) =>
            t.Rank == 1 ? new(t, t.Shape[0], 1, 0) : new(t, t.Shape[-2], t.Shape[-1], t.Rank - 2);

        /// <summary>The product (or its gradient), whose shape may lack the axes of vector operands.</summary>
        public static MatMulView Result(Tensor t, int batchRank, Tensor a, Tensor b, bool transposeA, bool transposeB)
        {
            var left = Left(a);
            var right = Right(b);
            return new(t, transposeA ? left.Cols : left.Rows, transposeB ? right.Rows : right.Cols, batchRank);
        }

        /// <summary>Element strides along each axis of <paramref name="batch"/> (right-aligned), 0 where this tensor is broadcast.</summary>
        public void BatchStrides(ReadOnlySpan<int> batch, Span<int> strides)
        {
            var dims = Tensor.Shape.Dims;
            int stride = Rows * Cols;
            for (int axis = batch.Length - 1; axis >= 0; axis--)
            {
                int own = axis - (batch.Length - BatchRank);
                int dim = own >= 0 ? dims[own] : 1;
                strides[axis] = dim == 1 ? 0 : stride;
                stride *= dim;
            }
        }
    }
}
