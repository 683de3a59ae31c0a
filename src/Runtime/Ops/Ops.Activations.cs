using System.Numerics.Tensors;

namespace Layers;

public static partial class Ops
{
    /// <summary>
    /// <c>max(x, 0)</c>. Integers keep their dtype; NaN stays NaN. The gradient is 0 at x = 0 (TensorFlow, PyTorch).
    /// </summary>
    public static Tensor Relu(Tensor x)
    {
        var input = NumericInput(x, "Relu");
        var result = input.AllocateLike();
        ReluInto(input, result);
        if (result.DType.IsFloating() && GradientTape.For(input) is { } tape) RecordRelu(tape, result, input);
        return result;
    }

    /// <summary><c>max(input, 0)</c> into <paramref name="result"/> (of the same shape and numeric dtype), which may be <paramref name="input"/> itself.</summary>
    internal static void ReluInto(Tensor input, Tensor result)
    {
        // TensorPrimitives.Max is IEEE maximum (NaN propagates, max(-0, 0) = +0) on 512-bit vectors.
        switch (input.DType)
        {
            case DType.Float32: TensorPrimitives.Max(input.AsReadOnlySpan<float>(), 0f, result.Span<float>()); break;
            case DType.Float64: TensorPrimitives.Max(input.AsReadOnlySpan<double>(), 0.0, result.Span<double>()); break;
            case DType.Int32: TensorPrimitives.Max(input.AsReadOnlySpan<int>(), 0, result.Span<int>()); break;
            case DType.Int64: TensorPrimitives.Max(input.AsReadOnlySpan<long>(), 0L, result.Span<long>()); break;
        }
    }

    private static void RecordRelu(GradientTape tape, Tensor result, Tensor x) =>
        tape.Record("Relu", result, [x], (grad, inputs) =>
            inputs.Add(0, MapPair(grad, x, default(ReluGradOperator<float>), default(ReluGradOperator<double>))));

    /// <summary><c>1 / (1 + e⁻ˣ)</c>, evaluated so that large negative inputs give tiny positive values rather than 0 or NaN.</summary>
    public static Tensor Sigmoid(Tensor x)
    {
        var input = FloatingInput(x, "Sigmoid");
        var result = MapFloating(input, default(SigmoidOperator<float>), default(SigmoidOperator<double>));
        if (GradientTape.For(input) is { } tape) RecordSigmoid(tape, result, input);
        return result;
    }

    private static void RecordSigmoid(GradientTape tape, Tensor result, Tensor x) =>
        tape.Record("Sigmoid", result, [x], (grad, inputs) =>
            inputs.Add(0, MapPair(grad, result, default(SigmoidGradOperator<float>), default(SigmoidGradOperator<double>))));

    /// <summary>Hyperbolic tangent, accurate near 0 and exactly ±1 for large |x|.</summary>
    public static Tensor Tanh(Tensor x)
    {
        var input = FloatingInput(x, "Tanh");
        var result = MapFloating(input, default(TanhOperator<float>), default(TanhOperator<double>));
        if (GradientTape.For(input) is { } tape) RecordTanh(tape, result, input);
        return result;
    }

    private static void RecordTanh(GradientTape tape, Tensor result, Tensor x) =>
        tape.Record("Tanh", result, [x], (grad, inputs) =>
            inputs.Add(0, MapPair(grad, result, default(TanhGradOperator<float>), default(TanhGradOperator<double>))));

    /// <summary>
    /// Gaussian error linear unit. <paramref name="approximate"/> = false (the default, as
    /// <c>keras.activations.gelu</c>) is the exact <c>x·Φ(x)</c> with Φ the normal CDF; true is the tanh
    /// approximation <c>0.5x(1 + tanh(√(2/π)(x + 0.044715x³)))</c>. (Keras' <c>keras.ops.gelu</c> defaults to
    /// the approximation; pass <c>approximate: true</c> to match it.)
    /// </summary>
    public static Tensor Gelu(Tensor x, bool approximate = false)
    {
        var input = FloatingInput(x, "Gelu");
        var result = approximate
            ? MapFloating(input, default(GeluTanhOperator<float>), default(GeluTanhOperator<double>))
            : MapFloating(input, default(GeluFloatOperator), default(GeluDoubleOperator));
        if (GradientTape.For(input) is { } tape) RecordGelu(tape, result, input, approximate);
        return result;
    }

    private static void RecordGelu(GradientTape tape, Tensor result, Tensor x, bool approximate) =>
        tape.Record("Gelu", result, [x], (grad, inputs) => inputs.Add(0, approximate
            ? MapPair(grad, x, default(GeluTanhGradOperator<float>), default(GeluTanhGradOperator<double>))
            : MapPair(grad, x, default(GeluFloatGradOperator), default(GeluDoubleGradOperator))));

    /// <summary>Sigmoid linear unit (swish), <c>x·sigmoid(x)</c>.</summary>
    public static Tensor Silu(Tensor x)
    {
        var input = FloatingInput(x, "Silu");
        var result = MapFloating(input, default(SiluOperator<float>), default(SiluOperator<double>));
        if (GradientTape.For(input) is { } tape) RecordSilu(tape, result, input);
        return result;
    }

    private static void RecordSilu(GradientTape tape, Tensor result, Tensor x) =>
        tape.Record("Silu", result, [x], (grad, inputs) =>
            inputs.Add(0, MapPair(grad, x, default(SiluGradOperator<float>), default(SiluGradOperator<double>))));

    /// <summary><c>log(1 + eˣ)</c>, evaluated as <c>max(x, 0) + log1p(e^-|x|)</c>: exact for large |x| in both directions.</summary>
    public static Tensor Softplus(Tensor x)
    {
        var input = FloatingInput(x, "Softplus");
        var result = MapFloating(input, default(SoftplusOperator<float>), default(SoftplusOperator<double>));
        if (GradientTape.For(input) is { } tape) RecordSoftplus(tape, result, input);
        return result;
    }

    private static void RecordSoftplus(GradientTape tape, Tensor result, Tensor x) =>
        tape.Record("Softplus", result, [x], (grad, inputs) =>
            inputs.Add(0, MapPair(grad, x, default(SoftplusGradOperator<float>), default(SoftplusGradOperator<double>))));

    /// <summary>Exponential linear unit: <c>x</c> for x &gt; 0, <c>alpha·(eˣ - 1)</c> otherwise (computed with expm1).</summary>
    public static Tensor Elu(Tensor x, double alpha = 1.0)
    {
        var input = FloatingInput(x, "Elu");
        if (!double.IsFinite(alpha))
            throw new ArgumentException($"Elu: alpha must be a finite number; got {alpha}.", nameof(alpha));
        var result = MapFloating(input, new EluOperator<float>((float)alpha), new EluOperator<double>(alpha));
        if (GradientTape.For(input) is { } tape) RecordElu(tape, result, input, alpha);
        return result;
    }

    private static void RecordElu(GradientTape tape, Tensor result, Tensor x, double alpha) =>
        tape.Record("Elu", result, [x], (grad, inputs) =>
            inputs.Add(0, MapPair(grad, x, new EluGradOperator<float>((float)alpha), new EluGradOperator<double>(alpha))));
}
