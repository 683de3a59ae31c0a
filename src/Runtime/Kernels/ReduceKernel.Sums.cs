using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace Layers;

internal static partial class ReduceKernel
{
    /// <summary>Below this many elements a double span is summed directly; above, it is halved (pairwise summation).</summary>
    private const int PairwiseBlock = 1024;

    /// <summary>
    /// Sum of floats accumulated in double, so a float32 sum is the correctly rounded float of a sum whose
    /// relative error is ~1e-12 even over 10⁶ elements (<c>TensorPrimitives.Sum</c> accumulates in float and
    /// drifts by up to ~1e-3 relative on long positive runs).
    /// </summary>
    public static double SumWide(ReadOnlySpan<float> x)
    {
        ref float source = ref MemoryMarshal.GetReference(x);
        int n = x.Length;
        int width = Vector<float>.Count;
        var a0 = Vector<double>.Zero;
        var a1 = Vector<double>.Zero;
        var a2 = Vector<double>.Zero;
        var a3 = Vector<double>.Zero;
        int i = 0;
        for (; i <= n - 2 * width; i += 2 * width)
        {
            Vector.Widen(Vector.LoadUnsafe(ref source, (nuint)i), out var low0, out var high0);
            Vector.Widen(Vector.LoadUnsafe(ref source, (nuint)(i + width)), out var low1, out var high1);
            a0 += low0;
            a1 += high0;
            a2 += low1;
            a3 += high1;
        }
        double sum = Vector.Sum((a0 + a1) + (a2 + a3));
        for (; i < n; i++) sum += x[i];
        return sum;
    }

    /// <summary>Pairwise sum of doubles: error grows with log n rather than n.</summary>
    public static double SumPairwise(ReadOnlySpan<double> x)
    {
        if (x.Length > PairwiseBlock)
        {
            int half = x.Length / 2 / Vector<double>.Count * Vector<double>.Count;
            return SumPairwise(x[..half]) + SumPairwise(x[half..]);
        }
        ref double source = ref MemoryMarshal.GetReference(x);
        int n = x.Length;
        int width = Vector<double>.Count;
        var a0 = Vector<double>.Zero;
        var a1 = Vector<double>.Zero;
        int i = 0;
        for (; i <= n - 2 * width; i += 2 * width)
        {
            a0 += Vector.LoadUnsafe(ref source, (nuint)i);
            a1 += Vector.LoadUnsafe(ref source, (nuint)(i + width));
        }
        double sum = Vector.Sum(a0 + a1);
        for (; i < n; i++) sum += x[i];
        return sum;
    }

    /// <summary><c>accumulator[j] += row[j]</c> with the floats widened to double (the column-wise twin of <see cref="SumWide"/>).</summary>
    public static void AccumulateWide(ReadOnlySpan<float> row, Span<double> accumulator)
    {
        ref float source = ref MemoryMarshal.GetReference(row);
        ref double target = ref MemoryMarshal.GetReference(accumulator);
        int n = row.Length;
        int width = Vector<float>.Count;
        int half = Vector<double>.Count;
        int i = 0;
        for (; i <= n - width; i += width)
        {
            Vector.Widen(Vector.LoadUnsafe(ref source, (nuint)i), out var low, out var high);
            (Vector.LoadUnsafe(ref target, (nuint)i) + low).StoreUnsafe(ref target, (nuint)i);
            (Vector.LoadUnsafe(ref target, (nuint)(i + half)) + high).StoreUnsafe(ref target, (nuint)(i + half));
        }
        for (; i < n; i++) accumulator[i] += row[i];
    }

    /// <summary>Dot product of floats accumulated in double.</summary>
    public static double DotWide(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        ref float first = ref MemoryMarshal.GetReference(a);
        ref float second = ref MemoryMarshal.GetReference(b);
        int n = a.Length;
        int width = Vector<float>.Count;
        var a0 = Vector<double>.Zero;
        var a1 = Vector<double>.Zero;
        int i = 0;
        for (; i <= n - width; i += width)
        {
            Vector.Widen(Vector.LoadUnsafe(ref first, (nuint)i), out var lowA, out var highA);
            Vector.Widen(Vector.LoadUnsafe(ref second, (nuint)i), out var lowB, out var highB);
            a0 += lowA * lowB;
            a1 += highA * highB;
        }
        double sum = Vector.Sum(a0 + a1);
        for (; i < n; i++) sum += (double)a[i] * b[i];
        return sum;
    }

    /// <summary>Sum of any numeric span: widened for float, pairwise for double, wrapping for integers.</summary>
    public static T Sum<T>(ReadOnlySpan<T> x) where T : unmanaged, INumber<T>
    {
        if (typeof(T) == typeof(float)) return T.CreateTruncating(SumWide(MemoryMarshal.Cast<T, float>(x)));
        if (typeof(T) == typeof(double)) return T.CreateTruncating(SumPairwise(MemoryMarshal.Cast<T, double>(x)));
        return TensorPrimitives.Sum(x);
    }
}
