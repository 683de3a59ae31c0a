using System.Numerics.Tensors;

namespace Layers;

public static partial class Ops
{
    /// <summary>Element-wise |x|. Integers keep their dtype (and, as in NumPy, |int.MinValue| wraps to itself).</summary>
    public static Tensor Abs(Tensor x)
    {
        var input = NumericInput(x, "Abs");
        var result = input.AllocateLike();
        MapNumeric(input, result, default(AbsOperator<float>), default(AbsOperator<double>), default(AbsOperator<int>), default(AbsOperator<long>));
        if (result.DType.IsFloating() && GradientTape.For(input) is { } tape) RecordAbs(tape, result, input);
        return result;
    }

    private static void RecordAbs(GradientTape tape, Tensor result, Tensor x) =>
        tape.Record("Abs", result, [x], (grad, inputs) =>
            inputs.Add(0, MapPair(grad, x, default(AbsGradOperator<float>), default(AbsGradOperator<double>))));

    /// <summary>Element-wise x². Integers keep their dtype.</summary>
    public static Tensor Square(Tensor x)
    {
        var input = NumericInput(x, "Square");
        var result = input.AllocateLike();
        MapNumeric(input, result, default(SquareOperator<float>), default(SquareOperator<double>), default(SquareOperator<int>), default(SquareOperator<long>));
        if (result.DType.IsFloating() && GradientTape.For(input) is { } tape) RecordSquare(tape, result, input);
        return result;
    }

    private static void RecordSquare(GradientTape tape, Tensor result, Tensor x) =>
        tape.Record("Square", result, [x], (grad, inputs) =>
            inputs.Add(0, MapPair(grad, x, default(SquareGradOperator<float>), default(SquareGradOperator<double>))));

    /// <summary>
    /// Element-wise sign: -1, 0 or 1 in the input's dtype; NaN stays NaN and signed zeros stay as they are.
    /// Its gradient is zero.
    /// </summary>
    public static Tensor Sign(Tensor x)
    {
        var input = NumericInput(x, "Sign");
        var result = input.AllocateLike();
        MapNumeric(input, result, default(SignOperator<float>), default(SignOperator<double>), default(SignOperator<int>), default(SignOperator<long>));
        if (result.DType.IsFloating() && GradientTape.For(input) is { } tape) RecordSign(tape, result, input);
        return result;
    }

    private static void RecordSign(GradientTape tape, Tensor result, Tensor x) =>
        tape.Record("Sign", result, [x], static (grad, inputs) => inputs.Add(0, Tensor.ZerosLike(grad)));

    /// <summary>
    /// Element-wise eˣ, faithfully rounded (exp(0) is exactly 1). float32 results below the smallest normal
    /// (x &lt; -87.34) are flushed to 0, as TensorFlow's CPU kernels do. Integer and bool inputs are computed in
    /// float32 (Keras' floatx), as Keras does.
    /// </summary>
    public static Tensor Exp(Tensor x)
    {
        var input = FloatingInput(x, "Exp");
        var result = input.AllocateLike();
        if (input.DType == DType.Float32) ExpOperator<float>.Run(input.AsReadOnlySpan<float>(), result.Span<float>());
        else ExpOperator<double>.Run(input.AsReadOnlySpan<double>(), result.Span<double>());
        if (GradientTape.For(input) is { } tape) RecordExp(tape, result, input);
        return result;
    }

    private static void RecordExp(GradientTape tape, Tensor result, Tensor x) =>
        tape.Record("Exp", result, [x], (grad, inputs) =>
            inputs.Add(0, MapPair(grad, result, default(MultiplyPairOperator<float>), default(MultiplyPairOperator<double>))));

    /// <summary>Element-wise natural logarithm: -inf at 0, NaN below. Integers compute in float32.</summary>
    public static Tensor Log(Tensor x)
    {
        var input = FloatingInput(x, "Log");
        var result = input.AllocateLike();
        if (input.DType == DType.Float32) TensorPrimitives.Log(input.AsReadOnlySpan<float>(), result.Span<float>());
        else TensorPrimitives.Log(input.AsReadOnlySpan<double>(), result.Span<double>());
        if (GradientTape.For(input) is { } tape) RecordLog(tape, result, input);
        return result;
    }

