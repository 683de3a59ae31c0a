using System.Buffers.Binary;
using System.Text;
using static Layers.Tests.Saving.SavingSupport;

namespace Layers.Tests.Saving;

/// <summary>Malformed and malicious safetensors input: each must be a <see cref="SafeTensorsFormatException"/> naming the problem.</summary>
public class SafeTensorsHostileInputTests
{
    private const string F32Pair = "\"dtype\":\"F32\",\"shape\":[2]";

    /// <summary>Asserts both a seekable and an unseekable read reject <paramref name="bytes"/>; checks the seekable message.</summary>
    private static SafeTensorsFormatException Rejected(byte[] bytes, params string[] fragments)
    {
        var error = Assert.Throws<SafeTensorsFormatException>(() => Read(bytes));
        foreach (var fragment in fragments) Assert.Contains(fragment, error.Message);
        Assert.Throws<SafeTensorsFormatException>(() => ReadUnseekable(bytes));
        return error;
    }

    private static SafeTensorsFormatException Rejected(string header, byte[] data, params string[] fragments) =>
        Rejected(RawFile(header, data), fragments);

    /// <summary>The file offset of the first occurrence of <paramref name="token"/> in an ASCII header.</summary>
    private static long At(string header, string token)
    {
        int index = header.IndexOf(token, StringComparison.Ordinal);
        Assert.True(index >= 0, $"'{token}' not in header");
        return 8 + index;
    }

    private static byte[] Data(int count) => Enumerable.Range(0, count).Select(i => (byte)i).ToArray();

    [Fact]
    public void Every_truncation_of_a_valid_file_is_rejected()
    {
        var bytes = SafeTensors.Serialize(
            [Entry("w", TensorAssert.Random(1, new Shape(2, 3), DType.Float32)), Entry("m", TensorAssert.Random(2, new Shape(3), DType.Bool))],
            new Dictionary<string, string> { ["k"] = "v" });
        Read(bytes); // the whole file is valid
        for (int length = 0; length < bytes.Length; length++)
        {
            var prefix = bytes[..length];
            var error = Assert.Throws<SafeTensorsFormatException>(() => Read(prefix));
            Assert.NotNull(error.Offset);
            Assert.InRange(error.Offset!.Value, 0, length);
            Assert.Throws<SafeTensorsFormatException>(() => ReadUnseekable(prefix));
        }
    }

    [Fact]
    public void Truncated_data_names_the_tensor_and_where_its_data_was_cut()
    {
        var bytes = SafeTensors.Serialize([Entry("w", Tensor.FromArray([1f, 2f, 3f]))]);
        var cut = bytes[..^5];
        var error = Assert.Throws<SafeTensorsFormatException>(() => ReadUnseekable(cut));
        Assert.Equal("w", error.Key);
        Assert.Equal(cut.Length, error.Offset);
        Assert.Contains("ends after 7 of this tensor's 12 bytes", error.Message);
    }

    [Theory]
    [InlineData(ulong.MaxValue, "-1 as a signed number")]
    [InlineData(0x8000_0000_0000_0000UL, "-9223372036854775808 as a signed number")]
    [InlineData(100_000_001UL, "limit is 100000000")]
    [InlineData(1UL << 40, "limit is 100000000")]
    public void Header_lengths_over_the_limit_are_refused_before_allocating(ulong declared, string fragment)
    {
        var error = Rejected(RawFile("{}", declaredLength: declared), "header length", fragment);
        Assert.Equal(0, error.Offset);
    }

