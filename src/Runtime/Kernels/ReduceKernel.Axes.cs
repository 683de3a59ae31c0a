using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;

namespace Layers;

/// <summary>
/// Receives the blocks of a reduction walk. A block is a run of consecutive rows of the innermost merged axis;
/// either each row folds into its own output (consecutive outputs), or every row combines element-wise into
/// the same run of outputs.
/// </summary>
internal interface IReductionVisitor<T> where T : unmanaged
{
    /// <summary>Row i of <paramref name="block"/> (rows of <paramref name="rowLength"/>) reduces into output <paramref name="firstOutput"/> + i.</summary>
    void Rows(ReadOnlySpan<T> block, int rowLength, int firstOutput);

    /// <summary>Element j of every row of <paramref name="block"/> reduces into output <paramref name="output"/> + j.</summary>
    void Columns(ReadOnlySpan<T> block, int rowLength, int output);
}

internal static partial class ReduceKernel
{
    private const int ShortRun = 16;

    /// <summary>
    /// The smallest whole number of <paramref name="rowLength"/>-rows that is also a whole number of vectors: a
    /// narrow (rows, k) block read in chunks of this many elements puts column j at the same positions in every
    /// chunk, so the chunks can be combined with full-width vector ops and folded to k columns at the end.
    /// </summary>
    private static int Period(int rowLength, int width)
    {
        int a = rowLength, b = width;
        while (b != 0) (a, b) = (b, a % b);
        return rowLength / a * width;
    }

    /// <summary>Sum of a short run with two independent accumulators (a single chain is bound by add latency).</summary>
    private static double ShortSum(ReadOnlySpan<float> row)
    {
        double s0 = 0, s1 = 0;
        int k = 0;
        for (; k + 1 < row.Length; k += 2)
        {
            s0 += row[k];
            s1 += row[k + 1];
        }
        if (k < row.Length) s0 += row[k];
        return s0 + s1;
    }

    private static T ShortSum<T>(ReadOnlySpan<T> row) where T : INumber<T>
    {
        T s0 = T.Zero, s1 = T.Zero;
        int k = 0;
        for (; k + 1 < row.Length; k += 2)
        {
            s0 += row[k];
            s1 += row[k + 1];
        }
        if (k < row.Length) s0 += row[k];
        return s0 + s1;
    }

    /// <summary>
    /// A reduction over a set of axes, simplified: size-1 axes dropped and adjacent axes of the same kind (both
    /// reduced or both kept) merged, so (32, 10, 128) over axes {1, 2} becomes a row-wise reduction of 32 rows of
    /// 1280 and over {0} a column-wise one of 32 rows of 1280 columns. The innermost merged axis decides the
    /// kernel: reduced means contiguous rows fold into one output (vectorized along the row), kept means each row
    /// combines element-wise into a contiguous run of outputs (vectorized across the columns, e.g. a bias gradient).
    /// </summary>
    internal readonly struct Layout
    {
        public readonly int[] Dims;
        public readonly bool[] Reduced;
        public readonly int[] OutputStrides;

        public Layout(Shape shape, ReadOnlySpan<bool> reduce)
        {
            var dims = new List<int>();
            var reduced = new List<bool>();
            for (int axis = 0; axis < shape.Rank; axis++)
            {
                int d = shape.Dims[axis];
                if (d == 1) continue;
                if (dims.Count > 0 && reduced[^1] == reduce[axis]) dims[^1] *= d;
                else
                {
                    dims.Add(d);
                    reduced.Add(reduce[axis]);
                }
            }
            if (dims.Count == 0)
            {
                dims.Add(1);
                reduced.Add(false);
            }
            Dims = [.. dims];
            Reduced = [.. reduced];
            OutputStrides = new int[Dims.Length];
            int stride = 1;
            for (int i = Dims.Length - 1; i >= 0; i--)
            {
                if (Reduced[i]) continue;
                OutputStrides[i] = stride;
                stride *= Dims[i];
            }
        }

        public int Inner => Dims[^1];

        public bool InnerReduced => Reduced[^1];
    }