    private static void RecordLog(GradientTape tape, Tensor result, Tensor x) =>
        tape.Record("Log", result, [x], (grad, inputs) =>
            inputs.Add(0, MapPair(grad, x, default(DividePairOperator<float>), default(DividePairOperator<double>))));

    /// <summary>Element-wise √x (NaN below 0). Integers compute in float32.</summary>
    public static Tensor Sqrt(Tensor x)
    {
        var input = FloatingInput(x, "Sqrt");
        var result = input.AllocateLike();
        if (input.DType == DType.Float32) TensorPrimitives.Sqrt(input.AsReadOnlySpan<float>(), result.Span<float>());
        else TensorPrimitives.Sqrt(input.AsReadOnlySpan<double>(), result.Span<double>());
        if (GradientTape.For(input) is { } tape) RecordSqrt(tape, result, input);
        return result;
    }

    private static void RecordSqrt(GradientTape tape, Tensor result, Tensor x) =>
        tape.Record("Sqrt", result, [x], (grad, inputs) =>
            inputs.Add(0, MapPair(grad, result, default(SqrtGradOperator<float>), default(SqrtGradOperator<double>))));

    /// <summary>Element-wise 1/√x (correctly rounded sqrt, then a true division, not a hardware estimate). Integers compute in float32.</summary>
    public static Tensor Rsqrt(Tensor x)
    {
        var input = FloatingInput(x, "Rsqrt");
        var result = input.AllocateLike();
        if (input.DType == DType.Float32) TensorPrimitives.ReciprocalSqrt(input.AsReadOnlySpan<float>(), result.Span<float>());
        else TensorPrimitives.ReciprocalSqrt(input.AsReadOnlySpan<double>(), result.Span<double>());
        if (GradientTape.For(input) is { } tape) RecordRsqrt(tape, result, input);
        return result;
    }

    private static void RecordRsqrt(GradientTape tape, Tensor result, Tensor x) =>
        tape.Record("Rsqrt", result, [x], (grad, inputs) =>
            inputs.Add(0, MapPair(grad, result, default(RsqrtGradOperator<float>), default(RsqrtGradOperator<double>))));

    /// <summary>
    /// Clamps every element into <c>[min, max]</c> (Keras' <c>ops.clip</c>); NaN stays NaN. If <paramref name="min"/>
    /// exceeds <paramref name="max"/> every element becomes <paramref name="max"/>, as in NumPy. Integers keep their
    /// dtype (the bounds must then be whole numbers); bool computes in int32, as Keras does. The gradient passes
    /// where <c>min ≤ x ≤ max</c>, bounds included (TensorFlow's <c>clip_by_value</c> rule).
    /// </summary>
    public static Tensor Clip(Tensor x, double min, double max)
    {
        CheckNotNull(x, "Clip", "x");
        if (double.IsNaN(min) || double.IsNaN(max))
            throw new ArgumentException($"Clip: the bounds must be numbers; got min={min} and max={max}.");
        var input = x.DType == DType.Bool ? Cast(x, DType.Int32) : x;
        if (input.DType.IsInteger() && (min != Math.Floor(min) || max != Math.Floor(max)))
            throw new ArgumentException(
                $"Clip: an {input.DType.Name()} tensor needs whole-number bounds; got min={min} and max={max}. Cast x to a float dtype first.");
        var result = input.AllocateLike();
        switch (input.DType)
        {
            case DType.Float32: UnaryKernel.Map(new ClipOperator<float>((float)min, (float)max), input.Span<float>(), result.Span<float>()); break;
            case DType.Float64: UnaryKernel.Map(new ClipOperator<double>(min, max), input.Span<double>(), result.Span<double>()); break;
            case DType.Int32: UnaryKernel.Map(new ClipOperator<int>(SaturateToInt32(min), SaturateToInt32(max)), input.Span<int>(), result.Span<int>()); break;
            case DType.Int64: UnaryKernel.Map(new ClipOperator<long>(SaturateToInt64(min), SaturateToInt64(max)), input.Span<long>(), result.Span<long>()); break;
        }
        if (result.DType.IsFloating() && GradientTape.For(input) is { } tape) RecordClip(tape, result, input, min, max);
        return result;
    }

