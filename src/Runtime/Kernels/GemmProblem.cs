using System.Numerics;

namespace Layers;

/// <summary>
/// A strided view of a matrix operand: element (r, c) is at <c>Data[r·RowStride + c·ColStride]</c>.
/// A transpose is only a swap of the two strides, which is how GEMM folds <c>op(X) = Xᵀ</c> into packing.
/// </summary>
internal readonly unsafe struct GemmOperand<T>(T* data, nint rowStride, nint colStride) where T : unmanaged
{
    public readonly T* Data = data;
    public readonly nint RowStride = rowStride;
    public readonly nint ColStride = colStride;

    /// <summary>A row-major matrix with leading dimension <paramref name="ld"/>, optionally seen transposed.</summary>
    public static GemmOperand<T> RowMajor(T* data, nint ld, bool transpose) =>
        transpose ? new(data, 1, ld) : new(data, ld, 1);

    public T* At(nint row, nint col) => Data + row * RowStride + col * ColStride;
}

/// <summary>
/// One GEMM: <c>C = A·B</c> (or <c>C += A·B</c> when <see cref="Accumulate"/>), with A of M×K, B of K×N
/// (both strided views, see <see cref="GemmOperand{T}"/>) and C row-major M×N with row stride <see cref="Ldc"/>.
/// </summary>
internal readonly unsafe struct GemmProblem<T> where T : unmanaged, INumber<T>
{
    public readonly int M;
    public readonly int N;
    public readonly int K;
    public readonly GemmOperand<T> A;
    public readonly GemmOperand<T> B;
    public readonly T* C;
    public readonly nint Ldc;
    public readonly bool Accumulate;

    public GemmProblem(int m, int n, int k, GemmOperand<T> a, GemmOperand<T> b, T* c, nint ldc, bool accumulate)
    {
        M = m;
        N = n;
        K = k;
        A = a;
        B = b;
        C = c;
        Ldc = ldc;
        Accumulate = accumulate;
    }

    /// <summary>
    /// <c>C (m×n) = op(A)·op(B)</c> over row-major storage, BLAS style: <paramref name="lda"/> is the row
    /// stride of A as stored (k×m when <paramref name="transposeA"/>), likewise for B.
    /// </summary>
    public static GemmProblem<T> RowMajor(int m, int n, int k,
        T* a, nint lda, bool transposeA, T* b, nint ldb, bool transposeB, T* c, nint ldc, bool accumulate = false) =>
        new(m, n, k, GemmOperand<T>.RowMajor(a, lda, transposeA), GemmOperand<T>.RowMajor(b, ldb, transposeB), c, ldc, accumulate);

    public long Flops => 2L * M * N * K;
}
