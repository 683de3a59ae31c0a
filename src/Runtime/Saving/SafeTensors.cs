namespace Layers;

/// <summary>
/// The safetensors format (Hugging Face): an 8-byte little-endian header length N, N bytes of UTF-8
/// JSON describing each tensor (<c>dtype</c>, <c>shape</c>, <c>data_offsets</c>) plus an optional
/// <c>__metadata__</c> map of strings, then the raw little-endian data. Supports F32, F64, I32, I64
/// and BOOL.
/// <para>
/// Writes are deterministic: keys sorted by code point, data contiguous in that order, the header
/// padded with spaces to a multiple of 8 (as the reference writer does). Reads treat the input as
/// hostile; see <see cref="SafeTensorsReader"/>.
/// </para>
/// </summary>
public static class SafeTensors
{
    /// <summary>Writes <paramref name="tensors"/> to <paramref name="stream"/> at its current position.</summary>
    /// <param name="metadata">The <c>__metadata__</c> strings; omitted from the header when null or empty.</param>
    public static void Write(Stream stream, IEnumerable<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        SafeTensorsWritePlan.Create(tensors, metadata).WriteTo(stream);
    }

    /// <summary>The bytes of a safetensors file holding <paramref name="tensors"/> (at most <see cref="Array.MaxLength"/> of them).</summary>
    public static byte[] Serialize(IEnumerable<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var plan = SafeTensorsWritePlan.Create(tensors, metadata);
        if (plan.Length > Array.MaxLength)
            throw new InvalidOperationException(
                $"The tensors need {plan.Length} bytes, more than one array holds; use Write with a stream or Save with a file.");
        using var stream = new MemoryStream((int)plan.Length);
        plan.WriteTo(stream);
        return stream.ToArray();
    }

    /// <summary>
    /// Writes a safetensors file atomically: to a temporary file in the same directory, flushed, then
    /// renamed over <paramref name="path"/>. If anything fails, the previous file is untouched and no
    /// temporary file remains.
    /// </summary>
    public static void Save(string path, IEnumerable<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var plan = SafeTensorsWritePlan.Create(tensors, metadata);
        AtomicFile.Write(path, plan.WriteTo);
    }

    /// <summary>Reads every tensor and the metadata from <paramref name="stream"/>, from its current position.</summary>
    /// <exception cref="SafeTensorsFormatException">The data is malformed; the message names the key and byte offset.</exception>
    public static SafeTensorsFile Read(Stream stream)
    {
        using var reader = new SafeTensorsReader(stream, leaveOpen: true);
        return new SafeTensorsFile(reader.ReadAll(), reader.Metadata);
    }

    /// <summary>Reads every tensor and the metadata from the file at <paramref name="path"/>.</summary>
    /// <exception cref="SafeTensorsFormatException">The file is malformed; the message names the file, the key and byte offset.</exception>
    public static SafeTensorsFile Load(string path)
    {
        using var reader = SafeTensorsReader.Open(path);
        return new SafeTensorsFile(reader.ReadAll(), reader.Metadata);
    }
}