    private static void RecordClip(GradientTape tape, Tensor result, Tensor x, double min, double max) =>
        tape.Record("Clip", result, [x], (grad, inputs) =>
            inputs.Add(0, MapPair(grad, x, new ClipGradOperator<float>((float)min, (float)max), new ClipGradOperator<double>(min, max))));

    private static int SaturateToInt32(double value) => (int)Math.Clamp(value, int.MinValue, int.MaxValue);

    private static long SaturateToInt64(double value) => value >= long.MaxValue ? long.MaxValue : value <= long.MinValue ? long.MinValue : (long)value;

    /// <summary>The input of an op that needs floating point: float tensors as they are, integers and bool converted to float32 (Keras' floatx).</summary>
    private static Tensor FloatingInput(Tensor x, string op)
    {
        CheckNotNull(x, op, "x");
        return x.DType.IsFloating() ? x : Cast(x, DType.Float32);
    }

    /// <summary>The input of an arithmetic op that keeps integer dtypes; bool is refused.</summary>
    private static Tensor NumericInput(Tensor x, string op)
    {
        CheckNotNull(x, op, "x");
        if (x.DType == DType.Bool)
            throw new ArgumentException(
                $"{op} does not support dtype bool (shape {x.Shape}); cast it to a numeric dtype with Ops.Cast first.");
        return x;
    }

    private static void MapNumeric<TFloat, TDouble, TInt, TLong>(Tensor x, Tensor result, TFloat forFloat, TDouble forDouble, TInt forInt, TLong forLong)
        where TFloat : struct, IUnaryOperator<float>
        where TDouble : struct, IUnaryOperator<double>
        where TInt : struct, IUnaryOperator<int>
        where TLong : struct, IUnaryOperator<long>
    {
        switch (x.DType)
        {
            case DType.Float32: UnaryKernel.Map(forFloat, x.AsReadOnlySpan<float>(), result.Span<float>()); break;
            case DType.Float64: UnaryKernel.Map(forDouble, x.AsReadOnlySpan<double>(), result.Span<double>()); break;
            case DType.Int32: UnaryKernel.Map(forInt, x.AsReadOnlySpan<int>(), result.Span<int>()); break;
            case DType.Int64: UnaryKernel.Map(forLong, x.AsReadOnlySpan<long>(), result.Span<long>()); break;
            default: throw new InvalidOperationException($"No kernel for dtype {x.DType.Name()}.");
        }
    }

    /// <summary>A new float tensor of <paramref name="x"/>'s shape and dtype from a float-only operator.</summary>
    private static Tensor MapFloating<TFloat, TDouble>(Tensor x, TFloat forFloat, TDouble forDouble)
        where TFloat : struct, IUnaryOperator<float>
        where TDouble : struct, IUnaryOperator<double>
    {
        var result = x.AllocateLike();
        if (x.DType == DType.Float32) UnaryKernel.Map(forFloat, x.AsReadOnlySpan<float>(), result.Span<float>());
        else UnaryKernel.Map(forDouble, x.AsReadOnlySpan<double>(), result.Span<double>());
        return result;
    }

    /// <summary>Applies a pair operator to two same-shape float tensors (typically <c>(upstream gradient, saved)</c>).</summary>
    private static Tensor MapPair<TFloat, TDouble>(Tensor a, Tensor b, TFloat forFloat, TDouble forDouble)
        where TFloat : struct, IPairOperator<float>
        where TDouble : struct, IPairOperator<double>
    {
        var result = b.AllocateLike();
        if (b.DType == DType.Float32) UnaryKernel.Map(forFloat, a.AsReadOnlySpan<float>(), b.AsReadOnlySpan<float>(), result.Span<float>());
        else UnaryKernel.Map(forDouble, a.AsReadOnlySpan<double>(), b.AsReadOnlySpan<double>(), result.Span<double>());
        return result;
    }
}
