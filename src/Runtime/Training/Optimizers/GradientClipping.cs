using System.Numerics.Tensors;

namespace Layers;

/// <summary>Keras 3's gradient clipping; returns new tensors and never modifies the gradients it is given.</summary>
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
                if (result[i] is { } g) result[i] = ScaledToNorm(g, globalNorm, maxGlobal);
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
        var scaled = g.Clone();
        OptimizerKernels.ScaleInPlace(scaled, maxNorm / norm);
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
