namespace Layers;

/// <summary>
/// Per-thread packing buffers, grown on demand and kept for the thread's lifetime, so a GEMM
/// allocates nothing once a thread has seen its largest blocks. They live on the pinned object heap
/// (through <see cref="AlignedArray"/>), so their addresses are stable and 64-byte aligned, and
/// the GC reclaims them with the thread.
/// </summary>
internal sealed unsafe class GemmBuffers
{
    [ThreadStatic] private static GemmBuffers? t_current;

    private Region _a;
    private Region _b;
    private Region _tile;

    /// <summary>This thread's buffers.</summary>
    public static GemmBuffers Current => t_current ??= new GemmBuffers();

    /// <summary>Room for a packed A block of <paramref name="count"/> elements.</summary>
    public T* A<T>(int count) where T : unmanaged => _a.Get<T>(count);

    /// <summary>Room for a packed B block of <paramref name="count"/> elements.</summary>
    public T* B<T>(int count) where T : unmanaged => _b.Get<T>(count);

    /// <summary>Room for one edge tile of <paramref name="count"/> elements.</summary>
    public T* Tile<T>(int count) where T : unmanaged => _tile.Get<T>(count);

    private struct Region
    {
        private byte[]? _array;
        private byte* _start;
        private long _bytes;

        public T* Get<T>(int count) where T : unmanaged
        {
            long needed = (long)count * sizeof(T);
            if (needed > _bytes) Grow(needed);
            return (T*)_start;
        }

        private void Grow(long needed)
        {
            // Grow geometrically so a sequence of slightly larger problems does not reallocate each time.
            long bytes = Math.Max(needed, Math.Min(2 * _bytes, Array.MaxLength - AlignedArray.Alignment));
            _array = AlignedArray.Allocate<byte>(checked((int)bytes), clear: false, out int offset);
            fixed (byte* first = _array) _start = first + offset;
            _bytes = bytes;
        }
    }
}
