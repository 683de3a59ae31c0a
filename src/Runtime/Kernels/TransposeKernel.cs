using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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
    /// <paramref name="destination"/> (cols × rows) = transpose of <paramref name="source"/> (rows × cols).
    /// Tiles keep both the reads and the strided writes in cache; inside a tile, 4- and 8-byte elements
    /// move as 8×8 / 4×4 blocks transposed in registers, so every store writes a full 32-byte row piece
    /// instead of one element per cache line.
    /// </summary>
    internal static void Transpose2D<T>(ReadOnlySpan<T> source, Span<T> destination, int rows, int cols) where T : unmanaged
    {
        ref T src = ref MemoryMarshal.GetReference(source);
        ref T dst = ref MemoryMarshal.GetReference(destination);
        int block = !Avx.IsSupported ? 1 : Unsafe.SizeOf<T>() switch { 4 => 8, 8 => 4, _ => 1 };
        int blockRows = rows - rows % block, blockCols = cols - cols % block;
        for (int r0 = 0; r0 < blockRows; r0 += Tile)
        {
            int r1 = Math.Min(r0 + Tile, blockRows);
            for (int c0 = 0; c0 < blockCols; c0 += Tile)
            {
                int c1 = Math.Min(c0 + Tile, blockCols);
                for (int r = r0; r < r1; r += block)
                    for (int c = c0; c < c1; c += block)
                        TransposeBlock(ref src, ref dst, rows, cols, r, c, block);
            }
        }
        // The ragged right columns and bottom rows, element by element.
        ScalarTranspose(ref src, ref dst, rows, cols, 0, blockRows, blockCols, cols);
        ScalarTranspose(ref src, ref dst, rows, cols, blockRows, rows, 0, cols);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void TransposeBlock<T>(ref T src, ref T dst, int rows, int cols, int r, int c, int block) where T : unmanaged
    {
        if (block == 8) Transpose8x8(ref Unsafe.As<T, float>(ref src), ref Unsafe.As<T, float>(ref dst), rows, cols, r, c);
        else if (block == 4) Transpose4x4(ref Unsafe.As<T, double>(ref src), ref Unsafe.As<T, double>(ref dst), rows, cols, r, c);
        else Unsafe.Add(ref dst, (nint)c * rows + r) = Unsafe.Add(ref src, (nint)r * cols + c);
    }

    private static void ScalarTranspose<T>(ref T src, ref T dst, int rows, int cols, int rowStart, int rowEnd, int colStart, int colEnd) where T : unmanaged
    {
        for (int r0 = rowStart; r0 < rowEnd; r0 += Tile)
        {
            int r1 = Math.Min(r0 + Tile, rowEnd);
            for (int c0 = colStart; c0 < colEnd; c0 += Tile)
            {
                int c1 = Math.Min(c0 + Tile, colEnd);
                for (int r = r0; r < r1; r++)
                {
                    ref T row = ref Unsafe.Add(ref src, (nint)r * cols);
                    for (int c = c0; c < c1; c++)
                        Unsafe.Add(ref dst, (nint)c * rows + r) = Unsafe.Add(ref row, c);
                }
            }
        }
    }

    /// <summary>The 8×8 block of 32-bit elements at (r, c) of the source to (c, r) of the destination.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose8x8(ref float src, ref float dst, int rows, int cols, int r, int c)
    {
        ref float s = ref Unsafe.Add(ref src, (nint)r * cols + c);
        nuint stride = (nuint)cols;
        var r0 = Vector256.LoadUnsafe(ref s);
        var r1 = Vector256.LoadUnsafe(ref s, stride);
        var r2 = Vector256.LoadUnsafe(ref s, 2 * stride);
        var r3 = Vector256.LoadUnsafe(ref s, 3 * stride);
        var r4 = Vector256.LoadUnsafe(ref s, 4 * stride);
        var r5 = Vector256.LoadUnsafe(ref s, 5 * stride);
        var r6 = Vector256.LoadUnsafe(ref s, 6 * stride);
        var r7 = Vector256.LoadUnsafe(ref s, 7 * stride);

        var t0 = Avx.UnpackLow(r0, r1);
        var t1 = Avx.UnpackHigh(r0, r1);
        var t2 = Avx.UnpackLow(r2, r3);
        var t3 = Avx.UnpackHigh(r2, r3);
        var t4 = Avx.UnpackLow(r4, r5);
        var t5 = Avx.UnpackHigh(r4, r5);
        var t6 = Avx.UnpackLow(r6, r7);
        var t7 = Avx.UnpackHigh(r6, r7);

        var u0 = Avx.Shuffle(t0, t2, 0x44);
        var u1 = Avx.Shuffle(t0, t2, 0xEE);
        var u2 = Avx.Shuffle(t1, t3, 0x44);
        var u3 = Avx.Shuffle(t1, t3, 0xEE);
        var u4 = Avx.Shuffle(t4, t6, 0x44);
        var u5 = Avx.Shuffle(t4, t6, 0xEE);
        var u6 = Avx.Shuffle(t5, t7, 0x44);
        var u7 = Avx.Shuffle(t5, t7, 0xEE);

        ref float d = ref Unsafe.Add(ref dst, (nint)c * rows + r);
        nuint dstride = (nuint)rows;
        Avx.Permute2x128(u0, u4, 0x20).StoreUnsafe(ref d);
        Avx.Permute2x128(u1, u5, 0x20).StoreUnsafe(ref d, dstride);
        Avx.Permute2x128(u2, u6, 0x20).StoreUnsafe(ref d, 2 * dstride);
        Avx.Permute2x128(u3, u7, 0x20).StoreUnsafe(ref d, 3 * dstride);
        Avx.Permute2x128(u0, u4, 0x31).StoreUnsafe(ref d, 4 * dstride);
        Avx.Permute2x128(u1, u5, 0x31).StoreUnsafe(ref d, 5 * dstride);
        Avx.Permute2x128(u2, u6, 0x31).StoreUnsafe(ref d, 6 * dstride);
        Avx.Permute2x128(u3, u7, 0x31).StoreUnsafe(ref d, 7 * dstride);
    }

    /// <summary>The 4×4 block of 64-bit elements at (r, c) of the source to (c, r) of the destination.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose4x4(ref double src, ref double dst, int rows, int cols, int r, int c)
    {
        ref double s = ref Unsafe.Add(ref src, (nint)r * cols + c);
        nuint stride = (nuint)cols;
        var r0 = Vector256.LoadUnsafe(ref s);
        var r1 = Vector256.LoadUnsafe(ref s, stride);
        var r2 = Vector256.LoadUnsafe(ref s, 2 * stride);
        var r3 = Vector256.LoadUnsafe(ref s, 3 * stride);
        var t0 = Avx.UnpackLow(r0, r1);
        var t1 = Avx.UnpackHigh(r0, r1);
        var t2 = Avx.UnpackLow(r2, r3);
        var t3 = Avx.UnpackHigh(r2, r3);
        ref double d = ref Unsafe.Add(ref dst, (nint)c * rows + r);
        nuint dstride = (nuint)rows;
        Avx.Permute2x128(t0, t2, 0x20).StoreUnsafe(ref d);
        Avx.Permute2x128(t1, t3, 0x20).StoreUnsafe(ref d, dstride);
        Avx.Permute2x128(t0, t2, 0x31).StoreUnsafe(ref d, 2 * dstride);
        Avx.Permute2x128(t1, t3, 0x31).StoreUnsafe(ref d, 3 * dstride);
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
