using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Layers;

/// <summary>
/// Permutes the axes of a row-major tensor into a new row-major tensor. The permutation is first
/// simplified (size-1 axes dropped, axes that stay adjacent merged), which turns most real cases
/// into one of: a plain copy, a batch of 2-D transposes (cache-blocked), or a gather whose innermost
/// output axis is contiguous in the input (row copies).
/// </summary>
internal static class TransposeKernel
{
    // 32×32 tiles of 8-byte elements are 8 KiB per side: source and destination tiles together fit in
    // L1 (32 KiB on Zen 4) with room to spare, and every source line fetched is fully used.
    private const int Tile = 32;

    public static void Run(Tensor source, Tensor destination, ReadOnlySpan<int> perm)
    {
        if (source.Size == 0) return;
        Simplify(source.Shape.Dims, perm, out var dims, out var order);
        switch (source.DType.SizeOf())
        {
            case 1: Run<byte>(source, destination, dims, order); break;
            case 4: Run<uint>(source, destination, dims, order); break;
            default: Run<ulong>(source, destination, dims, order); break;
        }
    }

    private static void Run<T>(Tensor source, Tensor destination, int[] dims, int[] order) where T : unmanaged
    {
        var src = MemoryMarshal.Cast<byte, T>(MemoryMarshal.CreateReadOnlySpan(ref source.RawRef(), source.Size * Unsafe.SizeOf<T>()));
        var dst = MemoryMarshal.Cast<byte, T>(MemoryMarshal.CreateSpan(ref destination.RawRef(), destination.Size * Unsafe.SizeOf<T>()));
        int rank = dims.Length;
        if (rank <= 1)
        {
            src.CopyTo(dst);
            return;
        }
        if (IsBatchedMatrixTranspose(order))
        {
            int rows = dims[rank - 2], cols = dims[rank - 1];
            int matrix = rows * cols;
            for (int offset = 0; offset < src.Length; offset += matrix)
                Transpose2D(src.Slice(offset, matrix), dst.Slice(offset, matrix), rows, cols);
            return;
        }
        Gather(src, dst, dims, order);
    }

    /// <summary>True for (0, 1, …, k−1, k+1, k): leading axes kept, last two swapped.</summary>
    private static bool IsBatchedMatrixTranspose(int[] order)
    {
        int rank = order.Length;
        for (int i = 0; i < rank - 2; i++)
            if (order[i] != i) return false;
        return order[rank - 2] == rank - 1 && order[rank - 1] == rank - 2;
    }

    /// <summary>
    /// <paramref name="destination"/> (cols × rows) = transpose of <paramref name="source"/> (rows × cols),
    /// tile by tile so both the reads and the strided writes stay in cache.
    /// </summary>
    internal static void Transpose2D<T>(ReadOnlySpan<T> source, Span<T> destination, int rows, int cols) where T : unmanaged
    {
        ref T src = ref MemoryMarshal.GetReference(source);
        ref T dst = ref MemoryMarshal.GetReference(destination);
        for (int r0 = 0; r0 < rows; r0 += Tile)
        {
            int r1 = Math.Min(r0 + Tile, rows);
            for (int c0 = 0; c0 < cols; c0 += Tile)
            {
                int c1 = Math.Min(c0 + Tile, cols);
                for (int r = r0; r < r1; r++)
                {
                    ref T row = ref Unsafe.Add(ref src, (nint)r * cols);
                    for (int c = c0; c < c1; c++)
                        Unsafe.Add(ref dst, (nint)c * rows + r) = Unsafe.Add(ref row, c);
                }
            }
        }
    }

    /// <summary>
    /// The general case: walk the output in order; along its innermost axis the input advances by a fixed
    /// stride, and when that stride is 1 whole rows are copied at once.
    /// </summary>
    private static void Gather<T>(ReadOnlySpan<T> src, Span<T> dst, int[] dims, int[] order) where T : unmanaged
    {
        int rank = dims.Length;
        Span<long> inputStrides = stackalloc long[rank];
        long stride = 1;
        for (int axis = rank - 1; axis >= 0; axis--)
        {
            inputStrides[axis] = stride;
            stride *= dims[axis];
        }
        // Output axis i walks input axis order[i].
        Span<long> strides = stackalloc long[rank];
        Span<int> extents = stackalloc int[rank];
        for (int i = 0; i < rank; i++)
        {
            strides[i] = inputStrides[order[i]];
            extents[i] = dims[order[i]];
        }
        int inner = extents[rank - 1];
        long innerStride = strides[rank - 1];
        Span<int> index = stackalloc int[rank - 1];
        index.Clear();
        long sourceOffset = 0;
        ref T s = ref MemoryMarshal.GetReference(src);
        for (int written = 0; written < dst.Length; written += inner)
        {
            if (innerStride == 1)
            {
                src.Slice((int)sourceOffset, inner).CopyTo(dst.Slice(written, inner));
            }
            else
            {
                ref T d = ref MemoryMarshal.GetReference(dst.Slice(written, inner));
                for (int j = 0; j < inner; j++)
                    Unsafe.Add(ref d, j) = Unsafe.Add(ref s, (nint)(sourceOffset + j * innerStride));
            }
            for (int axis = rank - 2; axis >= 0; axis--)
            {
                sourceOffset += strides[axis];
                if (++index[axis] < extents[axis]) break;
                sourceOffset -= strides[axis] * extents[axis];
                index[axis] = 0;
            }
        }
    }

    /// <summary>
    /// Drops size-1 axes and merges input axes that remain neighbours, in order, in the output; the result
    /// moves the same bytes with the fewest, longest axes.
    /// </summary>
    internal static void Simplify(ReadOnlySpan<int> inputDims, ReadOnlySpan<int> perm, out int[] dims, out int[] order)
    {
        // Output axes, by the input axis they read, skipping size-1 ones.
        var kept = new List<int>();
        foreach (int axis in perm)
            if (inputDims[axis] != 1) kept.Add(axis);
        // Group runs of consecutive input axes (a, a+1, …) that appear consecutively in the output.
        var groups = new List<(int First, int Last)>();
        foreach (int axis in kept)
        {
            if (groups.Count > 0 && NextKeptAxis(inputDims, groups[^1].Last) == axis)
                groups[^1] = (groups[^1].First, axis);
            else
                groups.Add((axis, axis));
        }
        // Number the groups in input order, giving the merged input dims and the merged permutation.
        var byInput = groups.Select((g, outputIndex) => (g.First, g.Last, outputIndex)).OrderBy(g => g.First).ToArray();
        dims = new int[byInput.Length];
        order = new int[byInput.Length];
        for (int i = 0; i < byInput.Length; i++)
        {
            int size = 1;
            for (int a = byInput[i].First; a <= byInput[i].Last; a++) size *= inputDims[a];
            dims[i] = size;
            order[byInput[i].outputIndex] = i;
        }
    }

    /// <summary>The next input axis after <paramref name="axis"/> that is not size 1 (or −1).</summary>
    private static int NextKeptAxis(ReadOnlySpan<int> dims, int axis)
    {
        for (int a = axis + 1; a < dims.Length; a++)
            if (dims[a] != 1) return a;
        return -1;
    }
}
