namespace Layers;

public static partial class Ops
{
    /// <summary>Element-wise <c>a + b</c> with NumPy broadcasting.</summary>
    public static Tensor Add(Tensor a, Tensor b)
    {
        var result = Arithmetic(a, b, "Add", out var x, out var y);
        switch (result.DType)
        {
            case DType.Float32: BinaryKernel.Run<float, AddOperator<float>>(x, y, result); break;
            case DType.Float64: BinaryKernel.Run<double, AddOperator<double>>(x, y, result); break;
            case DType.Int32: BinaryKernel.Run<int, AddOperator<int>>(x, y, result); break;
            case DType.Int64: BinaryKernel.Run<long, AddOperator<long>>(x, y, result); break;
        }
        if (GradientTape.For(x, y) is { } tape) RecordAdd(tape, result, x, y);
        return result;
    }

    private static void RecordAdd(GradientTape tape, Tensor result, Tensor a, Tensor b) =>
        tape.Record("Add", result, [a, b], (grad, inputs) =>
        {
            if (inputs.Needs(0)) inputs.Add(0, SumToShape(grad, a));
            if (inputs.Needs(1)) inputs.Add(1, SumToShape(grad, b));
        });

    /// <summary>Element-wise <c>a - b</c> with NumPy broadcasting.</summary>
    public static Tensor Subtract(Tensor a, Tensor b)
    {
        var result = Arithmetic(a, b, "Subtract", out var x, out var y);
        switch (result.DType)
        {
            case DType.Float32: BinaryKernel.Run<float, SubtractOperator<float>>(x, y, result); break;
            case DType.Float64: BinaryKernel.Run<double, SubtractOperator<double>>(x, y, result); break;
            case DType.Int32: BinaryKernel.Run<int, SubtractOperator<int>>(x, y, result); break;
            case DType.Int64: BinaryKernel.Run<long, SubtractOperator<long>>(x, y, result); break;
        }
        if (GradientTape.For(x, y) is { } tape) RecordSubtract(tape, result, x, y);
        return result;
    }

    private static void RecordSubtract(GradientTape tape, Tensor result, Tensor a, Tensor b) =>
        tape.Record("Subtract", result, [a, b], (grad, inputs) =>
        {
            if (inputs.Needs(0)) inputs.Add(0, SumToShape(grad, a));
            if (inputs.Needs(1)) inputs.Add(1, SumToShape(Negate(grad), b));
        });

    /// <summary>Element-wise <c>a * b</c> with NumPy broadcasting.</summary>
    public static Tensor Multiply(Tensor a, Tensor b)
    {
        var result = Arithmetic(a, b, "Multiply", out var x, out var y);
        switch (result.DType)
        {
            case DType.Float32: BinaryKernel.Run<float, MultiplyOperator<float>>(x, y, result); break;
            case DType.Float64: BinaryKernel.Run<double, MultiplyOperator<double>>(x, y, result); break;
            case DType.Int32: BinaryKernel.Run<int, MultiplyOperator<int>>(x, y, result); break;
            case DType.Int64: BinaryKernel.Run<long, MultiplyOperator<long>>(x, y, result); break;
        }
        if (GradientTape.For(x, y) is { } tape) RecordMultiply(tape, result, x, y);
        return result;
    }

    private static void RecordMultiply(GradientTape tape, Tensor result, Tensor a, Tensor b) =>
        tape.Record("Multiply", result, [a, b], (grad, inputs) =>
        {
            if (inputs.Needs(0)) inputs.Add(0, SumToShape(Multiply(grad, b), a));
            if (inputs.Needs(1)) inputs.Add(1, SumToShape(Multiply(grad, a), b));
        });

    /// <summary>Element-wise <c>a / b</c> with NumPy broadcasting. Integer division truncates.</summary>
    public static Tensor Divide(Tensor a, Tensor b)
    {
        var result = Arithmetic(a, b, "Divide", out var x, out var y);
        switch (result.DType)
        {
            case DType.Float32: BinaryKernel.Run<float, DivideOperator<float>>(x, y, result); break;
            case DType.Float64: BinaryKernel.Run<double, DivideOperator<double>>(x, y, result); break;
            case DType.Int32: BinaryKernel.Run<int, DivideOperator<int>>(x, y, result); break;
            case DType.Int64: BinaryKernel.Run<long, DivideOperator<long>>(x, y, result); break;
        }
        if (GradientTape.For(x, y) is { } tape) RecordDivide(tape, result, x, y);
        return result;
    }

