using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Layers;

/// <summary>
/// An element-wise function of one vector. Operators are structs (possibly carrying parameters such as
/// ELU's alpha) so the kernel's generic instantiation inlines them.
/// </summary>
internal interface IUnaryOperator<T> where T : unmanaged
{
    Vector<T> Invoke(Vector<T> x);
}

/// <summary>An element-wise function of two same-length vectors, e.g. a backward rule <c>(upstream, saved) → input gradient</c>.</summary>
internal interface IPairOperator<T> where T : unmanaged
{
    Vector<T> Invoke(Vector<T> a, Vector<T> b);
}

/// <summary>
/// Runs vector operators over spans. The ragged tail goes through the same vector code on a zero-padded
/// copy, so every element gets bit-identical numerics wherever it sits and no operator needs a scalar twin.
/// </summary>
internal static class UnaryKernel
{
    public static void Map<T, TOperator>(TOperator op, ReadOnlySpan<T> x, Span<T> destination)
        where T : unmanaged
        where TOperator : struct, IUnaryOperator<T>
    {
        ref T source = ref MemoryMarshal.GetReference(x);
        ref T target = ref MemoryMarshal.GetReference(destination);
        int n = x.Length;
        int width = Vector<T>.Count;
        int i = 0;
        // Two independent vectors per iteration hide the latency of the longer operators (exp, divide).
        for (; i <= n - 2 * width; i += 2 * width)
        {
            var a = op.Invoke(Vector.LoadUnsafe(ref source, (nuint)i));
            var b = op.Invoke(Vector.LoadUnsafe(ref source, (nuint)(i + width)));
            a.StoreUnsafe(ref target, (nuint)i);
            b.StoreUnsafe(ref target, (nuint)(i + width));
        }
        for (; i <= n - width; i += width)
            op.Invoke(Vector.LoadUnsafe(ref source, (nuint)i)).StoreUnsafe(ref target, (nuint)i);
        if (i < n) MapTail(op, x[i..], destination[i..]);
    }

    public static void Map<T, TOperator>(TOperator op, ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> destination)
        where T : unmanaged
        where TOperator : struct, IPairOperator<T>
    {
        ref T first = ref MemoryMarshal.GetReference(a);
        ref T second = ref MemoryMarshal.GetReference(b);
        ref T target = ref MemoryMarshal.GetReference(destination);
        int n = a.Length;
        int width = Vector<T>.Count;
        int i = 0;
        for (; i <= n - width; i += width)
            op.Invoke(Vector.LoadUnsafe(ref first, (nuint)i), Vector.LoadUnsafe(ref second, (nuint)i))
                .StoreUnsafe(ref target, (nuint)i);
        if (i < n) MapTail(op, a[i..], b[i..], destination[i..]);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void MapTail<T, TOperator>(TOperator op, ReadOnlySpan<T> x, Span<T> destination)
        where T : unmanaged
        where TOperator : struct, IUnaryOperator<T>
    {
        Span<T> buffer = stackalloc T[Vector<T>.Count];
        buffer.Clear();
        x.CopyTo(buffer);
        op.Invoke(new Vector<T>(buffer)).CopyTo(buffer);
        buffer[..x.Length].CopyTo(destination);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void MapTail<T, TOperator>(TOperator op, ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> destination)
        where T : unmanaged
        where TOperator : struct, IPairOperator<T>
    {
        Span<T> first = stackalloc T[Vector<T>.Count];
        Span<T> second = stackalloc T[Vector<T>.Count];
        first.Clear();
        second.Clear();
        a.CopyTo(first);
        b.CopyTo(second);
        op.Invoke(new Vector<T>(first), new Vector<T>(second)).CopyTo(first);
        first[..a.Length].CopyTo(destination);
    }
}

/// <summary>eˣ through <see cref="VectorMath.Exp{T}"/> (the float32 one is exact at 0).</summary>
internal readonly struct ExpOperator<T> : IUnaryOperator<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public Vector<T> Invoke(Vector<T> x) => VectorMath.Exp(x);

    /// <summary>eˣ over a span: the float32 kernel above, <c>TensorPrimitives.Exp</c> for float64 (exact at 0, 512-bit).</summary>
    public static void Run(ReadOnlySpan<T> x, Span<T> destination)
    {
        if (typeof(T) == typeof(double)) System.Numerics.Tensors.TensorPrimitives.Exp(x, destination);
        else UnaryKernel.Map(default(ExpOperator<T>), x, destination);
    }
}

internal readonly struct AbsOperator<T> : IUnaryOperator<T> where T : unmanaged, INumber<T>
{
    // Integer abs wraps at MinValue as NumPy's does (TensorPrimitives.Abs throws there instead).
    public Vector<T> Invoke(Vector<T> x) => Vector.Abs(x);
}

internal readonly struct SquareOperator<T> : IUnaryOperator<T> where T : unmanaged, INumber<T>
{
    public Vector<T> Invoke(Vector<T> x) => x * x;
}

internal readonly struct SignOperator<T> : IUnaryOperator<T> where T : unmanaged, INumber<T>
{
    // Zeros and NaN map to themselves (NumPy: sign(nan) = nan).
    public Vector<T> Invoke(Vector<T> x) =>
        Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<T>.Zero), Vector<T>.One,
            Vector.ConditionalSelect(Vector.LessThan(x, Vector<T>.Zero), -Vector<T>.One, x));
}

