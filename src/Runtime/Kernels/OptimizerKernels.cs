using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Layers;

/// <summary>
/// In-place parameter updates. Each optimizer's step is one fused pass over the variable and its
/// slots — reading every array once matters more than arithmetic for these memory-bound loops.
/// </summary>
internal static class OptimizerKernels
{
    /// <summary><b>In place:</b> <c>x *= factor</c>.</summary>
    public static void ScaleInPlace(Tensor x, double factor)
    {
        switch (x.DType)
        {
            case DType.Float32: TensorPrimitives.Multiply(x.Span<float>(), (float)factor, x.Span<float>()); break;
            case DType.Float64: TensorPrimitives.Multiply(x.Span<double>(), factor, x.Span<double>()); break;
            default: throw new InvalidOperationException($"Only float variables can be optimized; got {x.DType.Name()}.");
        }
    }

    /// <summary><b>In place:</b> <c>x += alpha · y</c>.</summary>
    public static void AxpyInPlace(Tensor x, double alpha, Tensor y)
    {
        switch (x.DType)
        {
            case DType.Float32: TensorPrimitives.MultiplyAdd(y.Span<float>(), (float)alpha, x.Span<float>(), x.Span<float>()); break;
            case DType.Float64: TensorPrimitives.MultiplyAdd(y.Span<double>(), alpha, x.Span<double>(), x.Span<double>()); break;
            default: throw new InvalidOperationException($"Only float variables can be optimized; got {x.DType.Name()}.");
        }
    }

    /// <summary>
    /// Keras 3 SGD with momentum, in place: <c>m = momentum·m − lr·g</c>; then <c>w += m</c>, or with
    /// Nesterov <c>w += momentum·m − lr·g</c>.
    /// </summary>
    public static void SgdMomentum(Tensor w, Tensor m, Tensor g, double lr, double momentum, bool nesterov)
    {
        if (w.DType == DType.Float32) SgdMomentum<float>(w.Span<float>(), m.Span<float>(), g.Span<float>(), (float)lr, (float)momentum, nesterov);
        else SgdMomentum<double>(w.Span<double>(), m.Span<double>(), g.Span<double>(), lr, momentum, nesterov);
    }

    private static void SgdMomentum<T>(Span<T> w, Span<T> m, ReadOnlySpan<T> g, T lr, T momentum, bool nesterov)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        if (Vector512.IsHardwareAccelerated && w.Length >= Vector512<T>.Count)
        {
            ref T wr = ref MemoryMarshal.GetReference(w);
            ref T mr = ref MemoryMarshal.GetReference(m);
            ref T gr = ref MemoryMarshal.GetReference(g);
            var vlr = Vector512.Create(lr);
            var vmom = Vector512.Create(momentum);
            for (; i <= w.Length - Vector512<T>.Count; i += Vector512<T>.Count)
            {
                var step = Vector512.LoadUnsafe(ref gr, (nuint)i) * vlr;
                var mNew = Vector512.LoadUnsafe(ref mr, (nuint)i) * vmom - step;
                mNew.StoreUnsafe(ref mr, (nuint)i);
                var delta = nesterov ? mNew * vmom - step : mNew;
                (Vector512.LoadUnsafe(ref wr, (nuint)i) + delta).StoreUnsafe(ref wr, (nuint)i);
            }
        }
        for (; i < w.Length; i++)
        {
            T step = g[i] * lr;
            m[i] = m[i] * momentum - step;
            w[i] += nesterov ? m[i] * momentum - step : m[i];
        }
    }

    /// <summary>
    /// Keras 3 Adam, in place: <c>m += (g − m)(1 − β₁)</c>, <c>v += (g² − v)(1 − β₂)</c>,
    /// [AMSGrad: <c>v̂ = max(v̂, v)</c>], <c>w −= alpha · m / (√v + ε)</c> with
    /// <c>alpha = lr·√(1 − β₂ᵗ)/(1 − β₁ᵗ)</c> computed by the caller.
    /// </summary>
    public static void Adam(Tensor w, Tensor m, Tensor v, Tensor? vHat, Tensor g, double alpha, double beta1, double beta2, double epsilon)
    {
        if (w.DType == DType.Float32)
            Adam<float>(w.Span<float>(), m.Span<float>(), v.Span<float>(), vHat is null ? default : vHat.Span<float>(), vHat is not null,
                g.Span<float>(), (float)alpha, (float)beta1, (float)beta2, (float)epsilon);
        else
            Adam<double>(w.Span<double>(), m.Span<double>(), v.Span<double>(), vHat is null ? default : vHat.Span<double>(), vHat is not null,
                g.Span<double>(), alpha, beta1, beta2, epsilon);
    }

    private static void Adam<T>(Span<T> w, Span<T> m, Span<T> v, Span<T> vHat, bool amsgrad, ReadOnlySpan<T> g, T alpha, T beta1, T beta2, T epsilon)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T oneMinusBeta1 = T.One - beta1;
        T oneMinusBeta2 = T.One - beta2;
        int i = 0;
        if (Vector512.IsHardwareAccelerated && !amsgrad && w.Length >= Vector512<T>.Count)
        {
            ref T wr = ref MemoryMarshal.GetReference(w);
            ref T mr = ref MemoryMarshal.GetReference(m);
            ref T vr = ref MemoryMarshal.GetReference(v);
            ref T gr = ref MemoryMarshal.GetReference(g);
            var b1 = Vector512.Create(oneMinusBeta1);
            var b2 = Vector512.Create(oneMinusBeta2);
            var a = Vector512.Create(alpha);
            var eps = Vector512.Create(epsilon);
            for (; i <= w.Length - Vector512<T>.Count; i += Vector512<T>.Count)
            {
                var gv = Vector512.LoadUnsafe(ref gr, (nuint)i);
                var mv = Vector512.LoadUnsafe(ref mr, (nuint)i);
                var vv = Vector512.LoadUnsafe(ref vr, (nuint)i);
                mv += (gv - mv) * b1;
                vv += (gv * gv - vv) * b2;
                mv.StoreUnsafe(ref mr, (nuint)i);
                vv.StoreUnsafe(ref vr, (nuint)i);
                var update = a * mv / (Vector512.Sqrt(vv) + eps);
                (Vector512.LoadUnsafe(ref wr, (nuint)i) - update).StoreUnsafe(ref wr, (nuint)i);
            }
        }
        for (; i < w.Length; i++)
        {
            m[i] += (g[i] - m[i]) * oneMinusBeta1;
            v[i] += (g[i] * g[i] - v[i]) * oneMinusBeta2;
            T denominator = v[i];
            if (amsgrad)
            {
                vHat[i] = T.Max(vHat[i], v[i]);
                denominator = vHat[i];
            }
            w[i] -= alpha * m[i] / (T.Sqrt(denominator) + epsilon);
        }
    }

    /// <summary>The Euclidean norm, accumulated in double so large gradients do not lose precision.</summary>
    public static double L2Norm(Tensor x)
    {
        double sum = 0;
        if (x.DType == DType.Float32)
        {
            ReadOnlySpan<float> s = x.Span<float>();
            const int block = 4096;
            for (int i = 0; i < s.Length; i += block)
                sum += TensorPrimitives.SumOfSquares(s.Slice(i, Math.Min(block, s.Length - i)));
        }
        else
        {
            sum = TensorPrimitives.SumOfSquares(x.Span<double>());
        }
        return Math.Sqrt(sum);
    }

}
