namespace Layers;

/// <summary>
/// One tensor listed in a safetensors header: its key, dtype, shape and the byte range of its data,
/// relative to the start of the data region (as the format stores it).
/// </summary>
public sealed record SafeTensorsEntry(string Key, DType DType, Shape Shape, long Begin, long End)
{
    /// <summary>The number of bytes of data: element count × item size.</summary>
    public long ByteLength => End - Begin;
}
