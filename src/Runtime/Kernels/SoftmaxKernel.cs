using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace Layers;

/// <summary>
/// Softmax and log-softmax over the middle axis of an (outer, length, inner) view. Each row is shifted by its
/// maximum before exponentiating, so ±1000 inputs give exact 1s and 0s rather than inf/inf. Rows along the last
/// axis (inner = 1) run contiguous vector loops; other axes run the same steps on whole inner-length vectors of
/// columns. (<c>TensorPrimitives.SoftMax</c> is not used: it reduces the whole span and overflows to NaN on large inputs.)
/// </summary>
internal static class SoftmaxKernel
{
    /// <summary>Rows shorter than this (a classifier's handful of logits) are processed a block of rows at a time.</summary>
    private const int ShortRow = 16;

    /// <summary>Elements per block of short rows: small enough to stay in L1 between the passes.</summary>
    private const int ShortRowBlock = 4096;

    public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y, int outer, int length, int inner, bool log)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (inner == 1 && length < ShortRow)
        {
            ShortRows(x, y, length, log);
            return;
        }
        if (inner == 1)
        {
            for (int o = 0; o < outer; o++)
            {
                var source = x.Slice(o * length, length);
                var target = y.Slice(o * length, length);
                if (log) LogSoftmaxRow(source, target);
                else SoftmaxRow(source, target);
            }
            return;
        }
        var maxima = ArrayPool<T>.Shared.Rent(inner);
        var sums = ArrayPool<double>.Shared.Rent(inner);
        var scratch = ArrayPool<T>.Shared.Rent(inner);
        try
        {
            for (int o = 0; o < outer; o++)
            {
                int start = o * length * inner;
                Columns(x.Slice(start, length * inner), y.Slice(start, length * inner), length, inner,
                    maxima.AsSpan(0, inner), sums.AsSpan(0, inner), scratch.AsSpan(0, inner), log);
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(maxima);
            ArrayPool<double>.Shared.Return(sums);
            ArrayPool<T>.Shared.Return(scratch);
        }
    }

    /// <summary>
    /// Softmax of many short rows. Per-row vector calls cost more than the rows themselves, so each block of rows
    /// gets scalar max/shift and sum/scale passes around one vectorized exp over the whole block.
    /// </summary>
    private static void ShortRows<T>(ReadOnlySpan<T> x, Span<T> y, int length, bool log) where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int rowsPerBlock = Math.Max(1, ShortRowBlock / length);
        var rented = log ? ArrayPool<T>.Shared.Rent(rowsPerBlock * length) : null;
        Span<T> exponentials = rented;
        for (int start = 0; start < x.Length; start += rowsPerBlock * length)
        {
            int size = Math.Min(rowsPerBlock * length, x.Length - start);
            var source = x.Slice(start, size);
            var target = y.Slice(start, size);
            for (int r = 0; r < size; r += length)
            {
                var row = source.Slice(r, length);
                // T.Max is branch-free ("if (v > max)" mispredicts on every new running maximum, 3× slower);
                // two chains halve its latency bound.
                T max0 = row[0], max1 = row[^1];
                for (int k = 0; k + 1 < length; k += 2)
                {
                    max0 = T.Max(max0, row[k]);
                    max1 = T.Max(max1, row[k + 1]);
                }
                T max = T.Max(max0, max1);
                var shifted = target.Slice(r, length);
                for (int k = 0; k < length; k++) shifted[k] = row[k] - max;
            }
            var exps = log ? exponentials[..size] : target;
            ExpOperator<T>.Run(target, exps);
            for (int r = 0; r < size; r += length)
            {
                var row = exps.Slice(r, length);
                double sum0 = 0, sum1 = 0;
                int k2 = 0;
                for (; k2 + 1 < length; k2 += 2)
                {
                    sum0 += double.CreateTruncating(row[k2]);
                    sum1 += double.CreateTruncating(row[k2 + 1]);
                }
                if (k2 < length) sum0 += double.CreateTruncating(row[k2]);
                double sum = sum0 + sum1;
                var output = target.Slice(r, length);
                if (log)
                {
                    T logSum = T.CreateTruncating(Math.Log(sum));
                    for (int k = 0; k < length; k++) output[k] -= logSum;
                }
                else
                {
                    T scale = T.CreateTruncating(1 / sum);
                    for (int k = 0; k < length; k++) output[k] *= scale;
                }
            }
        }
        if (rented is not null) ArrayPool<T>.Shared.Return(rented);
    }

    private static void SoftmaxRow<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        T max = TensorPrimitives.Max(x);
        double sum = ExpShifted(x, max, y);
        TensorPrimitives.Multiply(y, T.CreateTruncating(1 / sum), y);
    }

    private static void LogSoftmaxRow<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        T max = TensorPrimitives.Max(x);
        T logSum = T.CreateTruncating(Math.Log(SumExpShifted(x, max)));
        // (x - max) - log Σ, in this order: x - (max + log Σ) would round the small log Σ against a large max.
        UnaryKernel.Map(new ShiftOperator<T>(max, logSum), x, y);
    }

    /// <summary>Softmax down the columns of a (length, inner) block, with per-column maxima and sums.</summary>
    private static void Columns<T>(ReadOnlySpan<T> x, Span<T> y, int length, int inner, Span<T> maxima, Span<double> sums, Span<T> scratch, bool log)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        x[..inner].CopyTo(maxima);
        for (int k = 1; k < length; k++) TensorPrimitives.Max(maxima, x.Slice(k * inner, inner), maxima);

        sums.Clear();
        for (int k = 0; k < length; k++)
        {
            var row = y.Slice(k * inner, inner);
            TensorPrimitives.Subtract(x.Slice(k * inner, inner), maxima, row);
            var exponentials = log ? scratch : row;
            ExpOperator<T>.Run(row, exponentials);
            Accumulate<T>(exponentials, sums);
        }

        if (log)
        {
            for (int j = 0; j < inner; j++) scratch[j] = T.CreateTruncating(Math.Log(sums[j]));
            for (int k = 0; k < length; k++)
            {
                var row = y.Slice(k * inner, inner);
                TensorPrimitives.Subtract(row, scratch, row);
            }
        }
        else
        {
            for (int j = 0; j < inner; j++) scratch[j] = T.CreateTruncating(1 / sums[j]);
            for (int k = 0; k < length; k++)
            {
                var row = y.Slice(k * inner, inner);
                TensorPrimitives.Multiply(row, scratch, row);
            }
        }
    }

    /// <summary><c>y = exp(x - max)</c>, returning Σ y accumulated in double.</summary>
    private static double ExpShifted<T>(ReadOnlySpan<T> x, T max, Span<T> y) where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        TensorPrimitives.Subtract(x, max, y);
        ExpOperator<T>.Run(y, y);
        return SumAsDouble<T>(y);
    }

    /// <summary>Σ exp(x - max) in double without storing the exponentials (the tail is padded with -inf, whose exp is 0).</summary>
    private static double SumExpShifted<T>(ReadOnlySpan<T> x, T max) where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ref T source = ref MemoryMarshal.GetReference(x);
        int n = x.Length;
        int width = Vector<T>.Count;
        var shift = new Vector<T>(max);
        var total = Vector<double>.Zero;
        int i = 0;
        for (; i <= n - width; i += width)
            total += Widened(VectorMath.Exp(Vector.LoadUnsafe(ref source, (nuint)i) - shift));
        if (i < n)
        {
            Span<T> tail = stackalloc T[width];
            tail.Fill(T.NegativeInfinity);
            x[i..].CopyTo(tail);
            total += Widened(VectorMath.Exp(new Vector<T>(tail) - shift));
        }
        return Vector.Sum(total);
    }

    /// <summary>The lanes of a float or double vector as a double vector sum-equivalent (float lanes are widened and added pairwise).</summary>
    private static Vector<double> Widened<T>(Vector<T> v) where T : unmanaged
    {
        if (typeof(T) == typeof(double)) return v.As<T, double>();
        Vector.Widen(v.As<T, float>(), out var low, out var high);
        return low + high;
    }

    private static double SumAsDouble<T>(ReadOnlySpan<T> values) where T : unmanaged
    {
        if (typeof(T) == typeof(float)) return ReduceKernel.SumWide(MemoryMarshal.Cast<T, float>(values));
        return ReduceKernel.SumPairwise(MemoryMarshal.Cast<T, double>(values));
    }

    private static void Accumulate<T>(ReadOnlySpan<T> values, Span<double> sums) where T : unmanaged
    {
        if (typeof(T) == typeof(float)) ReduceKernel.AccumulateWide(MemoryMarshal.Cast<T, float>(values), sums);
        else TensorPrimitives.Add(sums, MemoryMarshal.Cast<T, double>(values), sums);
    }

    private static void BackwardShortRow<T>(ReadOnlySpan<T> g, ReadOnlySpan<T> y, Span<T> dx, bool log) where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        double reduced = 0;
        if (log)
        {
            foreach (T v in g) reduced += double.CreateTruncating(v);
            T total = T.CreateTruncating(reduced);
            for (int k = 0; k < g.Length; k++) dx[k] = g[k] - T.Exp(y[k]) * total;
        }
        else
        {
            for (int k = 0; k < g.Length; k++) reduced += double.CreateTruncating(g[k]) * double.CreateTruncating(y[k]);
            T dot = T.CreateTruncating(reduced);
            for (int k = 0; k < g.Length; k++) dx[k] = y[k] * (g[k] - dot);
        }
    }

    /// <summary>
    /// Softmax backward along the last axis, fused per row: <c>dx = y·(g - Σ g·y)</c>, or for log-softmax
    /// <c>dx = g - exp(y)·Σ g</c>.
    /// </summary>
    public static void BackwardRows<T>(ReadOnlySpan<T> grad, ReadOnlySpan<T> y, Span<T> dx, int rows, int length, bool log)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        for (int r = 0; r < rows; r++)
        {
            var g = grad.Slice(r * length, length);
            var output = y.Slice(r * length, length);
            var target = dx.Slice(r * length, length);
            if (length < ShortRow)
            {
                BackwardShortRow(g, output, target, log);
                continue;
            }
            if (log)
            {
                T total = T.CreateTruncating(SumAsDouble(g));
                UnaryKernel.Map(new LogSoftmaxGradOperator<T>(total), g, output, target);
            }
            else
            {
                T dot = typeof(T) == typeof(float)
                    ? T.CreateTruncating(ReduceKernel.DotWide(MemoryMarshal.Cast<T, float>(g), MemoryMarshal.Cast<T, float>(output)))
                    : TensorPrimitives.Dot(g, output);
                UnaryKernel.Map(new SoftmaxGradOperator<T>(dot), g, output, target);
            }
        }
    }
}

/// <summary><c>(x - a) - b</c>.</summary>
internal readonly struct ShiftOperator<T>(T a, T b) : IUnaryOperator<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly Vector<T> _a = new(a);
    private readonly Vector<T> _b = new(b);

    public Vector<T> Invoke(Vector<T> x) => (x - _a) - _b;
}

/// <summary><c>y·(g - dot)</c> given <c>(g, y)</c>.</summary>
internal readonly struct SoftmaxGradOperator<T>(T dot) : IPairOperator<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly Vector<T> _dot = new(dot);

    public Vector<T> Invoke(Vector<T> grad, Vector<T> y) => y * (grad - _dot);
}

/// <summary><c>g - exp(y)·total</c> given <c>(g, y)</c>, y a log-softmax output.</summary>
internal readonly struct LogSoftmaxGradOperator<T>(T total) : IPairOperator<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly Vector<T> _total = new(total);

    public Vector<T> Invoke(Vector<T> grad, Vector<T> y) => grad - VectorMath.Exp(y) * _total;
}
