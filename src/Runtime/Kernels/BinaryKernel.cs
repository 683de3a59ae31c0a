using System.Numerics;
using System.Numerics.Tensors;

namespace Layers;

/// <summary>A vectorized element-wise binary operator over spans, in its three broadcast forms.</summary>
internal interface IBinaryOperator<T> where T : unmanaged
{
    static abstract void Invoke(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination);
    static abstract void Invoke(ReadOnlySpan<T> x, T y, Span<T> destination);
    static abstract void Invoke(T x, ReadOnlySpan<T> y, Span<T> destination);
}

internal readonly struct AddOperator<T> : IBinaryOperator<T> where T : unmanaged, INumber<T>
{
    public static void Invoke(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) => TensorPrimitives.Add(x, y, d);
    public static void Invoke(ReadOnlySpan<T> x, T y, Span<T> d) => TensorPrimitives.Add(x, y, d);
    public static void Invoke(T x, ReadOnlySpan<T> y, Span<T> d) => TensorPrimitives.Add(y, x, d);
}

internal readonly struct SubtractOperator<T> : IBinaryOperator<T> where T : unmanaged, INumber<T>
{
    public static void Invoke(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) => TensorPrimitives.Subtract(x, y, d);
    public static void Invoke(ReadOnlySpan<T> x, T y, Span<T> d) => TensorPrimitives.Subtract(x, y, d);
    public static void Invoke(T x, ReadOnlySpan<T> y, Span<T> d) => TensorPrimitives.Subtract(x, y, d);
}

internal readonly struct MultiplyOperator<T> : IBinaryOperator<T> where T : unmanaged, INumber<T>
{
    public static void Invoke(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) => TensorPrimitives.Multiply(x, y, d);
    public static void Invoke(ReadOnlySpan<T> x, T y, Span<T> d) => TensorPrimitives.Multiply(x, y, d);
    public static void Invoke(T x, ReadOnlySpan<T> y, Span<T> d) => TensorPrimitives.Multiply(y, x, d);
}

internal readonly struct DivideOperator<T> : IBinaryOperator<T> where T : unmanaged, INumber<T>
{
    public static void Invoke(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) => TensorPrimitives.Divide(x, y, d);
    public static void Invoke(ReadOnlySpan<T> x, T y, Span<T> d) => TensorPrimitives.Divide(x, y, d);
    public static void Invoke(T x, ReadOnlySpan<T> y, Span<T> d) => TensorPrimitives.Divide(x, y, d);
}

/// <summary>Runs an <see cref="IBinaryOperator{T}"/> over two broadcast operands.</summary>
internal static class BinaryKernel
{
    public static void Run<T, TOperator>(Tensor a, Tensor b, Tensor result)
        where T : unmanaged
        where TOperator : IBinaryOperator<T>
    {
        ReadOnlySpan<T> x = a.Span<T>();
        ReadOnlySpan<T> y = b.Span<T>();
        Span<T> d = result.Span<T>();
        if (a.Size == d.Length && b.Size == d.Length)
        {
            TOperator.Invoke(x, y, d);
            return;
        }
        if (b.Size == 1 && a.Size == d.Length)
        {
            TOperator.Invoke(x, y[0], d);
            return;
        }
        if (a.Size == 1 && b.Size == d.Length)
        {
            TOperator.Invoke(x[0], y, d);
            return;
        }

        var plan = new Broadcasting.Plan(result.Shape,
            Broadcasting.StridesIn(a.Shape, result.Shape), Broadcasting.StridesIn(b.Shape, result.Shape));
        int inner = plan.Inner;
        int outer = plan.Outer;
        int strideA = plan.InnerStrideA;
        int strideB = plan.InnerStrideB;
        for (int run = 0; run < outer; run++)
        {
            plan.Offsets(run, out int offsetA, out int offsetB);
            var dRun = d.Slice(run * inner, inner);
            switch (strideA, strideB)
            {
                case (1, 1): TOperator.Invoke(x.Slice(offsetA, inner), y.Slice(offsetB, inner), dRun); break;
                case (1, 0): TOperator.Invoke(x.Slice(offsetA, inner), y[offsetB], dRun); break;
                case (0, 1): TOperator.Invoke(x[offsetA], y.Slice(offsetB, inner), dRun); break;
                default:
                    // Both constant along the merged inner axis: one value repeated.
                    TOperator.Invoke(x.Slice(offsetA, 1), y.Slice(offsetB, 1), dRun[..1]);
                    dRun.Fill(dRun[0]);
                    break;
            }
        }
    }
}
