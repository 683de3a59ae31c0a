namespace Layers;

/// <summary>Materializes a broadcast: copies a tensor into a larger shape it broadcasts to (the adjoint of <see cref="ReduceKernel.SumInto{T}"/>).</summary>
internal static class ExpandKernel
{
    public static void Run<T>(ReadOnlySpan<T> source, Shape sourceShape, Span<T> destination, Shape resultShape) where T : unmanaged
    {
        if (destination.IsEmpty) return;
        if (source.Length == destination.Length)
        {
            source.CopyTo(destination);
            return;
        }
        if (source.Length == 1)
        {
            destination.Fill(source[0]);
            return;
        }
        var plan = new Broadcasting.Plan(resultShape,
            Broadcasting.StridesIn(resultShape, resultShape), Broadcasting.StridesIn(sourceShape, resultShape));
        int inner = plan.Inner;
        bool contiguous = plan.InnerStrideB == 1;
        for (int run = 0, outer = plan.Outer; run < outer; run++)
        {
            plan.Offsets(run, out _, out int offset);
            var target = destination.Slice(run * inner, inner);
            if (contiguous) source.Slice(offset, inner).CopyTo(target);
            else target.Fill(source[offset]);
        }
    }
}
