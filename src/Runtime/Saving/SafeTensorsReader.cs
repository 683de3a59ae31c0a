using System.Buffers;
using System.Buffers.Binary;

namespace Layers;

/// <summary>
/// Reads a safetensors file, treating it as hostile. Opening reads and validates the whole header —
/// its length against a fixed limit and against the input, its JSON, every entry, and that the
/// entries tile the data region exactly — before any tensor storage is allocated. Tensors are then
/// read straight into their own storage, so a large file never needs to be one array.
/// <para>
/// Every problem with the bytes is a <see cref="SafeTensorsFormatException"/> naming the key and the
/// byte offset. A seekable stream (a file) can be read in any order; a plain stream must be read in
/// data order (<see cref="Entries"/> order, as <see cref="ReadAll"/> does). Not thread-safe.
/// </para>
/// </summary>
public sealed class SafeTensorsReader : IDisposable
{
    /// <summary>
    /// On a stream of unknown length, a tensor larger than this is collected in chunks before its storage
    /// is allocated, so a header that lies about sizes costs only the bytes the stream really holds.
    /// </summary>
    private const long StagingThreshold = 16 << 20;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly string? _source;
    private readonly bool _seekable;
    private readonly bool _lengthKnown;
    private readonly long _origin;
    private readonly SafeTensorsHeader _header;

    /// <summary>Bytes consumed from the start of the safetensors data (tracked for plain streams).</summary>
    private long _position;
    private bool _disposed;

    /// <summary>Reads and validates the header of <paramref name="stream"/>, from its current position.</summary>
    /// <param name="leaveOpen">Whether disposing the reader leaves the stream open.</param>
    public SafeTensorsReader(Stream stream, bool leaveOpen = false)
        : this(stream, leaveOpen, knownLength: null, source: null)
    {
    }