    private static void RecordDivide(GradientTape tape, Tensor result, Tensor a, Tensor b) =>
        tape.Record("Divide", result, [a, b], (grad, inputs) =>
        {
            // d(a/b)/da = 1/b, d(a/b)/db = -a/b² = -result/b.
            if (inputs.Needs(0)) inputs.Add(0, SumToShape(Divide(grad, b), a));
            if (inputs.Needs(1)) inputs.Add(1, SumToShape(Negate(Divide(Multiply(grad, result), b)), b));
        });

    /// <summary>Adds a scalar; the tensor's dtype is kept (a weakly typed scalar, as in NumPy and Keras).</summary>
    public static Tensor Add(Tensor a, double b) => Add(a, ScalarLike(a, b, "Add"));

    public static Tensor Subtract(Tensor a, double b) => Subtract(a, ScalarLike(a, b, "Subtract"));

    public static Tensor Subtract(double a, Tensor b) => Subtract(ScalarLike(b, a, "Subtract"), b);

    public static Tensor Multiply(Tensor a, double b) => Multiply(a, ScalarLike(a, b, "Multiply"));

    public static Tensor Divide(Tensor a, double b) => Divide(a, ScalarLike(a, b, "Divide"));

    public static Tensor Divide(double a, Tensor b) => Divide(ScalarLike(b, a, "Divide"), b);

    /// <summary>
    /// A weakly typed scalar operand (NumPy 2 / Keras 3): it takes <paramref name="like"/>'s dtype, except that a
    /// fractional value next to an integer or bool tensor is float32, so <c>int_tensor + 0.5</c> is float32.
    /// </summary>
    private static Tensor ScalarLike(Tensor like, double value, string op)
    {
        CheckNotNull(like, op, "tensor");
        bool integral = value == Math.Floor(value) && Math.Abs(value) <= long.MaxValue;
        var dtype = like.DType switch
        {
            DType.Bool => DType.Float32,
            DType.Int32 or DType.Int64 when !integral => DType.Float32,
            var d => d,
        };
        return Tensor.Scalar(value, dtype);
    }

    /// <summary>
    /// Validates the operands of an arithmetic op, promotes them to a common dtype and allocates the
    /// broadcast result.
    /// </summary>
    private static Tensor Arithmetic(Tensor a, Tensor b, string op, out Tensor x, out Tensor y)
    {
        CheckNotNull(a, op, "a");
        CheckNotNull(b, op, "b");
        if (a.DType == DType.Bool || b.DType == DType.Bool)
            throw new ArgumentException(
                $"{op}: bool tensors do not support arithmetic (got {a.DType.Name()} {a.Shape} and {b.DType.Name()} {b.Shape}); cast to a numeric dtype first.");
        var shape = Broadcasting.ResultShape(a.Shape, b.Shape, op);
        var dtype = DTypes.Promote(a.DType, b.DType);
        x = a.DType == dtype ? a : Cast(a, dtype);
        y = b.DType == dtype ? b : Cast(b, dtype);
        return Tensor.Allocate(shape, dtype);
    }

    /// <summary>
    /// Sums <paramref name="grad"/> (of a broadcast result's shape) down to <paramref name="input"/>'s shape
    /// and dtype: the adjoint of broadcasting.
    /// </summary>
    internal static Tensor SumToShape(Tensor grad, Tensor input)
    {
        var target = input.Shape;
        Tensor reduced;
        if (grad.Shape == target)
        {
            reduced = grad;
        }
        else
        {
            reduced = Tensor.Allocate(target, grad.DType, clear: true);
            switch (grad.DType)
            {
                case DType.Float32: ReduceKernel.SumInto<float>(grad, reduced); break;
                case DType.Float64: ReduceKernel.SumInto<double>(grad, reduced); break;
                default: throw new InvalidOperationException($"Gradients must be floating point; got {grad.DType.Name()}.");
            }
        }
        return reduced.DType == input.DType ? reduced : Cast(reduced, input.DType);
    }
}
