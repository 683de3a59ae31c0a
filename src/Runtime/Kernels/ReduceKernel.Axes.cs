using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;

namespace Layers;

/// <summary>Receives the runs of a reduction walk: whole rows to fold into one output, or rows to combine column-wise into a run of outputs.</summary>
internal interface IReductionVisitor<T> where T : unmanaged
{
    /// <summary>Every element of <paramref name="row"/> reduces into output element <paramref name="output"/>.</summary>
    void Row(ReadOnlySpan<T> row, int output);

    /// <summary>Element j of <paramref name="row"/> reduces into output element <paramref name="output"/> + j.</summary>
    void Columns(ReadOnlySpan<T> row, int output);
}

internal static partial class ReduceKernel
{
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

    /// <summary>Visits the source row by row (rows of the innermost merged axis), tracking each row's output offset.</summary>
    public static void Walk<T, TVisitor>(ReadOnlySpan<T> source, Layout layout, ref TVisitor visitor)
        where T : unmanaged
        where TVisitor : IReductionVisitor<T>, allows ref struct
    {
        int inner = layout.Inner;
        int rows = source.Length / inner;
        int outerAxes = layout.Dims.Length - 1;
        Span<int> index = stackalloc int[Math.Max(outerAxes, 1)];
        index.Clear();
        int output = 0;
        for (int row = 0; row < rows; row++)
        {
            var values = source.Slice(row * inner, inner);
            if (layout.InnerReduced) visitor.Row(values, output);
            else visitor.Columns(values, output);
            for (int axis = outerAxes - 1; axis >= 0; axis--)
            {
                output += layout.OutputStrides[axis];
                if (++index[axis] < layout.Dims[axis]) break;
                output -= layout.OutputStrides[axis] * layout.Dims[axis];
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
            var visitor = new MaxVisitor<T>(destination);
            Walk(source, layout, ref visitor);
        }
        else
        {
            destination.Fill(Highest<T>());
            var visitor = new MinVisitor<T>(destination);
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

    private ref struct WideSumVisitor(Span<double> accumulator) : IReductionVisitor<float>
    {
        private readonly Span<double> _accumulator = accumulator;

        public readonly void Row(ReadOnlySpan<float> row, int output) => _accumulator[output] += SumWide(row);

        public readonly void Columns(ReadOnlySpan<float> row, int output) => AccumulateWide(row, _accumulator.Slice(output, row.Length));
    }

    private ref struct SumVisitor<T>(Span<T> accumulator) : IReductionVisitor<T> where T : unmanaged, INumber<T>
    {
        private readonly Span<T> _accumulator = accumulator;

        public readonly void Row(ReadOnlySpan<T> row, int output) => _accumulator[output] += Sum(row);

        public readonly void Columns(ReadOnlySpan<T> row, int output)
        {
            var target = _accumulator.Slice(output, row.Length);
            TensorPrimitives.Add(target, row, target);
        }
    }

    private ref struct MaxVisitor<T>(Span<T> accumulator) : IReductionVisitor<T> where T : unmanaged, INumber<T>
    {
        private readonly Span<T> _accumulator = accumulator;

        public readonly void Row(ReadOnlySpan<T> row, int output) => _accumulator[output] = T.Max(_accumulator[output], TensorPrimitives.Max(row));

        public readonly void Columns(ReadOnlySpan<T> row, int output)
        {
            var target = _accumulator.Slice(output, row.Length);
            TensorPrimitives.Max(target, row, target);
        }
    }

    private ref struct MinVisitor<T>(Span<T> accumulator) : IReductionVisitor<T> where T : unmanaged, INumber<T>
    {
        private readonly Span<T> _accumulator = accumulator;

        public readonly void Row(ReadOnlySpan<T> row, int output) => _accumulator[output] = T.Min(_accumulator[output], TensorPrimitives.Min(row));

        public readonly void Columns(ReadOnlySpan<T> row, int output)
        {
            var target = _accumulator.Slice(output, row.Length);
            TensorPrimitives.Min(target, row, target);
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
