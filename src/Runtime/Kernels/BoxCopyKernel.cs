using System.Runtime.InteropServices;

namespace Layers;

/// <summary>
/// Copies a rectangular box of elements between two row-major tensors of the same dtype: the box of
/// <c>size</c> starting at <c>sourceStart</c> in the source goes to <c>destinationStart</c> in the
/// destination. Slice (forward and backward), Concat and Stack are all this one copy. Trailing axes
/// the box covers completely in both tensors are merged, so each copied run is as long as possible
/// and goes through <see cref="Span{T}.CopyTo"/> (memmove).
/// </summary>
internal static class BoxCopyKernel
{
    public static void Run(Tensor source, ReadOnlySpan<int> sourceStart, Tensor destination, ReadOnlySpan<int> destinationStart, ReadOnlySpan<int> size)
    {
        int rank = size.Length;
        foreach (int d in size)
            if (d == 0) return;
        int elementSize = source.DType.SizeOf();
        var src = MemoryMarshal.CreateReadOnlySpan(ref source.RawRef(), source.Size * elementSize);
        var dst = MemoryMarshal.CreateSpan(ref destination.RawRef(), destination.Size * elementSize);
        if (rank == 0)
        {
            src.CopyTo(dst);
            return;
        }

        var sourceDims = source.Shape.Dims;
        var destinationDims = destination.Shape.Dims;

        // Merge the trailing axes that the box spans fully in both tensors into one contiguous run.
        int runAxis = rank - 1;
        long run = size[runAxis];
        while (runAxis > 0 && size[runAxis] == sourceDims[runAxis] && size[runAxis] == destinationDims[runAxis])
        {
            runAxis--;
            run *= size[runAxis];
        }
        long innerSource = 1, innerDestination = 1;
        for (int axis = rank - 1; axis > runAxis; axis--)
        {
            innerSource *= sourceDims[axis];
            innerDestination *= destinationDims[axis];
        }

        Span<long> sourceStrides = stackalloc long[rank];
        Span<long> destinationStrides = stackalloc long[rank];
        long sStride = innerSource * sourceDims[runAxis], dStride = innerDestination * destinationDims[runAxis];
        for (int axis = runAxis - 1; axis >= 0; axis--)
        {
            sourceStrides[axis] = sStride;
            destinationStrides[axis] = dStride;
            sStride *= sourceDims[axis];
            dStride *= destinationDims[axis];
        }

        long sourceBase = sourceStart[runAxis] * innerSource, destinationBase = destinationStart[runAxis] * innerDestination;
        for (int axis = 0; axis < runAxis; axis++)
        {
            sourceBase += sourceStart[axis] * sourceStrides[axis];
            destinationBase += destinationStart[axis] * destinationStrides[axis];
        }

        int runBytes = (int)(run * elementSize);
        Span<int> index = stackalloc int[Math.Max(runAxis, 1)];
        index.Clear();
        long sourceOffset = sourceBase, destinationOffset = destinationBase;
        while (true)
        {
            src.Slice((int)(sourceOffset * elementSize), runBytes).CopyTo(dst.Slice((int)(destinationOffset * elementSize), runBytes));
            // Odometer over the box's outer axes, updating both offsets incrementally.
            int axis = runAxis - 1;
            while (axis >= 0)
            {
                sourceOffset += sourceStrides[axis];
                destinationOffset += destinationStrides[axis];
                if (++index[axis] < size[axis]) break;
                sourceOffset -= sourceStrides[axis] * size[axis];
                destinationOffset -= destinationStrides[axis] * size[axis];
                index[axis] = 0;
                axis--;
            }
            if (axis < 0) return;
        }
    }
}
