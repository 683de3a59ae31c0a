using System.Numerics;
using System.Numerics.Tensors;

namespace Layers;

/// <summary>Reduction kernels.</summary>
internal static partial class ReduceKernel
{
    /// <summary>
    /// Adds every element of <paramref name="source"/> into the element of <paramref name="destination"/> it
    /// was broadcast from (<paramref name="destination"/>'s shape broadcasts to <paramref name="source"/>'s).
    /// </summary>
    public static void SumInto<T>(Tensor source, Tensor destination) where T : unmanaged, INumber<T>
    {
        var plan = new Broadcasting.Plan(source.Shape,
            Broadcasting.StridesIn(source.Shape, source.Shape), Broadcasting.StridesIn(destination.Shape, source.Shape));
        ReadOnlySpan<T> src = source.Span<T>();
        Span<T> dst = destination.Span<T>();
        int inner = plan.Inner;
        int outer = plan.Outer;
        bool innerContiguous = plan.InnerStrideB == 1;
        for (int run = 0; run < outer; run++)
        {
            plan.Offsets(run, out int offsetSource, out int offsetDestination);
            var values = src.Slice(offsetSource, inner);
            if (innerContiguous)
            {
                var target = dst.Slice(offsetDestination, inner);
                TensorPrimitives.Add(target, values, target);
            }
            else
            {
                dst[offsetDestination] += TensorPrimitives.Sum(values);
            }
        }
    }
}