    [Fact]
    public void A_header_length_longer_than_the_file_is_refused()
    {
        var bytes = RawFile("{}      ", declaredLength: 9);
        var error = Rejected(bytes, "header length is 9 bytes, but only 8 bytes follow");
        Assert.Equal(0, error.Offset);
        // Within the 100 MB limit but far beyond the data: an unseekable read must fail without reading or allocating it all.
        var stream = new UnseekableStream(new MemoryStream(RawFile("{}", declaredLength: 99_000_000)));
        long before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Throws<SafeTensorsFormatException>(() => SafeTensors.Read(stream));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 8_000_000, "allocated the declared header length up front");
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{")]
    [InlineData("{\"a\":")]
    [InlineData("{\"a\":{\"dtype\":\"F32\"")]
    [InlineData("{'a':1}")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",},}")]
    [InlineData("{} // comment")]
    [InlineData("{}{}")]
    [InlineData("")]
    [InlineData("        ")]
    public void Text_that_is_not_a_json_object_is_rejected(string header)
    {
        var error = Rejected(RawFile(header), "not valid JSON");
        Assert.NotNull(error.Offset);
    }

    [Theory]
    [InlineData("[]", "a list")]
    [InlineData("[{\"a\":1}]", "a list")]
    [InlineData("\"x\"", "a string")]
    [InlineData("42", "the number 42")]
    [InlineData("null", "null")]
    [InlineData("true", "a boolean")]
    public void A_header_that_is_json_but_not_an_object_is_rejected(string header, string found)
    {
        var error = Rejected(RawFile(header), "must be a JSON object", found);
        Assert.Equal(8, error.Offset);
    }

    [Fact]
    public void Invalid_utf8_is_rejected_with_its_offset()
    {
        var header = Encoding.UTF8.GetBytes("{\"ab\":1}").ToList();
        header.Insert(3, 0xFF);
        var error = Rejected(RawFile([.. header]), "not valid UTF-8");
        Assert.Equal(8 + 3, error.Offset);
    }

    [Fact]
    public void A_lone_surrogate_escape_in_a_key_is_rejected()
    {
        string header = "{\"a\\ud800\":{" + F32Pair + ",\"data_offsets\":[0,8]}}";
        Rejected(header, Data(8), "cannot be decoded");
    }

    [Theory]
    [InlineData("F16", "cannot hold")]
    [InlineData("BF16", "cannot hold")]
    [InlineData("U8", "cannot hold")]
    [InlineData("F99", "not a safetensors dtype")]
    [InlineData("f32", "not a safetensors dtype")]
    [InlineData("float32", "not a safetensors dtype")]
    public void Unknown_or_unsupported_dtypes_are_rejected(string dtype, string fragment)
    {
        string header = $"{{\"w\":{{\"dtype\":\"{dtype}\",\"shape\":[2],\"data_offsets\":[0,8]}}}}";
        var error = Rejected(header, Data(8), $"\"{dtype}\"", fragment, "F32, F64, I32, I64, BOOL");
        Assert.Equal("w", error.Key);
        Assert.Equal(At(header, $"\"{dtype}\""), error.Offset);
    }

    [Fact]
    public void A_dtype_that_is_not_a_string_is_rejected()
    {
        string header = "{\"w\":{\"dtype\":4,\"shape\":[1],\"data_offsets\":[0,4]}}";
        Rejected(header, Data(4), "dtype must be a string", "the number 4");
    }

    [Theory]
    [InlineData("[-1]", "non-negative integer", "the number -1")]
    [InlineData("[1.5]", "non-negative integer", "the number 1.5")]
    [InlineData("[2e0]", "non-negative integer", "the number 2e0")]
    [InlineData("[\"2\"]", "non-negative integer", "a string")]
    [InlineData("[null]", "non-negative integer", "null")]
    [InlineData("[[2]]", "non-negative integer", "a list")]
    [InlineData("[99999999999999999999999]", "non-negative integer", "the number 9999")]
    [InlineData("[3000000000]", "at most 2147483647")]
    [InlineData("[100000,100000,1000]", "too large")]
    [InlineData("[65536,65536,0]", "too large")]
    [InlineData("2", "must be a list")]
    [InlineData("{}", "must be a list")]
    public void Bad_shapes_are_rejected(string shape, params string[] fragments)
    {
        string header = $"{{\"w\":{{\"dtype\":\"F32\",\"shape\":{shape},\"data_offsets\":[0,8]}}}}";
        var error = Rejected(header, Data(8), fragments);
        Assert.Equal("w", error.Key);
    }