/// <summary><c>min(max(x, low), high)</c>; NaN stays NaN.</summary>
internal readonly struct ClipOperator<T>(T low, T high) : IUnaryOperator<T> where T : unmanaged, INumber<T>
{
    private readonly Vector<T> _low = new(low);
    private readonly Vector<T> _high = new(high);

    public Vector<T> Invoke(Vector<T> x) => Vector.Min(Vector.Max(x, _low), _high);
}

/// <summary>Gradient of <see cref="ClipOperator{T}"/> given <c>(upstream, x)</c>: passes where <c>low ≤ x ≤ high</c>, bounds included (TF's rule).</summary>
internal readonly struct ClipGradOperator<T>(T low, T high) : IPairOperator<T> where T : unmanaged, INumber<T>
{
    private readonly Vector<T> _low = new(low);
    private readonly Vector<T> _high = new(high);

    public Vector<T> Invoke(Vector<T> grad, Vector<T> x) =>
        Vector.ConditionalSelect(
            Vector.BitwiseAnd(Vector.GreaterThanOrEqual(x, _low), Vector.LessThanOrEqual(x, _high)), grad, Vector<T>.Zero);
}

/// <summary><c>upstream · sign(x)</c>, 0 at x = 0 (TF's abs gradient).</summary>
internal readonly struct AbsGradOperator<T> : IPairOperator<T> where T : unmanaged, INumber<T>
{
    public Vector<T> Invoke(Vector<T> grad, Vector<T> x) => grad * default(SignOperator<T>).Invoke(x);
}

/// <summary><c>upstream · 2x</c>.</summary>
internal readonly struct SquareGradOperator<T> : IPairOperator<T> where T : unmanaged, INumber<T>
{
    public Vector<T> Invoke(Vector<T> grad, Vector<T> x) => grad * (x + x);
}

/// <summary><c>upstream · y</c> (the gradient of exp from its output).</summary>
internal readonly struct MultiplyPairOperator<T> : IPairOperator<T> where T : unmanaged, INumber<T>
{
    public Vector<T> Invoke(Vector<T> grad, Vector<T> y) => grad * y;
}

/// <summary><c>upstream / x</c> (the gradient of log).</summary>
internal readonly struct DividePairOperator<T> : IPairOperator<T> where T : unmanaged, INumber<T>
{
    public Vector<T> Invoke(Vector<T> grad, Vector<T> x) => grad / x;
}

/// <summary><c>upstream · 0.5 / y</c> (the gradient of sqrt from its output).</summary>
internal readonly struct SqrtGradOperator<T> : IPairOperator<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public Vector<T> Invoke(Vector<T> grad, Vector<T> y) => VectorMath.Constant<T>(0.5) * grad / y;
}

/// <summary><c>upstream · -0.5 · y³</c> (the gradient of 1/sqrt from its output).</summary>
internal readonly struct RsqrtGradOperator<T> : IPairOperator<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public Vector<T> Invoke(Vector<T> grad, Vector<T> y) => VectorMath.Constant<T>(-0.5) * grad * (y * y * y);
}
