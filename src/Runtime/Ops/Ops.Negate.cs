using System.Numerics.Tensors;

namespace Layers;

public static partial class Ops
{
    /// <summary>Element-wise <c>-x</c>.</summary>
    public static Tensor Negate(Tensor x)
    {
        CheckNotNull(x, "Negate", "x");
        if (x.DType == DType.Bool)
            throw new ArgumentException($"Negate: bool tensors cannot be negated (shape {x.Shape}); use Ops.LogicalNot.");
        var result = x.AllocateLike();
        switch (x.DType)
        {
            case DType.Float32: TensorPrimitives.Negate(x.AsReadOnlySpan<float>(), result.Span<float>()); break;
            case DType.Float64: TensorPrimitives.Negate(x.AsReadOnlySpan<double>(), result.Span<double>()); break;
            case DType.Int32: TensorPrimitives.Negate(x.AsReadOnlySpan<int>(), result.Span<int>()); break;
            case DType.Int64: TensorPrimitives.Negate(x.AsReadOnlySpan<long>(), result.Span<long>()); break;
        }
        if (GradientTape.For(x) is { } tape) RecordNegate(tape, result, x);
        return result;
    }

    private static void RecordNegate(GradientTape tape, Tensor result, Tensor x) =>
        tape.Record("Negate", result, [x], static (grad, inputs) => inputs.Add(0, Negate(grad)));
}
