using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Layers;

/// <summary>
/// Row gathers and scatter-adds over a tensor viewed as (outer, axis, inner): output row (o, j) is input
/// row (o, index[j]). Embedding lookups are the (1, vocabulary, width) case, one memmove per token.
/// </summary>
internal static class GatherKernel
{
    /// <summary>
    /// Reads <paramref name="indices"/> (int32 or int64, any shape) as positions along an axis of size
    /// <paramref name="bound"/>; negative ones count from the end. Throws naming the first bad index.
    /// </summary>
    public static int[] NormalizeIndices(Tensor indices, int bound, string op, Shape inputShape, int axis)
    {
        var result = new int[indices.Size];
        for (int i = 0; i < result.Length; i++)
        {
            long index = indices.DType == DType.Int32 ? indices.Span<int>()[i] : indices.Span<long>()[i];
            long normalized = index < 0 ? index + bound : index;
            if (normalized < 0 || normalized >= bound)
                throw new IndexOutOfRangeException(
                    $"{op}: index {index} (at position {FormatPosition(i, indices.Shape)} of the indices) is out of range for axis {axis} " +
                    $"of size {bound} in input shape {inputShape}; indices must be in {-bound}..{bound - 1}.");
            result[i] = (int)normalized;
        }
        return result;
    }

    public static void Gather(Tensor source, Tensor destination, int[] indices, int outer, int axisSize, int inner)
    {
        switch (source.DType.SizeOf())
        {
            case 1: Gather<byte>(source, destination, indices, outer, axisSize, inner); break;
            case 4: Gather<uint>(source, destination, indices, outer, axisSize, inner); break;
            default: Gather<ulong>(source, destination, indices, outer, axisSize, inner); break;
        }
    }

    private static void Gather<T>(Tensor source, Tensor destination, int[] indices, int outer, int axisSize, int inner) where T : unmanaged
    {
        var src = MemoryMarshal.Cast<byte, T>(MemoryMarshal.CreateReadOnlySpan(ref source.RawRef(), source.Size * Unsafe.SizeOf<T>()));
        var dst = MemoryMarshal.Cast<byte, T>(MemoryMarshal.CreateSpan(ref destination.RawRef(), destination.Size * Unsafe.SizeOf<T>()));
        int count = indices.Length;
        for (int o = 0; o < outer; o++)
        {
            int sourceBase = o * axisSize;
            int destinationBase = o * count;
            if (inner == 1)
            {
                for (int j = 0; j < count; j++) dst[destinationBase + j] = src[sourceBase + indices[j]];
                continue;
            }
            for (int j = 0; j < count; j++)
                src.Slice((sourceBase + indices[j]) * inner, inner).CopyTo(dst.Slice((destinationBase + j) * inner, inner));
        }
    }

    /// <summary>The adjoint of <see cref="Gather"/>: adds each gathered row's gradient back into the row it came from (repeats accumulate).</summary>
    public static void ScatterAdd<T>(Tensor gradient, Tensor destination, int[] indices, int outer, int axisSize, int inner)
        where T : unmanaged, INumber<T>
    {
        ReadOnlySpan<T> src = gradient.Span<T>();
        Span<T> dst = destination.Span<T>();
        int count = indices.Length;
        for (int o = 0; o < outer; o++)
        {
            int destinationBase = o * axisSize;
            int sourceBase = o * count;
            if (inner == 1)
            {
                for (int j = 0; j < count; j++) dst[destinationBase + indices[j]] += src[sourceBase + j];
                continue;
            }
            for (int j = 0; j < count; j++)
            {
                var row = dst.Slice((destinationBase + indices[j]) * inner, inner);
                TensorPrimitives.Add(row, src.Slice((sourceBase + j) * inner, inner), row);
            }
        }
    }

    private static string FormatPosition(int flat, Shape shape)
    {
        var index = new int[shape.Rank];
        for (int axis = shape.Rank - 1; axis >= 0; axis--)
        {
            index[axis] = flat % shape.Dims[axis];
            flat /= shape.Dims[axis];
        }
        return $"[{string.Join(", ", index)}]";
    }
}