    [Fact]
    public void A_shape_with_more_than_64_dimensions_is_rejected()
    {
        string dims = string.Join(",", Enumerable.Repeat("1", 65));
        string header = $"{{\"w\":{{\"dtype\":\"F32\",\"shape\":[{dims}],\"data_offsets\":[0,4]}}}}";
        Rejected(header, Data(4), "more than 64 dimensions");
    }

    [Fact]
    public void A_size_that_does_not_match_the_shape_is_rejected_naming_both()
    {
        string header = "{\"w\":{" + F32Pair + ",\"data_offsets\":[0,12]}}";
        var error = Rejected(header, Data(12), "span 12 bytes", "F32", "(2,)", "need 8");
        Assert.Equal(At(header, "[0,12]"), error.Offset);
    }

    [Theory]
    [InlineData("[0]", "found 1 value")]
    [InlineData("[]", "found 0 values")]
    [InlineData("[0,4,8]", "more than two")]
    [InlineData("[-8,0]", "item 0 is the number -8")]
    [InlineData("[0,1.0]", "item 1 is the number 1.0")]
    [InlineData("[8,0]", "end before they begin")]
    [InlineData("{\"begin\":0}", "found an object")]
    [InlineData("[0,99999999999999999999]", "item 1 is the number")]
    public void Malformed_data_offsets_are_rejected(string offsets, string fragment)
    {
        string header = "{\"w\":{" + F32Pair + ",\"data_offsets\":" + offsets + "}}";
        var error = Rejected(header, Data(8), "data_offsets", fragment);
        Assert.Equal("w", error.Key);
    }

    [Fact]
    public void Offsets_past_the_end_of_the_data_are_rejected()
    {
        string header = "{\"w\":{" + F32Pair + ",\"data_offsets\":[4,12]}}";
        var bytes = RawFile(header, Data(8));
        var error = Assert.Throws<SafeTensorsFormatException>(() => Read(bytes));
        Assert.Contains("run past the end of the data region, which holds 8 bytes", error.Message);
        Assert.Equal("w", error.Key);
        Assert.Equal(8 + header.Length + 4, error.Offset);
        Assert.Throws<SafeTensorsFormatException>(() => ReadUnseekable(bytes));
    }

    [Fact]
    public void Overlapping_tensors_are_rejected_naming_both()
    {
        string header = "{\"a\":{" + F32Pair + ",\"data_offsets\":[0,8]},\"b\":{" + F32Pair + ",\"data_offsets\":[4,12]}}";
        var error = Rejected(header, Data(12), "overlaps the data of 'a' [0, 8]");
        Assert.Equal("b", error.Key);
        Assert.Equal(8 + header.Length + 4, error.Offset);
    }

    [Fact]
    public void Two_tensors_on_the_same_bytes_are_rejected()
    {
        string header = "{\"a\":{" + F32Pair + ",\"data_offsets\":[0,8]},\"b\":{" + F32Pair + ",\"data_offsets\":[0,8]}}";
        Rejected(header, Data(8), "overlaps");
    }

    [Fact]
    public void A_zero_size_tensor_inside_another_ones_data_is_rejected()
    {
        string header = "{\"a\":{" + F32Pair + ",\"data_offsets\":[0,8]},\"z\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[4,4]}}";
        Rejected(header, Data(8), "overlaps");
    }

    [Fact]
    public void A_gap_before_the_first_tensor_is_rejected()
    {
        string header = "{\"a\":{" + F32Pair + ",\"data_offsets\":[4,12]}}";
        var error = Rejected(header, Data(12), "data bytes 0..4 before it belong to no tensor");
        Assert.Equal("a", error.Key);
        Assert.Equal(8 + header.Length, error.Offset);
    }

