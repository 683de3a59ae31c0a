using System.Runtime.InteropServices;

namespace Layers;

public static partial class Ops
{
    /// <summary>Element-wise <c>a == b</c> with NumPy broadcasting, as a bool tensor. Operands are promoted to a common dtype first.</summary>
    public static Tensor Equal(Tensor a, Tensor b) => Compare<EqualComparison>(a, b, "Equal");

    /// <summary>Element-wise <c>a != b</c> (true where either is NaN).</summary>
    public static Tensor NotEqual(Tensor a, Tensor b) => Compare<NotEqualComparison>(a, b, "NotEqual");

    /// <summary>Element-wise <c>a &lt; b</c> (false where either is NaN).</summary>
    public static Tensor Less(Tensor a, Tensor b) => Compare<LessComparison>(a, b, "Less");

    /// <summary>Element-wise <c>a &lt;= b</c>.</summary>
    public static Tensor LessEqual(Tensor a, Tensor b) => Compare<LessEqualComparison>(a, b, "LessEqual");

    /// <summary>Element-wise <c>a &gt; b</c>.</summary>
    public static Tensor Greater(Tensor a, Tensor b) => Compare<GreaterComparison>(a, b, "Greater");

    /// <summary>Element-wise <c>a &gt;= b</c>.</summary>
    public static Tensor GreaterEqual(Tensor a, Tensor b) => Compare<GreaterEqualComparison>(a, b, "GreaterEqual");

    /// <summary>Compares with a weakly typed scalar: it takes the tensor's dtype unless that would change its value (2.5 against an int tensor compares in float64).</summary>
    public static Tensor Equal(Tensor a, double b) => Equal(a, ComparisonScalar(a, b, "Equal"));

    public static Tensor NotEqual(Tensor a, double b) => NotEqual(a, ComparisonScalar(a, b, "NotEqual"));

    public static Tensor Less(Tensor a, double b) => Less(a, ComparisonScalar(a, b, "Less"));

    public static Tensor LessEqual(Tensor a, double b) => LessEqual(a, ComparisonScalar(a, b, "LessEqual"));

    public static Tensor Greater(Tensor a, double b) => Greater(a, ComparisonScalar(a, b, "Greater"));

    public static Tensor GreaterEqual(Tensor a, double b) => GreaterEqual(a, ComparisonScalar(a, b, "GreaterEqual"));

    private static Tensor Compare<TComparison>(Tensor a, Tensor b, string op) where TComparison : IComparison
    {
        CheckNotNull(a, op, "a");
        CheckNotNull(b, op, "b");
        var shape = Broadcasting.ResultShape(a.Shape, b.Shape, op);
        var dtype = DTypes.Promote(a.DType, b.DType);
        var x = a.DType == dtype ? a : Cast(a, dtype);
        var y = b.DType == dtype ? b : Cast(b, dtype);
        var result = Tensor.Allocate(shape, DType.Bool);
        var destination = Bytes(result);
        switch (dtype)
        {
            case DType.Float32: CompareKernel.Run<float, byte, CompareOperator<float, TComparison>>(x.Span<float>(), x.Shape, y.Span<float>(), y.Shape, destination, shape); break;
            case DType.Float64: CompareKernel.Run<double, byte, CompareOperator<double, TComparison>>(x.Span<double>(), x.Shape, y.Span<double>(), y.Shape, destination, shape); break;
            case DType.Int32: CompareKernel.Run<int, byte, CompareOperator<int, TComparison>>(x.Span<int>(), x.Shape, y.Span<int>(), y.Shape, destination, shape); break;
            case DType.Int64: CompareKernel.Run<long, byte, CompareOperator<long, TComparison>>(x.Span<long>(), x.Shape, y.Span<long>(), y.Shape, destination, shape); break;
            case DType.Bool: CompareKernel.Run<byte, byte, CompareOperator<byte, TComparison>>(Bytes(x), x.Shape, Bytes(y), y.Shape, destination, shape); break;
        }
        return result;
    }

    private static Tensor ComparisonScalar(Tensor like, double value, string op)
    {
        CheckNotNull(like, op, "a");
        bool representable = like.DType switch
        {
            DType.Float32 or DType.Float64 => true,
            DType.Int32 => value == Math.Floor(value) && value >= int.MinValue && value <= int.MaxValue,
            DType.Int64 => value == Math.Floor(value) && value >= long.MinValue && value < 9.2233720368547758e18,
            _ => false,
        };
        return Tensor.Scalar(value, representable ? like.DType : DType.Float64);
    }