    /// <summary>
    /// Visits the source in blocks spanning the two innermost merged axes (one reduced, one kept), so the
    /// visitor's loops see whole matrices and per-row overhead stays out of narrow shapes; only the axes outside
    /// those two need an index walk.
    /// </summary>
    public static void Walk<T, TVisitor>(ReadOnlySpan<T> source, Layout layout, ref TVisitor visitor)
        where T : unmanaged
        where TVisitor : IReductionVisitor<T>, allows ref struct
    {
        var dims = layout.Dims;
        int inner = layout.Inner;
        int outerAxes = Math.Max(dims.Length - 2, 0);
        int blockSize = dims.Length >= 2 ? inner * dims[^2] : inner;
        int blocks = source.Length / blockSize;
        Span<int> index = stackalloc int[Math.Max(outerAxes, 1)];
        index.Clear();
        int output = 0;
        for (int b = 0; b < blocks; b++)
        {
            var block = source.Slice(b * blockSize, blockSize);
            if (layout.InnerReduced) visitor.Rows(block, inner, output);
            else visitor.Columns(block, inner, output);
            for (int axis = outerAxes - 1; axis >= 0; axis--)
            {
                output += layout.OutputStrides[axis];
                if (++index[axis] < dims[axis]) break;
                output -= layout.OutputStrides[axis] * dims[axis];
                index[axis] = 0;
            }
        }
    }

    /// <summary>Sums (or averages, dividing by <paramref name="count"/>) into <paramref name="destination"/>, which has the layout's output size.</summary>
    public static void Sum<T>(ReadOnlySpan<T> source, Layout layout, Span<T> destination, int count, bool mean) where T : unmanaged, INumber<T>
    {
        if (typeof(T) == typeof(float))
        {
            var rented = ArrayPool<double>.Shared.Rent(destination.Length);
            var accumulator = rented.AsSpan(0, destination.Length);
            accumulator.Clear();
            var visitor = new WideSumVisitor(accumulator);
            Walk(System.Runtime.InteropServices.MemoryMarshal.Cast<T, float>(source), layout, ref visitor);
            if (mean) TensorPrimitives.Divide(accumulator, count, accumulator);
            TensorPrimitives.ConvertTruncating<double, float>(accumulator, System.Runtime.InteropServices.MemoryMarshal.Cast<T, float>(destination));
            ArrayPool<double>.Shared.Return(rented);
            return;
        }
        destination.Clear();
        var sum = new SumVisitor<T>(destination);
        Walk(source, layout, ref sum);
        if (mean) TensorPrimitives.Divide(destination, T.CreateTruncating(count), destination);
    }

    /// <summary>Maximum (or minimum) into <paramref name="destination"/>; NaN wins, as in NumPy. The reduction must not be empty.</summary>
    public static void Extremum<T>(ReadOnlySpan<T> source, Layout layout, Span<T> destination, bool max) where T : unmanaged, INumber<T>
    {
        if (max)
        {
            destination.Fill(Lowest<T>());
            var visitor = new ExtremumVisitor<T, PickMax<T>>(destination);
            Walk(source, layout, ref visitor);
        }
        else
        {
            destination.Fill(Highest<T>());
            var visitor = new ExtremumVisitor<T, PickMin<T>>(destination);
            Walk(source, layout, ref visitor);
        }
    }

    private static T Lowest<T>() where T : unmanaged, INumber<T>
    {
        if (typeof(T) == typeof(float)) return T.CreateTruncating(float.NegativeInfinity);
        if (typeof(T) == typeof(double)) return T.CreateTruncating(double.NegativeInfinity);
        if (typeof(T) == typeof(int)) return T.CreateTruncating(int.MinValue);
        return T.CreateTruncating(long.MinValue);
    }

    private static T Highest<T>() where T : unmanaged, INumber<T>
    {
        if (typeof(T) == typeof(float)) return T.CreateTruncating(float.PositiveInfinity);
        if (typeof(T) == typeof(double)) return T.CreateTruncating(double.PositiveInfinity);
        if (typeof(T) == typeof(int)) return T.CreateTruncating(int.MaxValue);
        return T.CreateTruncating(long.MaxValue);
    }