    [Fact]
    public void A_gap_between_tensors_is_rejected()
    {
        string header = "{\"a\":{" + F32Pair + ",\"data_offsets\":[0,8]},\"b\":{" + F32Pair + ",\"data_offsets\":[10,18]}}";
        var error = Rejected(header, Data(18), "data bytes 8..10 before it belong to no tensor");
        Assert.Equal("b", error.Key);
    }

    [Fact]
    public void Bytes_after_the_last_tensor_are_rejected()
    {
        string header = "{\"a\":{" + F32Pair + ",\"data_offsets\":[0,8]}}";
        var error = Rejected(header, Data(9), "after the last tensor");
        Assert.Equal(8 + header.Length + 8, error.Offset);
        Rejected("{}", Data(1), "after the last tensor");
    }

    [Fact]
    public void A_duplicated_tensor_key_is_rejected_even_when_escaped_differently()
    {
        string entry = "{" + F32Pair + ",\"data_offsets\":[0,8]}";
        string header = "{\"a\":" + entry + ",\"\\u0061\":" + entry + "}";
        var error = Rejected(header, Data(8), "appears twice");
        Assert.Equal("a", error.Key);
        Assert.Equal(At(header, "\"\\u0061\""), error.Offset);
    }

    [Fact]
    public void A_duplicated_metadata_block_or_metadata_key_is_rejected()
    {
        Rejected("{\"__metadata__\":{},\"__metadata__\":{}}", [], "__metadata__", "appears twice");
        Rejected("{\"__metadata__\":{\"k\":\"1\",\"k\":\"2\"}}", [], "lists 'k' twice");
    }

    [Fact]
    public void A_duplicated_field_in_an_entry_is_rejected()
    {
        string header = "{\"w\":{" + F32Pair + ",\"dtype\":\"F32\",\"data_offsets\":[0,8]}}";
        Rejected(header, Data(8), "lists 'dtype' twice");
    }

    [Theory]
    [InlineData("{\"k\":1}", "value of 'k' must be a string", "the number 1")]
    [InlineData("{\"k\":null}", "value of 'k' must be a string", "null")]
    [InlineData("{\"k\":{\"x\":\"y\"}}", "value of 'k' must be a string", "an object")]
    [InlineData("{\"k\":[\"y\"]}", "value of 'k' must be a string", "a list")]
    [InlineData("[]", "must be an object of string values", "a list")]
    [InlineData("\"text\"", "must be an object of string values", "a string")]
    public void Metadata_must_map_strings_to_strings(string metadata, params string[] fragments)
    {
        var error = Rejected("{\"__metadata__\":" + metadata + "}", [], fragments);
        Assert.Equal("__metadata__", error.Key);
    }

    [Theory]
    [InlineData("[1]", "found a list")]
    [InlineData("\"F32\"", "found a string")]
    [InlineData("null", "found null")]
    public void An_entry_that_is_not_an_object_is_rejected(string entry, string fragment)
    {
        Rejected("{\"w\":" + entry + "}", [], "tensor entry must be an object", fragment);
    }

    [Theory]
    [InlineData("{\"dtype\":\"F32\",\"shape\":[2]}", "no data_offsets")]
    [InlineData("{\"shape\":[2],\"data_offsets\":[0,8]}", "no dtype")]
    [InlineData("{}", "no dtype or shape or data_offsets")]
    public void An_entry_missing_fields_is_rejected(string entry, string fragment)
    {
        Rejected("{\"w\":" + entry + "}", Data(8), fragment);
    }

    [Fact]
    public void An_unknown_field_in_an_entry_is_rejected()
    {
        string header = "{\"w\":{" + F32Pair + ",\"data_offsets\":[0,8],\"offsets\":[0,8]}}";
        var error = Rejected(header, Data(8), "unknown field 'offsets'");
        Assert.Equal(At(header, "\"offsets\""), error.Offset);
    }