    /// <summary>
    /// Element-wise <c>condition ? x : y</c>, all three broadcast together (Keras' <c>ops.where</c> with both
    /// branches). A non-bool condition counts non-zero as true. <paramref name="x"/> and <paramref name="y"/> are
    /// promoted to a common dtype; the result is differentiable in both (each gets the upstream gradient where it
    /// was chosen, summed back to its shape).
    /// </summary>
    public static Tensor Where(Tensor condition, Tensor x, Tensor y)
    {
        CheckNotNull(condition, "Where", "condition");
        CheckNotNull(x, "Where", "x");
        CheckNotNull(y, "Where", "y");
        var branches = Broadcasting.ResultShape(x.Shape, y.Shape, "Where");
        var shape = Broadcasting.ResultShape(condition.Shape, branches, "Where");
        var mask = condition.DType == DType.Bool ? condition : Cast(condition, DType.Bool);
        var dtype = DTypes.Promote(x.DType, y.DType);
        var a = x.DType == dtype ? x : Cast(x, dtype);
        var b = y.DType == dtype ? y : Cast(y, dtype);
        var result = Tensor.Allocate(shape, dtype);
        var c = Bytes(mask);
        switch (dtype)
        {
            case DType.Float32: CompareKernel.Where(c, mask.Shape, a.AsReadOnlySpan<float>(), a.Shape, b.AsReadOnlySpan<float>(), b.Shape, result.Span<float>(), shape); break;
            case DType.Float64: CompareKernel.Where(c, mask.Shape, a.AsReadOnlySpan<double>(), a.Shape, b.AsReadOnlySpan<double>(), b.Shape, result.Span<double>(), shape); break;
            case DType.Int32: CompareKernel.Where(c, mask.Shape, a.AsReadOnlySpan<int>(), a.Shape, b.AsReadOnlySpan<int>(), b.Shape, result.Span<int>(), shape); break;
            case DType.Int64: CompareKernel.Where(c, mask.Shape, a.AsReadOnlySpan<long>(), a.Shape, b.AsReadOnlySpan<long>(), b.Shape, result.Span<long>(), shape); break;
            case DType.Bool: CompareKernel.Where(c, mask.Shape, Bytes(a), a.Shape, Bytes(b), b.Shape, Bytes(result), shape); break;
        }
        if (dtype.IsFloating() && GradientTape.For(a, b) is { } tape) RecordWhere(tape, result, mask, a, b);
        return result;
    }

    /// <summary><c>condition ? x : y</c> with a weakly typed scalar <paramref name="y"/> (it takes x's dtype).</summary>
    public static Tensor Where(Tensor condition, Tensor x, double y) => Where(condition, x, ScalarLike(x, y, "Where"));

    /// <summary><c>condition ? x : y</c> with a weakly typed scalar <paramref name="x"/> (it takes y's dtype).</summary>
    public static Tensor Where(Tensor condition, double x, Tensor y) => Where(condition, ScalarLike(y, x, "Where"), y);

    private static void RecordWhere(GradientTape tape, Tensor result, Tensor mask, Tensor x, Tensor y) =>
        tape.Record("Where", result, [x, y], (grad, inputs) =>
        {
            if (inputs.Needs(0)) inputs.Add(0, SumToShape(Where(mask, grad, 0.0), x));
            if (inputs.Needs(1)) inputs.Add(1, SumToShape(Where(mask, 0.0, grad), y));
        });

    /// <summary>Element-wise logical and, broadcast; non-bool operands count non-zero as true.</summary>
    public static Tensor LogicalAnd(Tensor a, Tensor b) => Logical<LogicalAndOperator>(a, b, "LogicalAnd");

    /// <summary>Element-wise logical or, broadcast; non-bool operands count non-zero as true.</summary>
    public static Tensor LogicalOr(Tensor a, Tensor b) => Logical<LogicalOrOperator>(a, b, "LogicalOr");

    /// <summary>Element-wise logical not; a non-bool operand counts non-zero as true.</summary>
    public static Tensor LogicalNot(Tensor x)
    {
        CheckNotNull(x, "LogicalNot", "x");
        var input = x.DType == DType.Bool ? x : Cast(x, DType.Bool);
        var result = Tensor.Allocate(input.Shape, DType.Bool);
        System.Numerics.Tensors.TensorPrimitives.Xor(Bytes(input), (byte)1, Bytes(result));
        return result;
    }

    private static Tensor Logical<TOperator>(Tensor a, Tensor b, string op) where TOperator : IMixedBinaryOperator<byte, byte>
    {
        CheckNotNull(a, op, "a");
        CheckNotNull(b, op, "b");
        var shape = Broadcasting.ResultShape(a.Shape, b.Shape, op);
        var x = a.DType == DType.Bool ? a : Cast(a, DType.Bool);
        var y = b.DType == DType.Bool ? b : Cast(b, DType.Bool);
        var result = Tensor.Allocate(shape, DType.Bool);
        CompareKernel.Run<byte, byte, TOperator>(Bytes(x), x.Shape, Bytes(y), y.Shape, Bytes(result), shape);
        return result;
    }

    /// <summary>A bool tensor's storage as bytes that are exactly 0 or 1, for vector kernels.</summary>
    private static Span<byte> Bytes(Tensor boolTensor) => MemoryMarshal.AsBytes(boolTensor.Span<bool>());
}
