namespace Layers;

public static partial class Ops
{
    /// <summary>
    /// Picks entries of <paramref name="x"/> along <paramref name="axis"/> by integer <paramref name="indices"/>
    /// (int32 or int64, any shape; TensorFlow's <c>gather</c>): the result's shape is
    /// <c>x.shape[:axis] + indices.shape + x.shape[axis+1:]</c>. An embedding lookup is
    /// <c>Gather(table, tokenIds)</c>. Negative indices count from the end; others outside the axis are an
    /// error. The gradient adds each picked entry's gradient back into its source (repeats accumulate).
    /// </summary>
    public static Tensor Gather(Tensor x, Tensor indices, int axis = 0)
    {
        CheckNotNull(x, "Gather", "x");
        return GatherAlong(x, indices, Shape.NormalizeAxis(axis, x.Rank, "Gather"), "Gather");
    }

    /// <summary>
    /// NumPy's and Keras' <c>take</c>: <see cref="Gather"/> along <paramref name="axis"/>, or, when
    /// <paramref name="axis"/> is null, over the flattened <paramref name="x"/>.
    /// </summary>
    public static Tensor Take(Tensor x, Tensor indices, int? axis = null)
    {
        CheckNotNull(x, "Take", "x");
        if (axis is null) return GatherAlong(Reshape(x, -1), indices, 0, "Take");
        return GatherAlong(x, indices, Shape.NormalizeAxis(axis.Value, x.Rank, "Take"), "Take");
    }

    private static Tensor GatherAlong(Tensor x, Tensor indices, int axis, string op)
    {
        CheckNotNull(indices, op, "indices");
        if (!indices.DType.IsInteger())
            throw new ArgumentException(
                $"{op}: indices must be int32 or int64; got {indices.DType.Name()} with shape {indices.Shape}. Cast them with Ops.Cast.", nameof(indices));
        var dims = x.Shape.Dims;
        int axisSize = dims[axis];
        var positions = GatherKernel.NormalizeIndices(indices, axisSize, op, x.Shape, axis);
        int outer = 1, inner = 1;
        for (int i = 0; i < axis; i++) outer *= dims[i];
        for (int i = axis + 1; i < dims.Length; i++) inner *= dims[i];
        var shape = Shape.FromOwned([.. dims[..axis], .. indices.Shape.Dims, .. dims[(axis + 1)..]]);
        var result = Tensor.Allocate(shape, x.DType);
        GatherKernel.Gather(x, result, positions, outer, axisSize, inner);
        if (x.DType.IsFloating() && GradientTape.For(x) is { } tape)
            RecordGather(tape, op, result, x, positions, outer, axisSize, inner);
        return result;
    }

    private static void RecordGather(GradientTape tape, string op, Tensor result, Tensor x, int[] positions, int outer, int axisSize, int inner) =>
        tape.Record(op, result, [x], (grad, inputs) =>
        {
            var sum = Tensor.Zeros(x.Shape, grad.DType);
            if (grad.DType == DType.Float32) GatherKernel.ScatterAdd<float>(grad, sum, positions, outer, axisSize, inner);
            else GatherKernel.ScatterAdd<double>(grad, sum, positions, outer, axisSize, inner);
            inputs.Add(0, sum);
        });
}
