namespace Layers.Tests.Support;

/// <summary>
/// Independent float64 scalar reference implementations: plain loops over multi-indices, written
/// without any code from the runtime, so the runtime's vectorized kernels are checked against them.
/// </summary>
public static class Reference
{
    /// <summary>NumPy broadcast of two shapes, computed independently of the runtime.</summary>
    public static int[] BroadcastShape(int[] a, int[] b)
    {
        int rank = Math.Max(a.Length, b.Length);
        var result = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            int da = i - (rank - a.Length) >= 0 ? a[i - (rank - a.Length)] : 1;
            int db = i - (rank - b.Length) >= 0 ? b[i - (rank - b.Length)] : 1;
            if (da != db && da != 1 && db != 1) throw new ArgumentException("not broadcastable");
            result[i] = da == 1 ? db : da;   // a 1 stretches to the other size, including 0
        }
        return result;
    }

    public static int Size(int[] shape) => shape.Aggregate(1, (p, d) => p * d);

    /// <summary>The multi-index of flat position <paramref name="flat"/> in <paramref name="shape"/>.</summary>
    public static int[] Unravel(int flat, int[] shape)
    {
        var index = new int[shape.Length];
        for (int axis = shape.Length - 1; axis >= 0; axis--)
        {
            index[axis] = flat % shape[axis];
            flat /= shape[axis];
        }
        return index;
    }

    /// <summary>The flat position in <paramref name="shape"/> that broadcasts to <paramref name="resultIndex"/>.</summary>
    public static int BroadcastSource(int[] resultIndex, int[] shape)
    {
        int offset = resultIndex.Length - shape.Length;
        int flat = 0;
        for (int axis = 0; axis < shape.Length; axis++)
        {
            int i = shape[axis] == 1 ? 0 : resultIndex[axis + offset];
            flat = flat * shape[axis] + i;
        }
        return flat;
    }

    /// <summary>Element-wise binary op over broadcast operands, in float64.</summary>
    public static double[] Binary(double[] a, int[] shapeA, double[] b, int[] shapeB, Func<double, double, double> op, out int[] shape)
    {
        shape = BroadcastShape(shapeA, shapeB);
        var result = new double[Size(shape)];
        for (int flat = 0; flat < result.Length; flat++)
        {
            var index = Unravel(flat, shape);
            result[flat] = op(a[BroadcastSource(index, shapeA)], b[BroadcastSource(index, shapeB)]);
        }
        return result;
    }
}
