namespace Layers;

public static partial class Ops
{
    /// <summary>
    /// <paramref name="length"/> consecutive entries of <paramref name="axis"/> starting at <paramref name="start"/>
    /// (PyTorch's <c>narrow</c>; NumPy's <c>x[..., start:start+length, ...]</c>). A negative start counts from the
    /// end of the axis, as in Python: <c>Slice(x, -1, -3, 3)</c> is the last three entries of the last axis.
    /// </summary>
    public static Tensor Slice(Tensor x, int axis, int start, int length)
    {
        CheckNotNull(x, "Slice", "x");
        int a = Shape.NormalizeAxis(axis, x.Rank, "Slice");
        int dim = x.Shape.Dims[a];
        int first = start < 0 ? start + dim : start;
        if (first < 0 || first > dim || length < 0 || length > dim - first)
            throw new ArgumentOutOfRangeException(nameof(length),
                $"Slice: start {start} with length {length} does not fit axis {axis} (size {dim}) of shape {x.Shape}; " +
                $"start must be in {-dim}..{dim} and start + length at most {dim}" +
                (first >= 0 && first <= dim ? $" (so length at most {dim - first})." : "."));
        var starts = new int[x.Rank];
        var sizes = x.Shape.ToArray();
        starts[a] = first;
        sizes[a] = length;
        return SliceBox(x, starts, sizes);
    }

    /// <summary>
    /// The box of shape <paramref name="shape"/> whose first element is at <paramref name="startIndices"/>
    /// (Keras' <c>ops.slice(inputs, start_indices, shape)</c>). Negative starts count from the end of their axis.
    /// </summary>
    public static Tensor Slice(Tensor x, int[] startIndices, int[] shape)
    {
        CheckNotNull(x, "Slice", "x");
        ArgumentNullException.ThrowIfNull(startIndices);
        ArgumentNullException.ThrowIfNull(shape);
        if (startIndices.Length != x.Rank || shape.Length != x.Rank)
            throw new ArgumentException(
                $"Slice: input shape {x.Shape} has rank {x.Rank}, so start_indices and shape need {x.Rank} entries each; " +
                $"got [{string.Join(", ", startIndices)}] and {FormatDims(shape)}.");
        var starts = new int[x.Rank];
        for (int i = 0; i < x.Rank; i++)
        {
            int dim = x.Shape.Dims[i];
            int first = startIndices[i] < 0 ? startIndices[i] + dim : startIndices[i];
            if (first < 0 || first > dim || shape[i] < 0 || shape[i] > dim - first)
                throw new ArgumentOutOfRangeException(nameof(shape),
                    $"Slice: on axis {i} (size {dim}) of shape {x.Shape}, start {startIndices[i]} with size {shape[i]} does not fit; " +
                    $"start must be in {-dim}..{dim} and start + size at most {dim}.");
            starts[i] = first;
        }
        return SliceBox(x, starts, (int[])shape.Clone());
    }

    private static Tensor SliceBox(Tensor x, int[] starts, int[] sizes)
    {
        var result = Tensor.Allocate(Shape.FromOwned(sizes), x.DType);
        BoxCopyKernel.Run(x, starts, result, new int[x.Rank], sizes);
        if (GradientTape.For(x) is { } tape) RecordSlice(tape, result, x, starts);
        return result;
    }

    /// <summary>The gradient of a slice is the upstream gradient placed back at the slice's position, zero elsewhere.</summary>
    private static void RecordSlice(GradientTape tape, Tensor result, Tensor x, int[] starts) =>
        tape.Record("Slice", result, [x], (grad, inputs) =>
        {
            var full = Tensor.Zeros(x.Shape, grad.DType);
            BoxCopyKernel.Run(grad, new int[grad.Rank], full, starts, grad.Shape.Dims);
            inputs.Add(0, full);
        });
}
