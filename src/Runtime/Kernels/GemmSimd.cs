using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Layers;

/// <summary>
/// The handful of vector operations the GEMM kernels need, over a vector type <typeparamref name="TVec"/>
/// of <typeparamref name="T"/>. The kernels are written once against this and instantiated with
/// <see cref="Vector512{T}"/>, <see cref="Vector256{T}"/> or a bare scalar, so every instruction-set
/// path runs the same source (and tests can force each one). Implementations are structs, so the JIT
/// specializes and inlines every call: no interface dispatch survives in the hot loops.
/// </summary>
internal unsafe interface IGemmSimd<T, TVec>
    where T : unmanaged, INumber<T>
    where TVec : unmanaged
{
    /// <summary>Lanes per vector.</summary>
    static abstract int Count { get; }

    /// <summary>True when packing may transpose float32 blocks in registers (<see cref="GemmTransposePacking"/>).</summary>
    static abstract bool TransposesInRegisters { get; }

    static abstract TVec Zero { get; }

    static abstract TVec Load(T* source);

    static abstract void Store(T* destination, TVec value);

    /// <summary>All lanes set to <c>*source</c>; a memory operand lets the JIT fold it into the FMA as an embedded broadcast.</summary>
    static abstract TVec Broadcast(T* source);

    /// <summary><c>a·b + c</c>, fused where the hardware can.</summary>
    static abstract TVec MultiplyAdd(TVec a, TVec b, TVec c);

    static abstract TVec Add(TVec a, TVec b);

    /// <summary>Sum of the lanes.</summary>
    static abstract T Sum(TVec value);
}

internal readonly unsafe struct Simd512<T> : IGemmSimd<T, Vector512<T>> where T : unmanaged, INumber<T>
{
    public static int Count => Vector512<T>.Count;

    public static bool TransposesInRegisters => GemmTransposePacking.IsSupported;

    public static Vector512<T> Zero => Vector512<T>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Load(T* source) => Vector512.Load(source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(T* destination, Vector512<T> value) => Vector512.Store(value, destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Broadcast(T* source) => Vector512.Create(*source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> MultiplyAdd(Vector512<T> a, Vector512<T> b, Vector512<T> c)
    {
        // Only float and double reach here; the type tests fold away per instantiation.
        if (typeof(T) == typeof(float))
            return Vector512.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        if (typeof(T) == typeof(double))
            return Vector512.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
        return a * b + c;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Add(Vector512<T> a, Vector512<T> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sum(Vector512<T> value) => Vector512.Sum(value);
}

internal readonly unsafe struct Simd256<T> : IGemmSimd<T, Vector256<T>> where T : unmanaged, INumber<T>
{
    public static int Count => Vector256<T>.Count;

    public static bool TransposesInRegisters => false;

    public static Vector256<T> Zero => Vector256<T>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Load(T* source) => Vector256.Load(source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(T* destination, Vector256<T> value) => Vector256.Store(value, destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Broadcast(T* source) => Vector256.Create(*source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> MultiplyAdd(Vector256<T> a, Vector256<T> b, Vector256<T> c)
    {
        if (typeof(T) == typeof(float))
            return Vector256.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        if (typeof(T) == typeof(double))
            return Vector256.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
        return a * b + c;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Add(Vector256<T> a, Vector256<T> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sum(Vector256<T> value) => Vector256.Sum(value);
}

/// <summary>One lane: the portable path for machines without usable vector hardware.</summary>
internal readonly unsafe struct SimdScalar<T> : IGemmSimd<T, T> where T : unmanaged, INumber<T>
{
    public static int Count => 1;

    public static bool TransposesInRegisters => false;

    public static T Zero => T.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Load(T* source) => *source;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(T* destination, T value) => *destination = value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Broadcast(T* source) => *source;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T MultiplyAdd(T a, T b, T c) => a * b + c;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Add(T a, T b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sum(T value) => value;
}
