namespace Layers;

public static partial class Ops
{
    /// <summary>
    /// Joins tensors along an existing <paramref name="axis"/> (Keras' <c>ops.concatenate</c>). All shapes must
    /// agree except along that axis; dtypes are promoted to a common one as in arithmetic.
    /// </summary>
    public static Tensor Concat(IReadOnlyList<Tensor> tensors, int axis = 0)
    {
        var inputs = CheckJoinInputs(tensors, "Concat");
        var first = inputs[0];
        int a = Shape.NormalizeAxis(axis, first.Rank, "Concat");
        int total = 0;
        for (int i = 0; i < inputs.Length; i++)
        {
            var shape = inputs[i].Shape;
            bool compatible = shape.Rank == first.Rank;
            for (int d = 0; compatible && d < shape.Rank; d++)
                if (d != a && shape.Dims[d] != first.Shape.Dims[d]) compatible = false;
            if (!compatible)
                throw new ArgumentException(
                    $"Concat: along axis {axis}, every shape must match {first.Shape} except on that axis; tensor {i} has shape {shape}. " +
                    $"Shapes: {string.Join(", ", inputs.Select(t => t.Shape.ToString()))}.", nameof(tensors));
            total += shape.Dims[a];
        }
        var cast = PromoteAll(inputs);
        var result = Tensor.Allocate(first.Shape.WithDim(a, total), cast[0].DType);
        int offset = 0;
        var start = new int[first.Rank];
        foreach (var t in cast)
        {
            start[a] = offset;
            BoxCopyKernel.Run(t, new int[t.Rank], result, start, t.Shape.Dims);
            offset += t.Shape.Dims[a];
        }
        if (GradientTape.For(cast) is { } tape) RecordConcat(tape, result, cast, a);
        return result;
    }

    /// <summary>Concatenates along <paramref name="axis"/>.</summary>
    public static Tensor Concat(int axis, params Tensor[] tensors) => Concat((IReadOnlyList<Tensor>)tensors, axis);

    /// <summary>Keras' name for <see cref="Concat(IReadOnlyList{Tensor}, int)"/>.</summary>
    public static Tensor Concatenate(IReadOnlyList<Tensor> tensors, int axis = 0) => Concat(tensors, axis);

    private static void RecordConcat(GradientTape tape, Tensor result, Tensor[] inputs, int axis) =>
        tape.Record("Concat", result, inputs, (grad, slots) =>
        {
            int offset = 0;
            for (int i = 0; i < inputs.Length; i++)
            {
                int length = inputs[i].Shape.Dims[axis];
                if (slots.Needs(i)) slots.Add(i, Slice(grad, axis, offset, length));
                offset += length;
            }
        });

    /// <summary>
    /// Joins tensors of one shape along a new <paramref name="axis"/> (Keras' <c>ops.stack</c>): the result has
    /// rank + 1, and axis may be −rank−1 … rank.
    /// </summary>
    public static Tensor Stack(IReadOnlyList<Tensor> tensors, int axis = 0)
    {
        var inputs = CheckJoinInputs(tensors, "Stack");
        var shape = inputs[0].Shape;
        for (int i = 1; i < inputs.Length; i++)
            if (inputs[i].Shape != shape)
                throw new ArgumentException(
                    $"Stack: every tensor must have the same shape; tensor 0 has {shape} but tensor {i} has {inputs[i].Shape}. " +
                    $"Shapes: {string.Join(", ", inputs.Select(t => t.Shape.ToString()))}.", nameof(tensors));
        int rank = shape.Rank + 1;
        int a = axis < 0 ? axis + rank : axis;
        if ((uint)a >= (uint)rank)
            throw new ArgumentOutOfRangeException(nameof(axis), axis,
                $"Stack: axis {axis} is out of range for stacking tensors of shape {shape}; the new axis must be in {-rank}..{rank - 1}.");
        var cast = PromoteAll(inputs);
        var dims = shape.ToArray().ToList();
        dims.Insert(a, inputs.Length);
        var result = Tensor.Allocate(Shape.FromOwned([.. dims]), cast[0].DType);
        dims[a] = 1;
        var piece = dims.ToArray();
        var start = new int[rank];
        for (int i = 0; i < cast.Length; i++)
        {
            start[a] = i;
            // Each input is the box of thickness 1 at position i of the new axis.
            BoxCopyKernel.Run(cast[i].AliasAs(Shape.FromOwned(piece)), new int[rank], result, start, piece);
        }
        if (GradientTape.For(cast) is { } tape) RecordStack(tape, result, cast, a);
        return result;
    }

    /// <summary>Stacks along <paramref name="axis"/>.</summary>
    public static Tensor Stack(int axis, params Tensor[] tensors) => Stack((IReadOnlyList<Tensor>)tensors, axis);

    private static void RecordStack(GradientTape tape, Tensor result, Tensor[] inputs, int axis) =>
        tape.Record("Stack", result, inputs, (grad, slots) =>
        {
            for (int i = 0; i < inputs.Length; i++)
                if (slots.Needs(i)) slots.Add(i, Slice(grad, axis, i, 1).ViewAs(inputs[i].Shape));
        });

    private static Tensor[] CheckJoinInputs(IReadOnlyList<Tensor> tensors, string op)
    {
        if (tensors is null)
            throw new ArgumentNullException(nameof(tensors), $"{op}: argument 'tensors' is null.");
        if (tensors.Count == 0)
            throw new ArgumentException($"{op}: needs at least one tensor; got an empty list.", nameof(tensors));
        var inputs = new Tensor[tensors.Count];
        for (int i = 0; i < inputs.Length; i++)
            inputs[i] = tensors[i] ?? throw new ArgumentNullException(nameof(tensors), $"{op}: tensor {i} is null.");
        return inputs;
    }

    /// <summary>Casts every input to their common dtype (as arithmetic does), so joined values keep their meaning.</summary>
    private static Tensor[] PromoteAll(Tensor[] inputs)
    {
        var dtype = inputs[0].DType;
        foreach (var t in inputs) dtype = DTypes.Promote(dtype, t.DType);
        var cast = new Tensor[inputs.Length];
        for (int i = 0; i < inputs.Length; i++) cast[i] = inputs[i].DType == dtype ? inputs[i] : Cast(inputs[i], dtype);
        return cast;
    }
}