    /// <param name="knownLength">The number of safetensors bytes the stream holds, when the caller knows it but the stream cannot seek (a zip entry).</param>
    /// <param name="source">A name for error messages (the file name).</param>
    internal SafeTensorsReader(Stream stream, bool leaveOpen, long? knownLength, string? source)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead) throw new ArgumentException("The stream must be readable.", nameof(stream));
        _stream = stream;
        _leaveOpen = leaveOpen;
        _source = source;
        try
        {
            _seekable = stream.CanSeek;
            _origin = _seekable ? stream.Position : 0;
            long? length = knownLength ?? (_seekable ? stream.Length - _origin : null);
            _lengthKnown = length is not null;
            _header = ReadHeader(length);
        }
        catch
        {
            if (!leaveOpen) stream.Dispose();
            throw;
        }
    }

    /// <summary>Opens <paramref name="path"/> and validates its header.</summary>
    public static SafeTensorsReader Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        return new SafeTensorsReader(stream, leaveOpen: false, knownLength: null, source: Path.GetFileName(path));
    }

    /// <summary>The tensors listed in the header, in the order of their data.</summary>
    public IReadOnlyList<SafeTensorsEntry> Entries => _header.Entries;

    /// <summary>The header's <c>__metadata__</c> strings (empty when absent).</summary>
    public IReadOnlyDictionary<string, string> Metadata => _header.Metadata;

    public bool TryGetEntry(string key, out SafeTensorsEntry entry)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _header.TryGetEntry(key, out entry);
    }

    /// <summary>Reads one tensor into new storage.</summary>
    /// <exception cref="KeyNotFoundException">The header lists no such key.</exception>
    /// <exception cref="InvalidOperationException">The stream cannot seek and this tensor's data was already passed.</exception>
    public Tensor ReadTensor(string key)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(key);
        if (!_header.TryGetEntry(key, out var entry))
            throw new KeyNotFoundException($"The safetensors data{SourceSuffix} has no tensor '{key}'.");
        MoveTo(entry);
        return ReadData(entry);
    }

    /// <summary>
    /// Reads every tensor, in data order. On a stream of unknown length it then checks that the data
    /// ends exactly where the last tensor does.
    /// </summary>
    public IReadOnlyDictionary<string, Tensor> ReadAll()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var tensors = new Dictionary<string, Tensor>(_header.Entries.Count, StringComparer.Ordinal);
        foreach (var entry in _header.Entries)
        {
            MoveTo(entry);
            tensors.Add(entry.Key, ReadData(entry));
        }
        if (!_lengthKnown) EnsureEndOfData();
        return tensors;
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (!_leaveOpen) _stream.Dispose();
    }

    private string SourceSuffix => _source is null ? "" : $" '{_source}'";

    private SafeTensorsHeader ReadHeader(long? length)
    {
        Span<byte> prefix = stackalloc byte[SafeTensorsLayout.LengthPrefixBytes];
        int got = _stream.ReadAtLeast(prefix, prefix.Length, throwOnEndOfStream: false);
        _position = got;
        if (got < prefix.Length)
            throw Error($"the data is {got} bytes long; a safetensors file starts with an 8-byte header length.", null, 0);
        ulong declared = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (declared > SafeTensorsLayout.MaxHeaderBytes)
            throw Error(
                $"the header length is {declared} bytes ({unchecked((long)declared)} as a signed number); " +
                $"the limit is {SafeTensorsLayout.MaxHeaderBytes} bytes.", null, 0);
        long headerLength = (long)declared;
        if (length is { } total && headerLength > total - SafeTensorsLayout.LengthPrefixBytes)
            throw Error(
                $"the header length is {headerLength} bytes, but only {total - SafeTensorsLayout.LengthPrefixBytes} bytes follow the length.", null, 0);
        var json = ReadHeaderBytes(headerLength);
        long? dataLength = length - SafeTensorsLayout.LengthPrefixBytes - headerLength;
        return SafeTensorsHeaderParser.Parse(json, dataLength, _source);
    }

    /// <summary>Reads the JSON header, growing the buffer as bytes arrive so a lying length on a short stream allocates little.</summary>
    private byte[] ReadHeaderBytes(long headerLength)
    {
        int length = (int)headerLength;
        var buffer = new byte[_lengthKnown ? length : Math.Min(length, 1 << 16)];
        int filled = 0;
        while (filled < length)
        {
            if (filled == buffer.Length) Array.Resize(ref buffer, (int)Math.Min(length, 2L * buffer.Length));
            int read = _stream.Read(buffer, filled, buffer.Length - filled);
            if (read == 0)
                throw Error($"the header is {length} bytes long, but the data ends after {filled} of them.", null, _position + filled);
            filled += read;
        }
        _position += length;
        return buffer;
    }

    private void MoveTo(SafeTensorsEntry entry)
    {
        long target = _header.DataStart + entry.Begin;
        if (_seekable)
        {
            _stream.Seek(_origin + target, SeekOrigin.Begin);
            _position = target;
            return;
        }
        if (target < _position)
            throw new InvalidOperationException(
                $"Tensor '{entry.Key}' lies before the current position of a stream that cannot seek; read tensors in Entries order, or use ReadAll.");
        Skip(target - _position, entry.Key);
    }

    private void Skip(long count, string key)
    {
        if (count == 0) return;
        var scratch = ArrayPool<byte>.Shared.Rent((int)Math.Min(count, TensorBytes.ChunkBytes));
        try
        {
            while (count > 0)
            {
                int read = _stream.Read(scratch, 0, (int)Math.Min(count, scratch.Length));
                if (read == 0) throw Error("the data ends before this tensor's data begins.", key, _position);
                _position += read;
                count -= read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    private Tensor ReadData(SafeTensorsEntry entry)
    {
        long start = _position;
        Tensor tensor;
        if (!_lengthKnown && entry.ByteLength > StagingThreshold)
        {
            tensor = ReadStaged(entry);
        }
        else
        {
            tensor = Tensor.Allocate(entry.Shape, entry.DType);
            long read = TensorBytes.ReadInto(_stream, tensor);
            _position += read;
            if (read < entry.ByteLength) throw Truncated(entry, read);
        }
        if (entry.DType == DType.Bool && TensorBytes.FirstInvalidBool(tensor, out byte value) is var bad and >= 0)
            throw Error($"element {bad} of this BOOL tensor is the byte {value}; a BOOL element must be 0 or 1.", entry.Key, start + bad);
        return tensor;
    }

    /// <summary>Collects the data in chunks first, proving the bytes exist before allocating the tensor.</summary>
    private Tensor ReadStaged(SafeTensorsEntry entry)
    {
        var chunks = new List<byte[]>();
        long collected = 0;
        while (collected < entry.ByteLength)
        {
            var chunk = new byte[(int)Math.Min(TensorBytes.ChunkBytes, entry.ByteLength - collected)];
            int read = _stream.ReadAtLeast(chunk, chunk.Length, throwOnEndOfStream: false);
            _position += read;
            collected += read;
            if (read < chunk.Length) throw Truncated(entry, collected);
            chunks.Add(chunk);
        }
        var tensor = Tensor.Allocate(entry.Shape, entry.DType);
        long at = 0;
        foreach (var chunk in chunks)
        {
            TensorBytes.CopyInto(tensor, at, chunk);
            at += chunk.Length;
        }
        return tensor;
    }

    private void EnsureEndOfData()
    {
        if (_stream.ReadByte() >= 0)
            throw Error("there are bytes after the last tensor's data; the tensors must cover the data region exactly.", null, _position);
    }

    private SafeTensorsFormatException Truncated(SafeTensorsEntry entry, long read) =>
        Error($"the data ends after {read} of this tensor's {entry.ByteLength} bytes.", entry.Key, _header.DataStart + entry.Begin + read);

    private SafeTensorsFormatException Error(string problem, string? key, long offset) => new(problem, key, offset, _source);
}
