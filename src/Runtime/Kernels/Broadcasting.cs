namespace Layers;

/// <summary>
/// NumPy broadcasting for element-wise kernels. Shapes are aligned at their last axis; a dimension
/// of 1 (or a missing one) stretches to match. The loop is planned once per call: axes where both
/// operands behave alike are merged, so the innermost run is as long as possible and is handed to a
/// vectorized span kernel (vector–vector, vector–scalar or scalar–vector).
/// </summary>
internal static class Broadcasting
{
    /// <summary>The broadcast shape of <paramref name="a"/> and <paramref name="b"/>, or an error naming <paramref name="op"/> and both shapes.</summary>
    public static Shape ResultShape(Shape a, Shape b, string op)
    {
        if (a == b) return a;
        int rank = Math.Max(a.Rank, b.Rank);
        var dims = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            int da = i < rank - a.Rank ? 1 : a.Dims[i - (rank - a.Rank)];
            int db = i < rank - b.Rank ? 1 : b.Dims[i - (rank - b.Rank)];
            if (da != db && da != 1 && db != 1)
                throw new ArgumentException(
                    $"{op}: shapes {a} and {b} cannot be broadcast together: axis {i - rank} has sizes {da} and {db}. " +
                    "Broadcast dimensions must be equal, or one of them 1 (shapes align at the last axis).");
            dims[i] = da == 1 ? db : da;
        }
        return Shape.FromOwned(dims);
    }

    /// <summary>Element strides of a tensor of <paramref name="shape"/> seen through <paramref name="result"/>: 0 along stretched axes.</summary>
    public static int[] StridesIn(Shape shape, Shape result)
    {
        int rank = result.Rank;
        var strides = new int[rank];
        int stride = 1;
        for (int i = rank - 1; i >= 0; i--)
        {
            int source = i - (rank - shape.Rank);
            int dim = source >= 0 ? shape.Dims[source] : 1;
            strides[i] = dim == 1 && result.Dims[i] != 1 ? 0 : stride;
            stride *= dim;
        }
        return strides;
    }

    /// <summary>
    /// A loop over a result shape with two operands' strides, with adjacent axes merged where both
    /// operands are contiguous (or both constant) across them.
    /// </summary>
    public readonly struct Plan
    {
        public readonly int[] Dims;
        public readonly int[] StridesA;
        public readonly int[] StridesB;

        public Plan(Shape result, int[] stridesA, int[] stridesB)
        {
            var dims = new List<int>();
            var sa = new List<int>();
            var sb = new List<int>();
            for (int i = 0; i < result.Rank; i++)
            {
                int d = result.Dims[i];
                if (d == 1) continue;
                int last = dims.Count - 1;
                if (last >= 0 && sa[last] == stridesA[i] * d && sb[last] == stridesB[i] * d)
                {
                    dims[last] *= d;
                    sa[last] = stridesA[i];
                    sb[last] = stridesB[i];
                }
                else
                {
                    dims.Add(d);
                    sa.Add(stridesA[i]);
                    sb.Add(stridesB[i]);
                }
            }
            if (dims.Count == 0)
            {
                dims.Add(1);
                sa.Add(0);
                sb.Add(0);
            }
            Dims = [.. dims];
            StridesA = [.. sa];
            StridesB = [.. sb];
        }

        public int Inner => Dims[^1];
        public int InnerStrideA => StridesA[^1];
        public int InnerStrideB => StridesB[^1];

        /// <summary>Number of inner runs.</summary>
        public int Outer
        {
            get
            {
                int n = 1;
                for (int i = 0; i < Dims.Length - 1; i++) n *= Dims[i];
                return n;
            }
        }

        /// <summary>Offsets of operand A and B for outer run <paramref name="run"/> (row-major over all but the last merged axis).</summary>
        public void Offsets(int run, out int offsetA, out int offsetB)
        {
            offsetA = 0;
            offsetB = 0;
            for (int axis = Dims.Length - 2; axis >= 0 && run > 0; axis--)
            {
                int index = run % Dims[axis];
                run /= Dims[axis];
                offsetA += index * StridesA[axis];
                offsetB += index * StridesB[axis];
            }
        }
    }
}