    // Rows shorter than ShortRun elements are folded with plain loops: the vector kernels' setup and horizontal
    // reduction cost more than they save there, and narrow shapes such as (10⁶, 3) consist of nothing else.

    private ref struct WideSumVisitor(Span<double> accumulator) : IReductionVisitor<float>
    {
        private readonly Span<double> _accumulator = accumulator;

        public readonly void Rows(ReadOnlySpan<float> block, int rowLength, int firstOutput)
        {
            var outputs = _accumulator.Slice(firstOutput, block.Length / rowLength);
            for (int r = 0, start = 0; r < outputs.Length; r++, start += rowLength)
            {
                var row = block.Slice(start, rowLength);
                if (rowLength >= ShortRun)
                {
                    outputs[r] += SumWide(row);
                    continue;
                }
                outputs[r] += ShortSum(row);
            }
        }

        public readonly void Columns(ReadOnlySpan<float> block, int rowLength, int output)
        {
            var target = _accumulator.Slice(output, rowLength);
            int start = 0;
            if (rowLength < ShortRun)
            {
                int period = Period(rowLength, Vector<float>.Count);
                Span<double> partial = stackalloc double[period];
                partial.Clear();
                for (; start <= block.Length - period; start += period) AccumulateWide(block.Slice(start, period), partial);
                for (int l = 0; l < period; l++) target[l % rowLength] += partial[l];
            }
            for (; start < block.Length; start += rowLength)
            {
                var row = block.Slice(start, rowLength);
                if (rowLength >= ShortRun) AccumulateWide(row, target);
                else for (int j = 0; j < row.Length; j++) target[j] += row[j];
            }
        }
    }

    private ref struct SumVisitor<T>(Span<T> accumulator) : IReductionVisitor<T> where T : unmanaged, INumber<T>
    {
        private readonly Span<T> _accumulator = accumulator;

        public readonly void Rows(ReadOnlySpan<T> block, int rowLength, int firstOutput)
        {
            var outputs = _accumulator.Slice(firstOutput, block.Length / rowLength);
            for (int r = 0, start = 0; r < outputs.Length; r++, start += rowLength)
            {
                var row = block.Slice(start, rowLength);
                if (rowLength >= ShortRun)
                {
                    outputs[r] += Sum(row);
                    continue;
                }
                outputs[r] += ShortSum(row);
            }
        }

        public readonly void Columns(ReadOnlySpan<T> block, int rowLength, int output)
        {
            var target = _accumulator.Slice(output, rowLength);
            int start = 0;
            if (rowLength < ShortRun)
            {
                int period = Period(rowLength, Vector<T>.Count);
                Span<T> partial = stackalloc T[period];
                partial.Clear();
                for (; start <= block.Length - period; start += period) TensorPrimitives.Add(partial, block.Slice(start, period), partial);
                for (int l = 0; l < period; l++) target[l % rowLength] += partial[l];
            }
            for (; start < block.Length; start += rowLength)
            {
                var row = block.Slice(start, rowLength);
                if (rowLength >= ShortRun) TensorPrimitives.Add(target, row, target);
                else for (int j = 0; j < row.Length; j++) target[j] += row[j];
            }
        }
    }

    /// <summary>Which extremum <see cref="ExtremumVisitor{T, TPick}"/> keeps.</summary>
    private interface IPick<T> where T : unmanaged, INumber<T>
    {
        static abstract T Of(T a, T b);

        static abstract T Of(ReadOnlySpan<T> row);

        static abstract void Of(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination);
    }

    private readonly struct PickMax<T> : IPick<T> where T : unmanaged, INumber<T>
    {
        public static T Of(T a, T b) => T.Max(a, b);
        public static T Of(ReadOnlySpan<T> row) => TensorPrimitives.Max(row);
        public static void Of(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination) => TensorPrimitives.Max(x, y, destination);
    }

