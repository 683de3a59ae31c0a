using System.Numerics.Tensors;

namespace Layers;

/// <summary>
/// Keras 3's gradient clipping (the optimizer allows one of the three kinds); returns new tensors and never
/// modifies the gradients it is given. Norms accumulate in double. A gradient already within its bound is
/// passed through untouched, where Keras multiplies it by <c>c / c</c>, which can differ from 1 by an ulp.
/// </summary>
internal static class GradientClipping
{
    public static Tensor?[] Clip(IReadOnlyList<Tensor?> gradients, double? clipnorm, double? clipvalue, double? globalClipnorm)
    {
        var result = gradients.ToArray();
        if (clipnorm is { } maxNorm)
        {
            for (int i = 0; i < result.Length; i++)
                if (result[i] is { } g) result[i] = ScaledToNorm(g, OptimizerKernels.L2Norm(g), maxNorm);
        }
        if (globalClipnorm is { } maxGlobal)
        {
            double sumOfSquares = 0;
            foreach (var g in result)
                if (g is not null) sumOfSquares += Square(OptimizerKernels.L2Norm(g));
            double globalNorm = Math.Sqrt(sumOfSquares);
            for (int i = 0; i < result.Length; i++)
            {
                if (result[i] is not { } g) continue;
                // Keras' scale is clip·min(1/norm, 1/clip) + (norm − norm): NaN for an infinite or NaN norm, so
                // every gradient becomes NaN rather than some being zeroed.
                result[i] = double.IsFinite(globalNorm) ? ScaledToNorm(g, globalNorm, maxGlobal) : ScaledBy(g, double.NaN);
            }
        }
        if (clipvalue is { } limit)
        {
            for (int i = 0; i < result.Length; i++)
                if (result[i] is { } g) result[i] = ClippedToValue(g, limit);
        }
        return result;
    }

    private static double Square(double x) => x * x;

    /// <summary><c>g · maxNorm / max(norm, maxNorm)</c>: unchanged when the norm is within bounds.</summary>
    private static Tensor ScaledToNorm(Tensor g, double norm, double maxNorm)
    {
        if (norm <= maxNorm) return g;
        return ScaledBy(g, maxNorm / norm);
    }

    private static Tensor ScaledBy(Tensor g, double factor)
    {
        var scaled = g.Clone();
        OptimizerKernels.ScaleInPlace(scaled, factor);
        return scaled;
    }

    private static Tensor ClippedToValue(Tensor g, double limit)
    {
        var clipped = g.AllocateLike();
        if (g.DType == DType.Float32)
        {
            TensorPrimitives.Min(g.Span<float>(), (float)limit, clipped.Span<float>());
            TensorPrimitives.Max(clipped.Span<float>(), (float)-limit, clipped.Span<float>());
        }
        else
        {
            TensorPrimitives.Min(g.Span<double>(), limit, clipped.Span<double>());
            TensorPrimitives.Max(clipped.Span<double>(), -limit, clipped.Span<double>());
        }
        return clipped;
    }
}
