namespace Layers;

/// <summary>
/// Reads at most the declared size of an archive entry and fails if the entry holds more: a zip entry's
/// declared size is the attacker's to choose, and the decompressor does not enforce it.
/// </summary>
internal sealed class BoundedReadStream : Stream
{
    private readonly Stream _inner;
    private readonly long _declaredLength;
    private readonly Func<string, Exception> _error;
    private long _remaining;

    /// <param name="error">Makes the exception for a size violation, naming the entry.</param>
    public BoundedReadStream(Stream inner, long declaredLength, Func<string, Exception> error)
    {
        _inner = inner;
        _declaredLength = declaredLength;
        _error = error;
        _remaining = declaredLength;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty) return 0;
        if (_remaining == 0)
        {
            VerifyEnd();
            return 0;
        }
        int read = _inner.Read(buffer[..(int)Math.Min(buffer.Length, _remaining)]);
        _remaining -= read;
        return read;
    }

    /// <summary>Throws unless the inner stream ends exactly at the declared size.</summary>
    public void VerifyEnd()
    {
        if (_remaining > 0)
            throw _error($"the entry ends {_remaining} bytes before its declared size of {_declaredLength} bytes.");
        Span<byte> probe = stackalloc byte[1];
        if (_inner.Read(probe) > 0)
            throw _error($"the entry holds more than its declared size of {_declaredLength} bytes.");
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _inner.Dispose();
        base.Dispose(disposing);
    }
}
