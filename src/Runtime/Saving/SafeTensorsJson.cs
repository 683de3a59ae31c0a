using System.Buffers;
using System.Globalization;
using System.Text;

namespace Layers;

/// <summary>
/// Writes the header JSON byte by byte, so its bytes are fixed by this file rather than by an encoder's
/// defaults: compact, keys as UTF-8 (not \u-escaped), and only <c>"</c>, <c>\</c> and control
/// characters escaped — what the reference writer (serde_json) and Python's
/// <c>json.dumps(…, separators=(",", ":"), ensure_ascii=False)</c> both produce.
/// </summary>
internal sealed class SafeTensorsJson
{
    private readonly ArrayBufferWriter<byte> _buffer = new(256);

    public void Raw(string ascii) => Encoding.ASCII.GetBytes(ascii, _buffer);

    public void Byte(byte value) => _buffer.Write([value]);

    public void Integer(long value)
    {
        var span = _buffer.GetSpan(20);
        value.TryFormat(span, out int written, provider: CultureInfo.InvariantCulture);
        _buffer.Advance(written);
    }

    /// <summary>A JSON string from already-encoded UTF-8 text.</summary>
    public void String(ReadOnlySpan<byte> utf8)
    {
        Byte((byte)'"');
        foreach (byte b in utf8)
        {
            switch (b)
            {
                case (byte)'"': Raw("\\\""); break;
                case (byte)'\\': Raw("\\\\"); break;
                case (byte)'\b': Raw("\\b"); break;
                case (byte)'\f': Raw("\\f"); break;
                case (byte)'\n': Raw("\\n"); break;
                case (byte)'\r': Raw("\\r"); break;
                case (byte)'\t': Raw("\\t"); break;
                case < 0x20: Raw("\\u00" + b.ToString("x2", CultureInfo.InvariantCulture)); break;
                default: Byte(b); break;
            }
        }
        Byte((byte)'"');
    }

    /// <summary>The JSON written so far, padded with spaces to a multiple of <paramref name="alignment"/>.</summary>
    public byte[] ToPaddedArray(int alignment)
    {
        int padding = (alignment - _buffer.WrittenCount % alignment) % alignment;
        var result = new byte[_buffer.WrittenCount + padding];
        _buffer.WrittenSpan.CopyTo(result);
        result.AsSpan(_buffer.WrittenCount).Fill((byte)' ');
        return result;
    }
}
