using System.Buffers.Binary;
using System.Text;

namespace Layers.Tests.Saving;

/// <summary>Helpers for saving tests: raw safetensors bytes with any header, and streams with restricted abilities.</summary>
internal static class SavingSupport
{
    /// <summary>Bytes of a safetensors file with exactly this header text (no padding added) and data.</summary>
    public static byte[] RawFile(string headerJson, byte[]? data = null, ulong? declaredLength = null)
    {
        var header = Encoding.UTF8.GetBytes(headerJson);
        return RawFile(header, data, declaredLength);
    }

    public static byte[] RawFile(byte[] header, byte[]? data = null, ulong? declaredLength = null)
    {
        data ??= [];
        var bytes = new byte[8 + header.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, declaredLength ?? (ulong)header.Length);
        header.CopyTo(bytes, 8);
        data.CopyTo(bytes, 8 + header.Length);
        return bytes;
    }

    public static SafeTensorsFile Read(byte[] bytes) => SafeTensors.Read(new MemoryStream(bytes, writable: false));

    public static SafeTensorsFile ReadUnseekable(byte[] bytes) => SafeTensors.Read(new UnseekableStream(new MemoryStream(bytes, writable: false)));

    public static KeyValuePair<string, Tensor> Entry(string key, Tensor tensor) => KeyValuePair.Create(key, tensor);

    /// <summary>A fresh empty directory under the system temp directory, deleted by <see cref="IDisposable.Dispose"/>.</summary>
    public sealed class TempDirectory : IDisposable
    {
        public TempDirectory() => Directory.CreateDirectory(Path);

        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "layers-saving-" + Guid.NewGuid().ToString("N"));

        public string File(string name) => System.IO.Path.Combine(Path, name);

        public string[] Entries() => Directory.GetFileSystemEntries(Path).Select(System.IO.Path.GetFileName).ToArray()!;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }

    /// <summary>A stream that can only be read forward: no seeking, no length, no writing.</summary>
    public abstract class ForwardOnlyStream : Stream
    {
        public sealed override bool CanRead => true;
        public sealed override bool CanSeek => false;
        public sealed override bool CanWrite => false;
        public sealed override long Length => throw new NotSupportedException();
        public sealed override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public sealed override void Flush() { }

        public sealed override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public sealed override void SetLength(long value) => throw new NotSupportedException();
        public sealed override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>A read-only stream that cannot seek or report its length, like a network or decompression stream.</summary>
    public sealed class UnseekableStream(Stream inner) : ForwardOnlyStream
    {
        public long BytesRead { get; private set; }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int read = inner.Read(buffer);
            BytesRead += read;
            return read;
        }
    }

    /// <summary>An endless stream of zeros that cannot seek: a stand-in for a decompression bomb.</summary>
    public sealed class EndlessZeros : ForwardOnlyStream
    {
        public long BytesRead { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Clear(buffer, offset, count);
            BytesRead += count;
            return count;
        }
    }
}
