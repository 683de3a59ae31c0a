namespace Layers;

public static partial class Ops
{
    /// <summary>
    /// Permutes the axes (Keras' <c>ops.transpose</c>): output axis i is input axis <paramref name="perm"/>[i].
    /// Without a permutation the axes are reversed (a matrix is transposed). Negative axes count from the end.
    /// Always copies, into row-major order; a batch of matrices with the last two axes swapped takes a
    /// cache-blocked path.
    /// </summary>
    public static Tensor Transpose(Tensor x, params int[]? perm)
    {
        CheckNotNull(x, "Transpose", "x");
        var order = ResolvePermutation(x.Shape, perm, "Transpose");
        var dims = new int[order.Length];
        for (int i = 0; i < order.Length; i++) dims[i] = x.Shape.Dims[order[i]];
        var result = Tensor.Allocate(Shape.FromOwned(dims), x.DType);
        TransposeKernel.Run(x, result, order);
        if (GradientTape.For(x) is { } tape) RecordTranspose(tape, result, x, order);
        return result;
    }

    /// <summary>Same as <see cref="Transpose"/> (PyTorch's name); <paramref name="perm"/> is required.</summary>
    public static Tensor Permute(Tensor x, params int[] perm)
    {
        ArgumentNullException.ThrowIfNull(perm);
        return Transpose(x, perm);
    }

    private static void RecordTranspose(GradientTape tape, Tensor result, Tensor x, int[] order) =>
        tape.Record("Transpose", result, [x], (grad, inputs) =>
        {
            var inverse = new int[order.Length];
            for (int i = 0; i < order.Length; i++) inverse[order[i]] = i;
            inputs.Add(0, Transpose(grad, inverse));
        });

    private static int[] ResolvePermutation(Shape shape, int[]? perm, string op)
    {
        int rank = shape.Rank;
        if (perm is null || perm.Length == 0)
        {
            var reversed = new int[rank];
            for (int i = 0; i < rank; i++) reversed[i] = rank - 1 - i;
            return reversed;
        }
        var order = new int[rank];
        var seen = new bool[rank];
        bool valid = perm.Length == rank;
        for (int i = 0; valid && i < rank; i++)
        {
            int axis = perm[i] < 0 ? perm[i] + rank : perm[i];
            if ((uint)axis >= (uint)rank || seen[axis]) valid = false;
            else
            {
                seen[axis] = true;
                order[i] = axis;
            }
        }
        if (!valid)
            throw new ArgumentException(
                $"{op}: perm [{string.Join(", ", perm)}] is not a permutation of the axes of shape {shape}; " +
                $"it must list each axis 0..{rank - 1} exactly once ({rank} entries; negative axes count from the end).", nameof(perm));
        return order;
    }
}
