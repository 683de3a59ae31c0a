namespace Layers;

public static partial class Ops
{
    /// <summary>
    /// <c>exp(x) / Σ exp(x)</c> along <paramref name="axis"/> (default the last; null normalizes over every element,
    /// as Keras' <c>axis=None</c>). Each slice is shifted by its maximum first, so large inputs (±1000) give exact
    /// 0s and 1s, not NaN. Integers and bool compute in float32.
    /// </summary>
    public static Tensor Softmax(Tensor x, int? axis = -1) => SoftmaxCore(x, axis, log: false, "Softmax");

    /// <summary>
    /// <c>x - log Σ exp(x)</c> along <paramref name="axis"/> (default the last; null = every element), computed as
    /// <c>(x - max) - log Σ exp(x - max)</c>: finite for any finite input, and exact where one element dominates.
    /// </summary>
    public static Tensor LogSoftmax(Tensor x, int? axis = -1) => SoftmaxCore(x, axis, log: true, "LogSoftmax");

    private static Tensor SoftmaxCore(Tensor x, int? axis, bool log, string op)
    {
        var input = FloatingInput(x, op);
        SoftmaxView(input.Shape, axis, op, out int outer, out int length, out int inner);
        var result = input.AllocateLike();
        if (result.Size > 0)
        {
            if (input.DType == DType.Float32)
                SoftmaxKernel.Forward(input.AsReadOnlySpan<float>(), result.Span<float>(), outer, length, inner, log);
            else
                SoftmaxKernel.Forward(input.AsReadOnlySpan<double>(), result.Span<double>(), outer, length, inner, log);
        }
        if (GradientTape.For(input) is { } tape) RecordSoftmax(tape, result, input, axis, log, op);
        return result;
    }

    private static void RecordSoftmax(GradientTape tape, Tensor result, Tensor x, int? axis, bool log, string op) =>
        tape.Record(op, result, [x], (grad, inputs) => inputs.Add(0, SoftmaxGrad(grad, result, axis, log, op)));

    private static Tensor SoftmaxGrad(Tensor grad, Tensor y, int? axis, bool log, string op)
    {
        SoftmaxView(y.Shape, axis, op, out int outer, out int length, out int inner);
        if (inner == 1 && y.Size > 0)
        {
            var dx = y.AllocateLike();
            if (y.DType == DType.Float32)
                SoftmaxKernel.BackwardRows(grad.AsReadOnlySpan<float>(), y.AsReadOnlySpan<float>(), dx.Span<float>(), outer, length, log);
            else
                SoftmaxKernel.BackwardRows(grad.AsReadOnlySpan<double>(), y.AsReadOnlySpan<double>(), dx.Span<double>(), outer, length, log);
            return dx;
        }
        int[]? axes = axis is { } a ? [a] : null;
        return log
            ? Subtract(grad, Multiply(Exp(y), Sum(grad, axes ?? AllAxes(y.Rank), keepDims: true)))
            : Multiply(y, Subtract(grad, Sum(Multiply(grad, y), axes ?? AllAxes(y.Rank), keepDims: true)));
    }

    private static int[] AllAxes(int rank) => Enumerable.Range(0, rank).ToArray();

    /// <summary>The (outer, length, inner) view of <paramref name="shape"/> around the softmax axis (null: one row of everything).</summary>
    private static void SoftmaxView(Shape shape, int? axis, string op, out int outer, out int length, out int inner)
    {
        outer = 1;
        inner = 1;
        if (axis is null)
        {
            length = shape.Size;
            return;
        }
        int a = Shape.NormalizeAxis(axis.Value, shape.Rank, op);
        var dims = shape.Dims;
        for (int i = 0; i < a; i++) outer *= dims[i];
        for (int i = a + 1; i < dims.Length; i++) inner *= dims[i];
        length = dims[a];
    }
}
