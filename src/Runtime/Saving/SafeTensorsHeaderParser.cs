using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Layers;

/// <summary>
/// Parses and validates a safetensors JSON header with a forward-only <see cref="Utf8JsonReader"/>, so
/// each error can name the byte where it was found and nothing is materialized that the format does
/// not allow: the header is an object of tensor entries plus an optional <c>__metadata__</c> map of
/// strings, and nothing else.
/// </summary>
internal ref struct SafeTensorsHeaderParser
{
    private const int MaxShownTokenChars = 40;

    /// <summary>Keys are shown in full up to this length: real weight paths are long, hostile ones can be megabytes.</summary>
    private const int MaxShownKeyChars = 300;

    private readonly ReadOnlySpan<byte> _json;
    private readonly string? _source;
    private Utf8JsonReader _reader;

    private SafeTensorsHeaderParser(ReadOnlySpan<byte> json, string? source)
    {
        _json = json;
        _source = source;
        _reader = new Utf8JsonReader(json, new JsonReaderOptions
        {
            CommentHandling = JsonCommentHandling.Disallow,
            AllowTrailingCommas = false,
            // Root object → entry → shape array is depth 3; anything deeper is refused by structure anyway.
            MaxDepth = 8,
        });
    }

    /// <summary>Where the JSON starts in the file: right after the 8-byte length.</summary>
    private static long JsonStart => SafeTensorsLayout.LengthPrefixBytes;

    /// <param name="json">The N header bytes.</param>
    /// <param name="dataLength">The size of the data region when known (seekable or sized input); null for a plain stream.</param>
    public static SafeTensorsHeader Parse(ReadOnlySpan<byte> json, long? dataLength, string? source)
    {
        if (!Utf8.IsValid(json))
            throw new SafeTensorsFormatException("the header is not valid UTF-8.", null, JsonStart + FirstInvalidUtf8(json), source);
        var parser = new SafeTensorsHeaderParser(json, source);
        var (entries, metadata) = parser.ParseDocument();
        var ordered = SafeTensorsCoverage.Validate(entries, JsonStart + json.Length, dataLength, source);
        return new SafeTensorsHeader(ordered, metadata, json.Length);
    }

    private (List<SafeTensorsEntry> Entries, Dictionary<string, string> Metadata) ParseDocument()
    {
        var entries = new List<SafeTensorsEntry>();
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            // An empty or all-space header makes the reader throw (no JSON value), like any malformed text.
            if (ReadToken() != JsonTokenType.StartObject)
                throw Error($"the header must be a JSON object; found {DescribeToken()}.", null, TokenOffset);
            while (ReadToken() != JsonTokenType.EndObject)
            {
                long keyOffset = TokenOffset;
                string key = ReadString(null);
                if (!keys.Add(key))
                    throw Error("the key appears twice in the header.", key, keyOffset);
                ReadToken();
                if (key == SafeTensorsLayout.MetadataKey) ParseMetadata(metadata);
                else entries.Add(ParseEntry(key));
            }
            // The reader refuses anything but whitespace after the root object (the padding is spaces).
            if (_reader.Read())
                throw Error($"unexpected {DescribeToken()} after the header object.", null, TokenOffset);
        }
        catch (JsonException e)
        {
            throw new SafeTensorsFormatException($"the header is not valid JSON: {e.Message}", null, OffsetOf(e), _source, e);
        }
        return (entries, metadata);
    }

    private void ParseMetadata(Dictionary<string, string> metadata)
    {
        const string key = SafeTensorsLayout.MetadataKey;
        if (_reader.TokenType != JsonTokenType.StartObject)
            throw Error($"__metadata__ must be an object of string values; found {DescribeToken()}.", key, TokenOffset);
        while (ReadToken() != JsonTokenType.EndObject)
        {
            long nameOffset = TokenOffset;
            string name = ReadString(key);
            if (metadata.ContainsKey(name))
                throw Error($"__metadata__ lists '{name}' twice.", key, nameOffset);
            ReadToken();
            if (_reader.TokenType != JsonTokenType.String)
                throw Error($"__metadata__ value of '{name}' must be a string; found {DescribeToken()}.", key, TokenOffset);
            metadata.Add(name, ReadString(key));
        }
    }

    private SafeTensorsEntry ParseEntry(string key)
    {
        long entryOffset = TokenOffset;
        if (_reader.TokenType != JsonTokenType.StartObject)
            throw Error($"a tensor entry must be an object {{\"dtype\", \"shape\", \"data_offsets\"}}; found {DescribeToken()}.", key, entryOffset);
        DType? dtype = null;
        int[]? shape = null;
        (long Begin, long End, long Offset)? offsets = null;
        while (ReadToken() != JsonTokenType.EndObject)
        {
            long fieldOffset = TokenOffset;
            string field = ReadString(key);
            ReadToken();
            switch (field)
            {
                case "dtype" when dtype is null:
                    dtype = ParseDType(key);
                    break;
                case "shape" when shape is null:
                    shape = ParseShape(key);
                    break;
                case "data_offsets" when offsets is null:
                    long at = TokenOffset;
                    var (begin, end) = ParseOffsets(key);
                    offsets = (begin, end, at);
                    break;
                case "dtype" or "shape" or "data_offsets":
                    throw Error($"the entry lists '{field}' twice.", key, fieldOffset);
                default:
                    throw Error($"unknown field '{Shorten(field)}' in a tensor entry; an entry has exactly dtype, shape and data_offsets.", key, fieldOffset);
            }
        }
        if (dtype is null || shape is null || offsets is null)
        {
            var missing = new List<string>(3);
            if (dtype is null) missing.Add("dtype");
            if (shape is null) missing.Add("shape");
            if (offsets is null) missing.Add("data_offsets");
            throw Error($"the entry has no {string.Join(" or ", missing)}.", key, entryOffset);
        }
        long byteLength = ByteLength(key, shape, dtype.Value, entryOffset);
        var (b, e, offsetsAt) = offsets.Value;
        if (e - b != byteLength)
            throw Error(
                $"data_offsets [{b}, {e}] span {e - b} bytes, but dtype {SafeTensorsDTypes.Name(dtype.Value)} and shape " +
                $"{Shape.FromOwned(shape)} need {byteLength}.", key, offsetsAt);
        return new SafeTensorsEntry(key, dtype.Value, Shape.FromOwned(shape), b, e);
    }

    private DType ParseDType(string key)
    {
        long at = TokenOffset;
        if (_reader.TokenType != JsonTokenType.String)
            throw Error($"dtype must be a string such as \"F32\"; found {DescribeToken()}.", key, at);
        string name = ReadString(key);
        return SafeTensorsDTypes.TryParse(name, out var dtype)
            ? dtype
            : throw Error(SafeTensorsDTypes.Unsupported(Shorten(name)), key, at);
    }

    private int[] ParseShape(string key)
    {
        if (_reader.TokenType != JsonTokenType.StartArray)
            throw Error($"shape must be a list of non-negative integers; found {DescribeToken()}.", key, TokenOffset);
        var dims = new List<int>();
        while (ReadToken() != JsonTokenType.EndArray)
        {
            long at = TokenOffset;
            if (dims.Count == SafeTensorsLayout.MaxRank)
                throw Error($"shape has more than {SafeTensorsLayout.MaxRank} dimensions.", key, at);
            if (_reader.TokenType != JsonTokenType.Number || !_reader.TryGetInt64(out long dim) || dim < 0)
                throw Error($"shape dimension {dims.Count} must be a non-negative integer; found {DescribeToken()}.", key, at);
            if (dim > int.MaxValue)
                throw Error($"shape dimension {dims.Count} is {dim}; a dimension can be at most {int.MaxValue}.", key, at);
            dims.Add((int)dim);
        }
        return [.. dims];
    }

    private (long Begin, long End) ParseOffsets(string key)
    {
        long at = TokenOffset;
        const string expected = "data_offsets must be a list of two non-negative integers [begin, end]";
        if (_reader.TokenType != JsonTokenType.StartArray)
            throw Error($"{expected}; found {DescribeToken()}.", key, at);
        Span<long> values = stackalloc long[2];
        int count = 0;
        while (ReadToken() != JsonTokenType.EndArray)
        {
            if (count == 2)
                throw Error($"{expected}; found more than two values.", key, at);
            if (_reader.TokenType != JsonTokenType.Number || !_reader.TryGetInt64(out long value) || value < 0)
                throw Error($"{expected}; item {count} is {DescribeToken()}.", key, TokenOffset);
            values[count++] = value;
        }
        if (count != 2)
            throw Error($"{expected}; found {count} value{(count == 1 ? "" : "s")}.", key, at);
        if (values[0] > values[1])
            throw Error($"data_offsets [{values[0]}, {values[1]}] end before they begin.", key, at);
        return (values[0], values[1]);
    }

    /// <summary>
    /// Element count × item size, refusing shapes a <see cref="Tensor"/> cannot hold. The product of the
    /// non-zero dimensions is bounded (not just the total), because <see cref="Shape.Size"/> multiplies
    /// left to right and would overflow on (2^30, 2^30, 0) before reaching the zero.
    /// </summary>
    private readonly long ByteLength(string key, int[] shape, DType dtype, long at)
    {
        long nonZeroProduct = 1;
        bool hasZero = false;
        foreach (int dim in shape)
        {
            if (dim == 0)
            {
                hasZero = true;
                continue;
            }
            if (nonZeroProduct > Array.MaxLength / dim)
                throw Error($"shape {Shape.FromOwned(shape)} is too large: a tensor holds at most {Array.MaxLength} elements.", key, at);
            nonZeroProduct *= dim;
        }
        long count = hasZero ? 0 : nonZeroProduct;
        return count * dtype.SizeOf();
    }

    /// <summary>Reads the next token; the reader itself throws on truncated or malformed JSON.</summary>
    private JsonTokenType ReadToken()
    {
        _reader.Read();
        return _reader.TokenType;
    }

    /// <summary>The current string or property name, unescaped; a lone surrogate escape is a format error, not a crash.</summary>
    private string ReadString(string? key)
    {
        try
        {
            return _reader.GetString()!;
        }
        catch (InvalidOperationException e)
        {
            throw Error($"a string in the header cannot be decoded: {e.Message}", key, TokenOffset);
        }
    }

    private readonly long TokenOffset => JsonStart + _reader.TokenStartIndex;

    private readonly string DescribeToken() => _reader.TokenType switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "a list",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "the number " + Shorten(Encoding.UTF8.GetString(_reader.ValueSpan)),
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        JsonTokenType.EndArray => "the end of the list",
        JsonTokenType.EndObject => "the end of the object",
        var other => other.ToString(),
    };

    private static string Shorten(string text) =>
        text.Length <= MaxShownTokenChars ? text : text[..MaxShownTokenChars] + "…";

    private readonly SafeTensorsFormatException Error(string problem, string? key, long offset) =>
        new(problem, key is null || key.Length <= MaxShownKeyChars ? key : key[..MaxShownKeyChars] + "…", offset, _source);

    /// <summary>The file offset of a reader error: the reader reports a line and a byte within it.</summary>
    private readonly long? OffsetOf(JsonException e)
    {
        if (e.LineNumber is not { } line || e.BytePositionInLine is not { } column) return null;
        long lineStart = 0;
        for (long i = 0; i < line; i++)
        {
            int next = _json[(int)lineStart..].IndexOf((byte)'\n');
            if (next < 0) return null;
            lineStart += next + 1;
        }
        return JsonStart + lineStart + column;
    }

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        int i = 0;
        while (i < bytes.Length)
        {
            if (Rune.DecodeFromUtf8(bytes[i..], out _, out int consumed) != OperationStatus.Done) return i;
            i += consumed;
        }
        return i;
    }
}
