using System.Numerics;
using System.Runtime.CompilerServices;

namespace Layers;

/// <summary>
/// GEMM without packing, for products too thin for packing to pay off: a vector (or a few rows) times
/// a matrix, or a matrix times a vector. Picks the loop order that keeps the innermost accesses
/// contiguous. Also the reference-free fallback for any strides (tests force it on every shape).
/// </summary>
internal static unsafe class GemmSmall
{
    public static void Run<T, TVec, TSimd>(in GemmProblem<T> problem)
        where T : unmanaged, INumber<T>
        where TVec : unmanaged
        where TSimd : IGemmSimd<T, TVec>
    {
        bool rowsOfBContiguous = problem.B.ColStride == 1;
        bool dotsContiguous = problem.A.ColStride == 1 && problem.B.RowStride == 1;
        if (dotsContiguous && (!rowsOfBContiguous || problem.N < TSimd.Count))
            Dots<T, TVec, TSimd>(problem);
        else if (rowsOfBContiguous)
            RowCombinations<T, TVec, TSimd>(problem);
        else
            Strided(problem);
    }

    /// <summary>Each row of C as a combination of B's rows (vectorized along the row), 4 vectors at a time in registers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RowCombinations<T, TVec, TSimd>(in GemmProblem<T> problem)
        where T : unmanaged, INumber<T>
        where TVec : unmanaged
        where TSimd : IGemmSimd<T, TVec>
    {
        int w = TSimd.Count, n = problem.N, k = problem.K;
        nint bStride = problem.B.RowStride;
        for (int i = 0; i < problem.M; i++)
        {
            T* a = problem.A.At(i, 0);
            nint aStep = problem.A.ColStride;
            T* c = problem.C + i * problem.Ldc;
            int j = 0;
            for (; j <= n - 4 * w; j += 4 * w)
            {
                TVec s0 = TSimd.Zero, s1 = TSimd.Zero, s2 = TSimd.Zero, s3 = TSimd.Zero;
                T* b = problem.B.Data + j;
                for (int p = 0; p < k; p++, b += bStride)
                {
                    TVec av = TSimd.Broadcast(a + p * aStep);
                    s0 = TSimd.MultiplyAdd(av, TSimd.Load(b), s0);
                    s1 = TSimd.MultiplyAdd(av, TSimd.Load(b + w), s1);
                    s2 = TSimd.MultiplyAdd(av, TSimd.Load(b + 2 * w), s2);
                    s3 = TSimd.MultiplyAdd(av, TSimd.Load(b + 3 * w), s3);
                }
                Store<T, TVec, TSimd>(c + j, s0, problem.Accumulate);
                Store<T, TVec, TSimd>(c + j + w, s1, problem.Accumulate);
                Store<T, TVec, TSimd>(c + j + 2 * w, s2, problem.Accumulate);
                Store<T, TVec, TSimd>(c + j + 3 * w, s3, problem.Accumulate);
            }
            for (; j <= n - w; j += w)
            {
                TVec s = TSimd.Zero;
                T* b = problem.B.Data + j;
                for (int p = 0; p < k; p++, b += bStride)
                    s = TSimd.MultiplyAdd(TSimd.Broadcast(a + p * aStep), TSimd.Load(b), s);
                Store<T, TVec, TSimd>(c + j, s, problem.Accumulate);
            }
            if (j < n) RowTail(a, aStep, problem.B.Data + j, bStride, c + j, n - j, k, problem.Accumulate);
        }
    }

    /// <summary>
    /// The last columns of a row, fewer than a vector: still walked along B's rows (contiguous) rather
    /// than down its columns, with the sums kept on the stack.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RowTail<T>(T* a, nint aStep, T* b, nint bStride, T* c, int count, int k, bool accumulate)
        where T : unmanaged, INumber<T>
    {
        Span<T> sums = stackalloc T[count];
        sums.Clear();
        for (int p = 0; p < k; p++, b += bStride)
        {
            T av = a[p * aStep];
            for (int j = 0; j < count; j++) sums[j] += av * b[j];
        }
        for (int j = 0; j < count; j++) c[j] = accumulate ? c[j] + sums[j] : sums[j];
    }

    /// <summary>Each element of C as a dot product of a row of A and a column of B, both contiguous.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Dots<T, TVec, TSimd>(in GemmProblem<T> problem)
        where T : unmanaged, INumber<T>
        where TVec : unmanaged
        where TSimd : IGemmSimd<T, TVec>
    {
        int w = TSimd.Count, k = problem.K;
        for (int i = 0; i < problem.M; i++)
        {
            T* a = problem.A.At(i, 0);
            T* c = problem.C + i * problem.Ldc;
            for (int j = 0; j < problem.N; j++)
            {
                T* b = problem.B.At(0, j);
                TVec s0 = TSimd.Zero, s1 = TSimd.Zero;
                int p = 0;
                for (; p <= k - 2 * w; p += 2 * w)
                {
                    s0 = TSimd.MultiplyAdd(TSimd.Load(a + p), TSimd.Load(b + p), s0);
                    s1 = TSimd.MultiplyAdd(TSimd.Load(a + p + w), TSimd.Load(b + p + w), s1);
                }
                if (p <= k - w)
                {
                    s0 = TSimd.MultiplyAdd(TSimd.Load(a + p), TSimd.Load(b + p), s0);
                    p += w;
                }
                T s = TSimd.Sum(TSimd.Add(s0, s1));
                for (; p < k; p++) s += a[p] * b[p];
                c[j] = problem.Accumulate ? c[j] + s : s;
            }
        }
    }

    /// <summary>Any strides: the plain triple loop (only reached for small products with both operands strided along k).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Strided<T>(in GemmProblem<T> problem) where T : unmanaged, INumber<T>
    {
        for (int i = 0; i < problem.M; i++)
        {
            T* c = problem.C + i * problem.Ldc;
            for (int j = 0; j < problem.N; j++)
            {
                T s = T.Zero;
                for (int p = 0; p < problem.K; p++) s += *problem.A.At(i, p) * *problem.B.At(p, j);
                c[j] = problem.Accumulate ? c[j] + s : s;
            }
        }
    }

    private static void Store<T, TVec, TSimd>(T* destination, TVec value, bool accumulate)
        where T : unmanaged, INumber<T>
        where TVec : unmanaged
        where TSimd : IGemmSimd<T, TVec>
    {
        TSimd.Store(destination, accumulate ? TSimd.Add(value, TSimd.Load(destination)) : value);
    }
}
