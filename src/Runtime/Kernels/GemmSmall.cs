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

    /// <summary>
    /// Each row of C as a combination of B's rows (vectorized along the row), 4 vectors at a time in registers. A
    /// large B is read at memory speed: 8-vector strips measured no faster (7.1 against 7.6 µs for 1×784·784×256,
    /// 3.4 against 3.2 µs for 1×256·256×256).
    /// </summary>
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
                Strip4<T, TVec, TSimd>(a, aStep, problem.B.Data + j, bStride, k, c + j, problem.Accumulate);
            for (; j <= n - w; j += w)
            {
                TVec s = TSimd.Zero;
                T* b = problem.B.Data + j;
                for (int p = 0; p < k; p++, b += bStride)
                    s = TSimd.MultiplyAdd(TSimd.Broadcast(a + p * aStep), TSimd.Load(b), s);
                Store<T, TVec, TSimd>(c + j, s, problem.Accumulate);
            }
            if (j < n) RowTail<T, TVec, TSimd>(a, aStep, problem.B.Data + j, bStride, c + j, n - j, k, problem.Accumulate);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Strip4<T, TVec, TSimd>(T* a, nint aStep, T* b, nint bStride, int k, T* c, bool accumulate)
        where T : unmanaged, INumber<T>
        where TVec : unmanaged
        where TSimd : IGemmSimd<T, TVec>
    {
        int w = TSimd.Count;
        TVec s0 = TSimd.Zero, s1 = TSimd.Zero, s2 = TSimd.Zero, s3 = TSimd.Zero;
        for (int p = 0; p < k; p++, b += bStride)
        {
            TVec av = TSimd.Broadcast(a + p * aStep);
            s0 = TSimd.MultiplyAdd(av, TSimd.Load(b), s0);
            s1 = TSimd.MultiplyAdd(av, TSimd.Load(b + w), s1);
            s2 = TSimd.MultiplyAdd(av, TSimd.Load(b + 2 * w), s2);
            s3 = TSimd.MultiplyAdd(av, TSimd.Load(b + 3 * w), s3);
        }
        Store<T, TVec, TSimd>(c, s0, accumulate);
        Store<T, TVec, TSimd>(c + w, s1, accumulate);
        Store<T, TVec, TSimd>(c + 2 * w, s2, accumulate);
        Store<T, TVec, TSimd>(c + 3 * w, s3, accumulate);
    }

    /// <summary>
    /// The last columns of a row, fewer than a vector (a 10-class output layer, say). Rows of B whose full-vector load
    /// stays inside B are summed a vector at a time — the load runs on into the next row, and those lanes are
    /// discarded — and the last row or two, whose load would leave B, element by element.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RowTail<T, TVec, TSimd>(T* a, nint aStep, T* b, nint bStride, T* c, int count, int k, bool accumulate)
        where T : unmanaged, INumber<T>
        where TVec : unmanaged
        where TSimd : IGemmSimd<T, TVec>
    {
        int w = TSimd.Count;
        // Row p's load ends at p·bStride + w - 1, which must not pass the last element, (k-1)·bStride + count - 1.
        int vectorRows = bStride <= 0 ? 0 : (int)Math.Clamp(k - (w - count + bStride - 1) / bStride, 0, k);
        TVec s = TSimd.Zero;
        int p = 0;
        for (; p < vectorRows; p++, b += bStride)
            s = TSimd.MultiplyAdd(TSimd.Broadcast(a + p * aStep), TSimd.Load(b), s);
        T* sums = stackalloc T[w];
        TSimd.Store(sums, s);
        for (; p < k; p++, b += bStride)
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
