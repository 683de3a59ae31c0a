using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Layers;

/// <summary>
/// Moves a tensor's storage to and from a stream as little-endian bytes, in bounded chunks: a float64
/// tensor can hold up to 16 GB, more than one span can address, and the chunks let a big-endian host
/// swap bytes without a second copy of the tensor.
/// </summary>
internal static class TensorBytes
{
    /// <summary>A multiple of every item size.</summary>
    public const int ChunkBytes = 1 << 20;

    public static long ByteLength(Tensor tensor) => (long)tensor.Size * tensor.DType.SizeOf();

    public static void Write(Stream stream, Tensor tensor)
    {
        long total = ByteLength(tensor);
        int itemSize = tensor.DType.SizeOf();
        byte[]? scratch = BitConverter.IsLittleEndian ? null : ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            for (long done = 0; done < total; done += ChunkBytes)
            {
                var chunk = Chunk(tensor, done, (int)Math.Min(ChunkBytes, total - done));
                if (scratch is null)
                {
                    stream.Write(chunk);
                    continue;
                }
                var copy = scratch.AsSpan(0, chunk.Length);
                chunk.CopyTo(copy);
                SwapEndianness(copy, itemSize);
                stream.Write(copy);
            }
        }
        finally
        {
            if (scratch is not null) ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    /// <summary>
    /// Fills <paramref name="tensor"/> from <paramref name="stream"/>. Returns the number of bytes read,
    /// which is less than the tensor's byte length only when the stream ended first.
    /// </summary>
    public static long ReadInto(Stream stream, Tensor tensor)
    {
        long total = ByteLength(tensor);
        int itemSize = tensor.DType.SizeOf();
        long done = 0;
        while (done < total)
        {
            var chunk = Chunk(tensor, done, (int)Math.Min(ChunkBytes, total - done));
            int read = stream.ReadAtLeast(chunk, chunk.Length, throwOnEndOfStream: false);
            if (!BitConverter.IsLittleEndian) SwapEndianness(chunk[..(read - read % itemSize)], itemSize);
            done += read;
            if (read < chunk.Length) break;
        }
        return done;
    }

    /// <summary>Copies already-read little-endian bytes into the tensor at byte <paramref name="at"/>.</summary>
    public static void CopyInto(Tensor tensor, long at, ReadOnlySpan<byte> bytes)
    {
        var destination = Chunk(tensor, at, bytes.Length);
        bytes.CopyTo(destination);
        if (!BitConverter.IsLittleEndian) SwapEndianness(destination, tensor.DType.SizeOf());
    }

    /// <summary>The index of the first byte of a bool tensor that is neither 0 nor 1, or -1. Other bytes are not valid .NET bools.</summary>
    public static long FirstInvalidBool(Tensor tensor, out byte value)
    {
        long total = ByteLength(tensor);
        for (long done = 0; done < total; done += ChunkBytes)
        {
            var chunk = Chunk(tensor, done, (int)Math.Min(ChunkBytes, total - done));
            int index = chunk.IndexOfAnyExcept((byte)0, (byte)1);
            if (index >= 0)
            {
                value = chunk[index];
                return done + index;
            }
        }
        value = 0;
        return -1;
    }

    /// <summary>Reverses the bytes of each item in place (little-endian ↔ big-endian).</summary>
    internal static void SwapEndianness(Span<byte> bytes, int itemSize)
    {
        switch (itemSize)
        {
            case 4:
                var ints = MemoryMarshal.Cast<byte, int>(bytes);
                BinaryPrimitives.ReverseEndianness(ints, ints);
                break;
            case 8:
                var longs = MemoryMarshal.Cast<byte, long>(bytes);
                BinaryPrimitives.ReverseEndianness(longs, longs);
                break;
        }
    }

    /// <summary>Bytes [<paramref name="at"/>, at + length) of the storage; the storage is pinned, so the span stays valid.</summary>
    private static Span<byte> Chunk(Tensor tensor, long at, int length) =>
        MemoryMarshal.CreateSpan(ref Unsafe.Add(ref tensor.RawRef(), (nint)at), length);
}