    [Fact]
    public void Deep_nesting_is_rejected_without_recursion()
    {
        string deep = new string('[', 100_000) + new string(']', 100_000);
        Rejected("{\"w\":" + deep + "}", [], "tensor entry must be an object");
        Rejected("{\"__metadata__\":{\"k\":" + deep + "}}", [], "must be a string");
        Rejected(deep, [], "must be a JSON object");
    }

    [Fact]
    public void A_bool_byte_other_than_0_or_1_is_rejected_with_its_offset()
    {
        string header = "{\"m\":{\"dtype\":\"BOOL\",\"shape\":[4],\"data_offsets\":[0,4]}}";
        var error = Rejected(header, [1, 0, 2, 1], "element 2", "the byte 2", "must be 0 or 1");
        Assert.Equal("m", error.Key);
        Assert.Equal(8 + header.Length + 2, error.Offset);
    }

    [Fact]
    public void Trailing_text_after_the_header_object_is_rejected()
    {
        Rejected(RawFile("{}  x   "), "JSON");
        Rejected(RawFile("{}\0\0\0\0\0\0"), "JSON");
    }

    [Fact]
    public void An_unseekable_stream_cannot_make_the_reader_allocate_what_it_does_not_hold()
    {
        // The header claims a 1 GB tensor; the stream holds 16 bytes of it.
        string header = "{\"w\":{\"dtype\":\"F64\",\"shape\":[134217728],\"data_offsets\":[0,1073741824]}}";
        var stream = new UnseekableStream(new MemoryStream(RawFile(header, Data(16))));
        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<SafeTensorsFormatException>(() => SafeTensors.Read(stream));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 32_000_000, "allocated the declared tensor size");
        Assert.Contains("ends after 16 of this tensor's 1073741824 bytes", error.Message);
        Assert.Equal("w", error.Key);
    }

    [Fact]
    public void An_endless_stream_ends_in_an_error_not_a_hang()
    {
        // Length prefix 0 → an empty header: the reader must stop at the header, not read forever.
        Assert.Throws<SafeTensorsFormatException>(() => SafeTensors.Read(new EndlessZeros()));
        // A valid header followed by endless data: the reader stops after the last tensor and reports the extra bytes.
        var prefix = SafeTensors.Serialize([Entry("w", Tensor.FromArray([1f]))]);
        var stream = new ConcatenatedStream(prefix, new EndlessZeros());
        var error = Assert.Throws<SafeTensorsFormatException>(() => SafeTensors.Read(stream));
        Assert.Contains("after the last tensor", error.Message);
    }

    [Fact]
    public void The_error_names_the_file_when_reading_from_a_path()
    {
        using var dir = new TempDirectory();
        string path = dir.File("broken.safetensors");
        File.WriteAllBytes(path, RawFile("[]"));
        var error = Assert.Throws<SafeTensorsFormatException>(() => SafeTensors.Load(path));
        Assert.Contains("'broken.safetensors'", error.Message);
        Assert.Equal(["broken.safetensors"], dir.Entries());
        File.Delete(path); // the reader closed the file
    }

    [Fact]
    public void The_length_prefix_is_little_endian()
    {
        var bytes = SafeTensors.Serialize([]);
        Assert.Equal(8UL, BinaryPrimitives.ReadUInt64LittleEndian(bytes));
        var bigEndian = (byte[])bytes.Clone();
        BinaryPrimitives.WriteUInt64BigEndian(bigEndian, 8);
        Rejected(bigEndian, "header length");
    }

    /// <summary>Reads one array, then another stream.</summary>
    private sealed class ConcatenatedStream(byte[] first, Stream second) : ForwardOnlyStream
    {
        private int _position;

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position < first.Length)
            {
                int n = Math.Min(count, first.Length - _position);
                Array.Copy(first, _position, buffer, offset, n);
                _position += n;
                return n;
            }
            return second.Read(buffer, offset, count);
        }
    }
}
