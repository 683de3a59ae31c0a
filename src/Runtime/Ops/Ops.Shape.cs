using System.Globalization;

namespace Layers;

public static partial class Ops
{
    /// <summary>
    /// The same elements, in the same row-major order, with a new shape (Keras' <c>ops.reshape</c>). One
    /// dimension may be −1, meaning "whatever makes the sizes match". The result shares storage with
    /// <paramref name="x"/> (no copy) unless <paramref name="x"/> is a variable's value, which is copied
    /// so later assignments cannot show through.
    /// </summary>
    public static Tensor Reshape(Tensor x, params int[] shape)
    {
        CheckNotNull(x, "Reshape", "x");
        ArgumentNullException.ThrowIfNull(shape);
        var target = ResolveReshape(x.Shape, shape);
        var result = x.ViewAs(target);
        if (GradientTape.For(x) is { } tape) RecordReshape(tape, "Reshape", result, x);
        return result;
    }

    /// <summary>Reshape to a <see cref="Shape"/> (all dimensions known, sizes equal).</summary>
    public static Tensor Reshape(Tensor x, Shape shape) => Reshape(x, shape.ToArray());

    /// <summary>
    /// Inserts a dimension of size 1 at <paramref name="axis"/> (Keras' <c>ops.expand_dims</c>); axis may be
    /// −rank−1 … rank, negative counting from the end of the result. Shares storage as <see cref="Reshape(Tensor, int[])"/>.
    /// </summary>
    public static Tensor ExpandDims(Tensor x, int axis)
    {
        CheckNotNull(x, "ExpandDims", "x");
        int rank = x.Rank + 1;
        int normalized = axis < 0 ? axis + rank : axis;
        if ((uint)normalized >= (uint)rank)
            throw new ArgumentOutOfRangeException(nameof(axis), axis,
                $"ExpandDims: axis {axis} is out of range for input shape {x.Shape}; the new axis must be in {-rank}..{rank - 1}.");
        var dims = x.Shape.Dims.ToArray().ToList();
        dims.Insert(normalized, 1);
        var result = x.ViewAs(Shape.FromOwned([.. dims]));
        if (GradientTape.For(x) is { } tape) RecordReshape(tape, "ExpandDims", result, x);
        return result;
    }

    /// <summary>
    /// Removes dimensions of size 1 (Keras' <c>ops.squeeze</c>): all of them, or only <paramref name="axis"/>,
    /// which must then have size 1. Shares storage as <see cref="Reshape(Tensor, int[])"/>.
    /// </summary>
    public static Tensor Squeeze(Tensor x, int? axis = null)
    {
        CheckNotNull(x, "Squeeze", "x");
        var dims = x.Shape.Dims;
        int[] kept;
        if (axis is { } a)
        {
            int normalized = Shape.NormalizeAxis(a, x.Rank, "Squeeze");
            if (dims[normalized] != 1)
                throw new ArgumentException(
                    $"Squeeze: axis {a} of shape {x.Shape} has size {dims[normalized]}; only axes of size 1 can be removed" +
                    SizeOneAxes(dims) + ".", nameof(axis));
            kept = [.. dims[..normalized], .. dims[(normalized + 1)..]];
        }
        else
        {
            kept = dims.ToArray().Where(d => d != 1).ToArray();
        }
        var result = x.ViewAs(Shape.FromOwned(kept));
        if (GradientTape.For(x) is { } tape) RecordReshape(tape, "Squeeze", result, x);
        return result;
    }

    /// <summary>Reshape, ExpandDims and Squeeze only relabel the elements, so the gradient is relabelled back.</summary>
    private static void RecordReshape(GradientTape tape, string op, Tensor result, Tensor x) =>
        tape.Record(op, result, [x], (grad, inputs) => inputs.Add(0, grad.ViewAs(x.Shape)));

    private static Shape ResolveReshape(Shape from, int[] requested)
    {
        int unknown = -1;
        long known = 1;
        for (int i = 0; i < requested.Length; i++)
        {
            if (requested[i] == -1)
            {
                if (unknown >= 0)
                    throw new ArgumentException(
                        $"Reshape: target shape {FormatDims(requested)} has more than one -1; at most one dimension can be inferred.", "shape");
                unknown = i;
            }
            else if (requested[i] < 0)
            {
                throw new ArgumentException(
                    $"Reshape: target shape {FormatDims(requested)} has dimension {requested[i]}; dimensions must be >= 0, or -1 (once) to infer one.", "shape");
            }
            else
            {
                known *= requested[i];
            }
        }
        int size = from.Size;
        var dims = (int[])requested.Clone();
        if (unknown >= 0)
        {
            if (known == 0 || size % known != 0)
                throw new ArgumentException(
                    $"Reshape: cannot reshape {from} ({size} elements) into {FormatDims(requested)}: " +
                    (known == 0
                        ? "the -1 is ambiguous when the other dimensions multiply to 0."
                        : $"{size} is not a multiple of {known}, the product of the other dimensions."), "shape");
            dims[unknown] = (int)(size / known);
        }
        else if (known != size)
        {
            throw new ArgumentException(
                $"Reshape: cannot reshape {from} ({size} elements) into {FormatDims(requested)} ({known} elements); the sizes must match.", "shape");
        }
        return Shape.FromOwned(dims);
    }

    private static string SizeOneAxes(ReadOnlySpan<int> dims)
    {
        var ones = new List<int>();
        for (int i = 0; i < dims.Length; i++)
            if (dims[i] == 1) ones.Add(i);
        return ones.Count == 0 ? " (this shape has none)" : $" (here: axis {string.Join(", ", ones)})";
    }

    /// <summary>Python tuple notation for raw dimension lists that may hold −1: <c>(4, -1)</c>, <c>(3,)</c>.</summary>
    internal static string FormatDims(ReadOnlySpan<int> dims)
    {
        var parts = new string[dims.Length];
        for (int i = 0; i < dims.Length; i++) parts[i] = dims[i].ToString(CultureInfo.InvariantCulture);
        return dims.Length == 1 ? $"({parts[0]},)" : $"({string.Join(", ", parts)})";
    }
}
