using System.Buffers.Binary;
using System.Text;

namespace Layers;

/// <summary>
/// What a safetensors write will put where, decided before the first byte is written: tensors sorted
/// by key (as UTF-8 bytes, i.e. by code point, so the bytes are the same on every machine), data laid
/// out contiguously in that order, and the header that describes it. Validating everything here means
/// a bad argument never leaves a half-written file.
/// </summary>
internal sealed class SafeTensorsWritePlan
{
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly (string Key, Tensor Tensor)[] _tensors;
    private readonly byte[] _header;

    private SafeTensorsWritePlan((string Key, Tensor Tensor)[] tensors, byte[] header)
    {
        _tensors = tensors;
        _header = header;
    }

    /// <summary>The total number of bytes the write produces.</summary>
    public long Length { get; private init; }

    public static SafeTensorsWritePlan Create(IEnumerable<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var entries = new List<(byte[] Utf8, string Key, Tensor Tensor)>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, tensor) in tensors)
        {
            ArgumentNullException.ThrowIfNull(key, "tensor key");
            if (key == SafeTensorsLayout.MetadataKey)
                throw new ArgumentException($"'{SafeTensorsLayout.MetadataKey}' is reserved for the metadata map and cannot name a tensor.", nameof(tensors));
            if (tensor is null)
                throw new ArgumentException($"The tensor for key '{key}' is null.", nameof(tensors));
            if (!keys.Add(key))
                throw new ArgumentException($"Key '{key}' is given twice; safetensors keys are unique.", nameof(tensors));
            entries.Add((Encode(key, "tensor key"), key, tensor));
        }
        entries.Sort(static (a, b) => a.Utf8.AsSpan().SequenceCompareTo(b.Utf8));

        var json = new SafeTensorsJson();
        json.Byte((byte)'{');
        bool first = true;
        if (metadata is { Count: > 0 })
        {
            WriteMetadata(json, metadata);
            first = false;
        }
        long offset = 0;
        foreach (var (utf8, _, tensor) in entries)
        {
            if (!first) json.Byte((byte)',');
            first = false;
            long end = offset + TensorBytes.ByteLength(tensor);
            WriteEntry(json, utf8, tensor, offset, end);
            offset = end;
        }
        json.Byte((byte)'}');
        var header = json.ToPaddedArray(SafeTensorsLayout.HeaderAlignment);
        return new SafeTensorsWritePlan([.. entries.Select(e => (e.Key, e.Tensor))], header)
        {
            Length = SafeTensorsLayout.LengthPrefixBytes + header.Length + offset,
        };
    }

    public void WriteTo(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Span<byte> prefix = stackalloc byte[SafeTensorsLayout.LengthPrefixBytes];
        BinaryPrimitives.WriteUInt64LittleEndian(prefix, (ulong)_header.Length);
        stream.Write(prefix);
        stream.Write(_header);
        foreach (var (_, tensor) in _tensors) TensorBytes.Write(stream, tensor);
    }

    private static void WriteMetadata(SafeTensorsJson json, IReadOnlyDictionary<string, string> metadata)
    {
        var pairs = new List<(byte[] Key, byte[] Value)>(metadata.Count);
        foreach (var (key, value) in metadata)
        {
            ArgumentNullException.ThrowIfNull(key, "metadata key");
            if (value is null) throw new ArgumentException($"Metadata value for '{key}' is null; metadata values are strings.", nameof(metadata));
            pairs.Add((Encode(key, "metadata key"), Encode(value, $"metadata value for '{key}'")));
        }
        pairs.Sort(static (a, b) => a.Key.AsSpan().SequenceCompareTo(b.Key));
        json.String(Encoding.ASCII.GetBytes(SafeTensorsLayout.MetadataKey));
        json.Raw(":{");
        for (int i = 0; i < pairs.Count; i++)
        {
            if (i > 0) json.Byte((byte)',');
            json.String(pairs[i].Key);
            json.Byte((byte)':');
            json.String(pairs[i].Value);
        }
        json.Byte((byte)'}');
    }

    private static void WriteEntry(SafeTensorsJson json, byte[] key, Tensor tensor, long begin, long end)
    {
        json.String(key);
        json.Raw(":{\"dtype\":\"");
        json.Raw(SafeTensorsDTypes.Name(tensor.DType));
        json.Raw("\",\"shape\":[");
        var dims = tensor.Shape.Dims;
        for (int i = 0; i < dims.Length; i++)
        {
            if (i > 0) json.Byte((byte)',');
            json.Integer(dims[i]);
        }
        json.Raw("],\"data_offsets\":[");
        json.Integer(begin);
        json.Byte((byte)',');
        json.Integer(end);
        json.Raw("]}");
    }

    /// <summary>UTF-8 bytes of <paramref name="text"/>; a lone surrogate cannot be written as UTF-8 and is an argument error.</summary>
    private static byte[] Encode(string text, string what)
    {
        try
        {
            return s_strictUtf8.GetBytes(text);
        }
        catch (EncoderFallbackException e)
        {
            throw new ArgumentException($"The {what} '{text}' is not valid Unicode (it holds a lone surrogate), so it cannot be written as UTF-8.", e);
        }
    }
}
