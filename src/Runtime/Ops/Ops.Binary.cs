namespace Layers;

public static partial class Ops
{
    /// <summary>
    /// Element-wise <c>x ** exponent</c> with NumPy broadcasting and dtype promotion. Integer bases with integer
    /// exponents stay integers (negative exponents are an error, as in NumPy). Gradients follow TensorFlow:
    /// <c>∂/∂x = y·x^(y-1)</c> (taken as 0 where y = 0, so 0⁰ does not produce NaN) and
    /// <c>∂/∂y = x^y·log(x)</c> where x &gt; 0, else 0.
    /// </summary>
    public static Tensor Pow(Tensor x, Tensor exponent)
    {
        var result = Arithmetic(x, exponent, "Pow", out var a, out var b);
        switch (result.DType)
        {
            case DType.Float32: BinaryKernel.Run<float, PowOperator<float>>(a, b, result); break;
            case DType.Float64: BinaryKernel.Run<double, PowOperator<double>>(a, b, result); break;
            case DType.Int32: BinaryKernel.Run<int, IntegerPowOperator<int>>(a, b, result); break;
            case DType.Int64: BinaryKernel.Run<long, IntegerPowOperator<long>>(a, b, result); break;
        }
        if (result.DType.IsFloating() && GradientTape.For(a, b) is { } tape) RecordPow(tape, result, a, b);
        return result;
    }

    /// <summary>
    /// <c>x ** exponent</c> for a weakly typed scalar exponent: the tensor's dtype is kept, except that an integer
    /// tensor with a fractional exponent computes in float32 (Keras' rule). <c>exponent = 2</c> is <see cref="Square"/>.
    /// </summary>
    public static Tensor Pow(Tensor x, double exponent)
    {
        var input = NumericInput(x, "Pow");
        if (input.DType.IsInteger() && exponent != Math.Floor(exponent)) input = Cast(input, DType.Float32);
        if (exponent == 2) return Square(input);
        return Pow(input, Tensor.Scalar(exponent, input.DType));
    }

    private static void RecordPow(GradientTape tape, Tensor result, Tensor x, Tensor y) =>
        tape.Record("Pow", result, [x, y], (grad, inputs) =>
        {
            if (inputs.Needs(0))
            {
                var slope = Multiply(y, Pow(x, Subtract(y, 1.0)));
                inputs.Add(0, SumToShape(Where(Equal(y, 0.0), 0.0, Multiply(grad, slope)), x));
            }
            if (inputs.Needs(1))
            {
                var logX = Where(Greater(x, 0.0), Log(x), 0.0);
                inputs.Add(1, SumToShape(Multiply(grad, Multiply(result, logX)), y));
            }
        });

    /// <summary>
    /// Element-wise maximum with broadcasting; NaN propagates. On ties the whole gradient goes to
    /// <paramref name="a"/> (TensorFlow's rule, which Keras inherits: <c>a ≥ b</c> selects a).
    /// </summary>
    public static Tensor Maximum(Tensor a, Tensor b)
    {
        var result = Arithmetic(a, b, "Maximum", out var x, out var y);
        switch (result.DType)
        {
            case DType.Float32: BinaryKernel.Run<float, MaxOperator<float>>(x, y, result); break;
            case DType.Float64: BinaryKernel.Run<double, MaxOperator<double>>(x, y, result); break;
            case DType.Int32: BinaryKernel.Run<int, MaxOperator<int>>(x, y, result); break;
            case DType.Int64: BinaryKernel.Run<long, MaxOperator<long>>(x, y, result); break;
        }
        if (result.DType.IsFloating() && GradientTape.For(x, y) is { } tape) RecordSelectBetween(tape, "Maximum", result, x, y, firstWins: GreaterEqual);
        return result;
    }

    /// <summary>Element-wise minimum with broadcasting; NaN propagates. Ties send the gradient to <paramref name="a"/> (<c>a ≤ b</c> selects a).</summary>
    public static Tensor Minimum(Tensor a, Tensor b)
    {
        var result = Arithmetic(a, b, "Minimum", out var x, out var y);
        switch (result.DType)
        {
            case DType.Float32: BinaryKernel.Run<float, MinOperator<float>>(x, y, result); break;
            case DType.Float64: BinaryKernel.Run<double, MinOperator<double>>(x, y, result); break;
            case DType.Int32: BinaryKernel.Run<int, MinOperator<int>>(x, y, result); break;
            case DType.Int64: BinaryKernel.Run<long, MinOperator<long>>(x, y, result); break;
        }
        if (result.DType.IsFloating() && GradientTape.For(x, y) is { } tape) RecordSelectBetween(tape, "Minimum", result, x, y, firstWins: LessEqual);
        return result;
    }

    /// <summary>Maximum with a weakly typed scalar (an integer tensor with a fractional scalar computes in float32).</summary>
    public static Tensor Maximum(Tensor a, double b) => Maximum(a, WeakScalar(a, b, "Maximum"));

    /// <summary>Minimum with a weakly typed scalar (an integer tensor with a fractional scalar computes in float32).</summary>
    public static Tensor Minimum(Tensor a, double b) => Minimum(a, WeakScalar(a, b, "Minimum"));

    private static void RecordSelectBetween(GradientTape tape, string op, Tensor result, Tensor a, Tensor b, Func<Tensor, Tensor, Tensor> firstWins) =>
        tape.Record(op, result, [a, b], (grad, inputs) =>
        {
            var mask = firstWins(a, b);
            if (inputs.Needs(0)) inputs.Add(0, SumToShape(Where(mask, grad, 0.0), a));
            if (inputs.Needs(1)) inputs.Add(1, SumToShape(Where(mask, 0.0, grad), b));
        });

    /// <summary>
    /// A scalar operand in <paramref name="like"/>'s dtype when that keeps its value; a fractional value next to an
    /// integer tensor becomes float32, as Keras promotes <c>int + float</c>.
    /// </summary>
    private static Tensor WeakScalar(Tensor like, double value, string op)
    {
        CheckNotNull(like, op, "a");
        var dtype = like.DType switch
        {
            DType.Int32 when value == Math.Floor(value) && value >= int.MinValue && value <= int.MaxValue => DType.Int32,
            DType.Int64 when value == Math.Floor(value) && value >= long.MinValue && value < 9.2233720368547758e18 => DType.Int64,
            DType.Float32 or DType.Float64 => like.DType,
            _ => DType.Float32,
        };
        return Tensor.Scalar(value, dtype);
    }
}