    private readonly struct PickMin<T> : IPick<T> where T : unmanaged, INumber<T>
    {
        public static T Of(T a, T b) => T.Min(a, b);
        public static T Of(ReadOnlySpan<T> row) => TensorPrimitives.Min(row);
        public static void Of(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination) => TensorPrimitives.Min(x, y, destination);
    }

    private ref struct ExtremumVisitor<T, TPick>(Span<T> accumulator) : IReductionVisitor<T>
        where T : unmanaged, INumber<T>
        where TPick : IPick<T>
    {
        private readonly Span<T> _accumulator = accumulator;

        public readonly void Rows(ReadOnlySpan<T> block, int rowLength, int firstOutput)
        {
            var outputs = _accumulator.Slice(firstOutput, block.Length / rowLength);
            for (int r = 0, start = 0; r < outputs.Length; r++, start += rowLength)
            {
                var row = block.Slice(start, rowLength);
                T extremum = outputs[r];
                if (rowLength >= ShortRun) extremum = TPick.Of(extremum, TPick.Of(row));
                else foreach (T v in row) extremum = TPick.Of(extremum, v);
                outputs[r] = extremum;
            }
        }

        public readonly void Columns(ReadOnlySpan<T> block, int rowLength, int output)
        {
            var target = _accumulator.Slice(output, rowLength);
            int start = 0;
            int period = Period(rowLength, Vector<T>.Count);
            if (rowLength < ShortRun && block.Length >= period)
            {
                Span<T> partial = stackalloc T[period];
                block[..period].CopyTo(partial);
                for (start = period; start <= block.Length - period; start += period) TPick.Of(partial, block.Slice(start, period), partial);
                for (int l = 0; l < period; l++) target[l % rowLength] = TPick.Of(target[l % rowLength], partial[l]);
            }
            for (; start < block.Length; start += rowLength)
            {
                var row = block.Slice(start, rowLength);
                if (rowLength >= ShortRun) TPick.Of(target, row, target);
                else for (int j = 0; j < row.Length; j++) target[j] = TPick.Of(target[j], row[j]);
            }
        }
    }

    /// <summary>
    /// Index of the maximum (or minimum) along the middle axis of a (outer, length, inner) view. Keras' order:
    /// the first NaN wins, +0 counts as greater than -0, and among equal values the first wins.
    /// </summary>
    public static void ArgExtremum<T>(ReadOnlySpan<T> source, int outer, int length, int inner, Span<int> destination, bool max)
        where T : unmanaged, INumber<T>
    {
        if (inner == 1)
        {
            // TensorPrimitives.IndexOfMax/Min implement exactly this order, vectorized.
            for (int o = 0; o < outer; o++)
            {
                var row = source.Slice(o * length, length);
                destination[o] = max ? TensorPrimitives.IndexOfMax(row) : TensorPrimitives.IndexOfMin(row);
            }
            return;
        }
        var best = new T[inner];
        for (int o = 0; o < outer; o++)
        {
            var block = source.Slice(o * length * inner, length * inner);
            var indices = destination.Slice(o * inner, inner);
            block[..inner].CopyTo(best);
            indices.Clear();
            for (int k = 1; k < length; k++)
            {
                var row = block.Slice(k * inner, inner);
                for (int j = 0; j < inner; j++)
                {
                    if (max ? IsAbove(row[j], best[j]) : IsBelow(row[j], best[j]))
                    {
                        best[j] = row[j];
                        indices[j] = k;
                    }
                }
            }
        }
    }

    private static bool IsAbove<T>(T candidate, T best) where T : INumber<T>
    {
        if (T.IsNaN(best)) return false;
        if (T.IsNaN(candidate) || candidate > best) return true;
        return candidate == best && T.IsZero(candidate) && T.IsNegative(best) && !T.IsNegative(candidate);
    }

    private static bool IsBelow<T>(T candidate, T best) where T : INumber<T>
    {
        if (T.IsNaN(best)) return false;
        if (T.IsNaN(candidate) || candidate < best) return true;
        return candidate == best && T.IsZero(candidate) && T.IsNegative(candidate) && !T.IsNegative(best);
    }
}
