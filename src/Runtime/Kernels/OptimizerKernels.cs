using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Layers;

/// <summary>
/// In-place parameter updates. Each optimizer's step is one fused pass over the variable and its
/// slots — reading every array once matters more than arithmetic for these memory-bound loops. Every update
/// takes a weight-decay factor <c>decay</c> (1 for none): the variable is first multiplied by it, in the same
/// pass, which gives the same bits as a separate <see cref="ScaleInPlace"/> before the update.
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

    /// <summary>Keras 3 plain SGD, in place: <c>w = w·decay − g·lr</c>.</summary>
    public static void Sgd(Tensor w, Tensor g, double lr, double decay)
    {
        if (w.DType == DType.Float32) Sgd<float>(w.Span<float>(), g.Span<float>(), (float)lr, (float)decay, decay != 1);
        else Sgd<double>(w.Span<double>(), g.Span<double>(), lr, decay, decay != 1);
    }

    private static void Sgd<T>(Span<T> w, ReadOnlySpan<T> g, T lr, T decay, bool decayed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckLengths(w.Length, g.Length);
        int i = 0;
        if (Vector512.IsHardwareAccelerated && w.Length >= Vector512<T>.Count)
        {
            ref T wr = ref MemoryMarshal.GetReference(w);
            ref T gr = ref MemoryMarshal.GetReference(g);
            var vlr = Vector512.Create(lr);
            var vdecay = Vector512.Create(decay);
            for (; i <= w.Length - Vector512<T>.Count; i += Vector512<T>.Count)
            {
                var wv = Vector512.LoadUnsafe(ref wr, (nuint)i);
                if (decayed) wv *= vdecay;
                (wv - Vector512.LoadUnsafe(ref gr, (nuint)i) * vlr).StoreUnsafe(ref wr, (nuint)i);
            }
        }
        for (; i < w.Length; i++)
        {
            T wi = decayed ? w[i] * decay : w[i];
            w[i] = wi - g[i] * lr;
        }
    }

    /// <summary>
    /// Keras 3 SGD with momentum, in place: <c>m = momentum·m − lr·g</c>; then <c>w += m</c>, or with
    /// Nesterov <c>w += momentum·m − lr·g</c>.
    /// </summary>
    public static void SgdMomentum(Tensor w, Tensor m, Tensor g, double lr, double momentum, bool nesterov, double decay)
    {
        if (w.DType == DType.Float32)
            SgdMomentum<float>(w.Span<float>(), m.Span<float>(), g.Span<float>(), (float)lr, (float)momentum, nesterov, (float)decay, decay != 1);
        else
            SgdMomentum<double>(w.Span<double>(), m.Span<double>(), g.Span<double>(), lr, momentum, nesterov, decay, decay != 1);
    }

    private static void SgdMomentum<T>(Span<T> w, Span<T> m, ReadOnlySpan<T> g, T lr, T momentum, bool nesterov, T decay, bool decayed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckLengths(w.Length, m.Length, g.Length);
        int i = 0;
        if (Vector512.IsHardwareAccelerated && w.Length >= Vector512<T>.Count)
        {
            ref T wr = ref MemoryMarshal.GetReference(w);
            ref T mr = ref MemoryMarshal.GetReference(m);
            ref T gr = ref MemoryMarshal.GetReference(g);
            var vlr = Vector512.Create(lr);
            var vmom = Vector512.Create(momentum);
            var vdecay = Vector512.Create(decay);
            for (; i <= w.Length - Vector512<T>.Count; i += Vector512<T>.Count)
            {
                var step = Vector512.LoadUnsafe(ref gr, (nuint)i) * vlr;
                var mNew = Vector512.LoadUnsafe(ref mr, (nuint)i) * vmom - step;
                mNew.StoreUnsafe(ref mr, (nuint)i);
                var delta = nesterov ? mNew * vmom - step : mNew;
                var wv = Vector512.LoadUnsafe(ref wr, (nuint)i);
                if (decayed) wv *= vdecay;
                (wv + delta).StoreUnsafe(ref wr, (nuint)i);
            }
        }
        for (; i < w.Length; i++)
        {
            T step = g[i] * lr;
            m[i] = m[i] * momentum - step;
            T wi = decayed ? w[i] * decay : w[i];
            w[i] = wi + (nesterov ? m[i] * momentum - step : m[i]);
        }
    }

    /// <summary>
    /// Keras 3 Adam, in place: <c>m += (g − m)(1 − β₁)</c>, <c>v += (g² − v)(1 − β₂)</c>,
    /// [AMSGrad: <c>v̂ = max(v̂, v)</c>, used for v below], <c>w −= m · alpha / (√v + ε)</c> with
    /// <c>alpha = lr·√(1 − β₂ᵗ)/(1 − β₁ᵗ)</c> computed by the caller.
    /// </summary>
    public static void Adam(Tensor w, Tensor m, Tensor v, Tensor? vHat, Tensor g, double alpha, double beta1, double beta2, double epsilon, double decay)
    {
        // 1 − β is formed in double and then rounded, as Keras does (a Python float cast to the variable's dtype).
        if (w.DType == DType.Float32)
            Adam<float>(w.Span<float>(), m.Span<float>(), v.Span<float>(), vHat is null ? default : vHat.Span<float>(), vHat is not null,
                g.Span<float>(), (float)alpha, (float)(1 - beta1), (float)(1 - beta2), (float)epsilon, (float)decay, decay != 1);
        else
            Adam<double>(w.Span<double>(), m.Span<double>(), v.Span<double>(), vHat is null ? default : vHat.Span<double>(), vHat is not null,
                g.Span<double>(), alpha, 1 - beta1, 1 - beta2, epsilon, decay, decay != 1);
    }

    private static void Adam<T>(Span<T> w, Span<T> m, Span<T> v, Span<T> vHat, bool amsgrad, ReadOnlySpan<T> g, T alpha, T oneMinusBeta1, T oneMinusBeta2,
        T epsilon, T decay, bool decayed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckLengths(w.Length, m.Length, v.Length, g.Length);
        if (amsgrad) CheckLengths(w.Length, vHat.Length);
        int i = 0;
        if (Vector512.IsHardwareAccelerated && w.Length >= Vector512<T>.Count)
        {
            ref T wr = ref MemoryMarshal.GetReference(w);
            ref T mr = ref MemoryMarshal.GetReference(m);
            ref T vr = ref MemoryMarshal.GetReference(v);
            ref T hr = ref MemoryMarshal.GetReference(vHat);
            ref T gr = ref MemoryMarshal.GetReference(g);
            var b1 = Vector512.Create(oneMinusBeta1);
            var b2 = Vector512.Create(oneMinusBeta2);
            var a = Vector512.Create(alpha);
            var eps = Vector512.Create(epsilon);
            var vdecay = Vector512.Create(decay);
            for (; i <= w.Length - Vector512<T>.Count; i += Vector512<T>.Count)
            {
                var gv = Vector512.LoadUnsafe(ref gr, (nuint)i);
                var mv = Vector512.LoadUnsafe(ref mr, (nuint)i);
                var vv = Vector512.LoadUnsafe(ref vr, (nuint)i);
                mv += (gv - mv) * b1;
                vv += (gv * gv - vv) * b2;
                mv.StoreUnsafe(ref mr, (nuint)i);
                vv.StoreUnsafe(ref vr, (nuint)i);
                if (amsgrad)
                {
                    vv = Vector512.Max(Vector512.LoadUnsafe(ref hr, (nuint)i), vv);
                    vv.StoreUnsafe(ref hr, (nuint)i);
                }
                var update = mv * a / (Vector512.Sqrt(vv) + eps);
                var wv = Vector512.LoadUnsafe(ref wr, (nuint)i);
                if (decayed) wv *= vdecay;
                (wv - update).StoreUnsafe(ref wr, (nuint)i);
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
            T wi = decayed ? w[i] * decay : w[i];
            w[i] = wi - m[i] * alpha / (T.Sqrt(denominator) + epsilon);
        }
    }

    /// <summary>
    /// Keras 3 RMSprop, in place: <c>v = ρ·v + (1 − ρ)·g²</c>; centered: <c>ḡ = ρ·ḡ + (1 − ρ)·g</c> and
    /// <c>d = v − ḡ² + ε</c>, else <c>d = v + ε</c>; <c>Δ = lr·g / √d</c>; with momentum <c>m = μ·m + Δ</c>,
    /// <c>w −= m</c>, else <c>w −= Δ</c>. ε is inside the square root (PyTorch adds it outside).
    /// </summary>
    public static void RmsProp(Tensor w, Tensor v, Tensor? m, Tensor? average, Tensor g, double lr, double rho, double momentum, double epsilon,
        double decay)
    {
        if (w.DType == DType.Float32)
            RmsProp<float>(w.Span<float>(), v.Span<float>(), m is null ? default : m.Span<float>(), m is not null,
                average is null ? default : average.Span<float>(), average is not null, g.Span<float>(),
                (float)lr, (float)rho, (float)(1 - rho), (float)momentum, (float)epsilon, (float)decay, decay != 1);
        else
            RmsProp<double>(w.Span<double>(), v.Span<double>(), m is null ? default : m.Span<double>(), m is not null,
                average is null ? default : average.Span<double>(), average is not null, g.Span<double>(),
                lr, rho, 1 - rho, momentum, epsilon, decay, decay != 1);
    }

    private static void RmsProp<T>(Span<T> w, Span<T> v, Span<T> m, bool useMomentum, Span<T> average, bool centered, ReadOnlySpan<T> g,
        T lr, T rho, T oneMinusRho, T momentum, T epsilon, T decay, bool decayed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckLengths(w.Length, v.Length, g.Length);
        if (useMomentum) CheckLengths(w.Length, m.Length);
        if (centered) CheckLengths(w.Length, average.Length);
        int i = 0;
        if (Vector512.IsHardwareAccelerated && w.Length >= Vector512<T>.Count)
        {
            ref T wr = ref MemoryMarshal.GetReference(w);
            ref T vr = ref MemoryMarshal.GetReference(v);
            ref T mr = ref MemoryMarshal.GetReference(m);
            ref T ar = ref MemoryMarshal.GetReference(average);
            ref T gr = ref MemoryMarshal.GetReference(g);
            var vlr = Vector512.Create(lr);
            var vrho = Vector512.Create(rho);
            var vrest = Vector512.Create(oneMinusRho);
            var vmom = Vector512.Create(momentum);
            var eps = Vector512.Create(epsilon);
            var vdecay = Vector512.Create(decay);
            for (; i <= w.Length - Vector512<T>.Count; i += Vector512<T>.Count)
            {
                var gv = Vector512.LoadUnsafe(ref gr, (nuint)i);
                var vv = vrho * Vector512.LoadUnsafe(ref vr, (nuint)i) + vrest * (gv * gv);
                vv.StoreUnsafe(ref vr, (nuint)i);
                Vector512<T> denominator;
                if (centered)
                {
                    var av = vrho * Vector512.LoadUnsafe(ref ar, (nuint)i) + vrest * gv;
                    av.StoreUnsafe(ref ar, (nuint)i);
                    denominator = vv - av * av + eps;
                }
                else
                {
                    denominator = vv + eps;
                }
                var increment = vlr * gv / Vector512.Sqrt(denominator);
                if (useMomentum)
                {
                    increment = vmom * Vector512.LoadUnsafe(ref mr, (nuint)i) + increment;
                    increment.StoreUnsafe(ref mr, (nuint)i);
                }
                var wv = Vector512.LoadUnsafe(ref wr, (nuint)i);
                if (decayed) wv *= vdecay;
                (wv - increment).StoreUnsafe(ref wr, (nuint)i);
            }
        }
        for (; i < w.Length; i++)
        {
            v[i] = rho * v[i] + oneMinusRho * (g[i] * g[i]);
            T denominator;
            if (centered)
            {
                average[i] = rho * average[i] + oneMinusRho * g[i];
                denominator = v[i] - average[i] * average[i] + epsilon;
            }
            else
            {
                denominator = v[i] + epsilon;
            }
            T increment = lr * g[i] / T.Sqrt(denominator);
            if (useMomentum)
            {
                m[i] = momentum * m[i] + increment;
                increment = m[i];
            }
            T wi = decayed ? w[i] * decay : w[i];
            w[i] = wi - increment;
        }
    }

    /// <summary>Keras 3 Adagrad, in place: <c>acc += g²</c>, <c>w −= lr·g / √(acc + ε)</c> (PyTorch adds ε outside the root).</summary>
    public static void Adagrad(Tensor w, Tensor accumulator, Tensor g, double lr, double epsilon, double decay)
    {
        if (w.DType == DType.Float32)
            Adagrad<float>(w.Span<float>(), accumulator.Span<float>(), g.Span<float>(), (float)lr, (float)epsilon, (float)decay, decay != 1);
        else
            Adagrad<double>(w.Span<double>(), accumulator.Span<double>(), g.Span<double>(), lr, epsilon, decay, decay != 1);
    }

    private static void Adagrad<T>(Span<T> w, Span<T> accumulator, ReadOnlySpan<T> g, T lr, T epsilon, T decay, bool decayed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckLengths(w.Length, accumulator.Length, g.Length);
        int i = 0;
        if (Vector512.IsHardwareAccelerated && w.Length >= Vector512<T>.Count)
        {
            ref T wr = ref MemoryMarshal.GetReference(w);
            ref T ar = ref MemoryMarshal.GetReference(accumulator);
            ref T gr = ref MemoryMarshal.GetReference(g);
            var vlr = Vector512.Create(lr);
            var eps = Vector512.Create(epsilon);
            var vdecay = Vector512.Create(decay);
            for (; i <= w.Length - Vector512<T>.Count; i += Vector512<T>.Count)
            {
                var gv = Vector512.LoadUnsafe(ref gr, (nuint)i);
                var av = Vector512.LoadUnsafe(ref ar, (nuint)i) + gv * gv;
                av.StoreUnsafe(ref ar, (nuint)i);
                var wv = Vector512.LoadUnsafe(ref wr, (nuint)i);
                if (decayed) wv *= vdecay;
                (wv - vlr * gv / Vector512.Sqrt(av + eps)).StoreUnsafe(ref wr, (nuint)i);
            }
        }
        for (; i < w.Length; i++)
        {
            accumulator[i] += g[i] * g[i];
            T wi = decayed ? w[i] * decay : w[i];
            w[i] = wi - lr * g[i] / T.Sqrt(accumulator[i] + epsilon);
        }
    }

    /// <summary>The unsafe loads above rely on every span being as long as the variable; a mismatch is a bug, not bad input.</summary>
    private static void CheckLengths(int expected, params ReadOnlySpan<int> lengths)
    {
        foreach (int length in lengths)
            if (length != expected)
                throw new InvalidOperationException($"Optimizer kernel: a state or gradient buffer has {length} elements where the variable has {expected}.");
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
