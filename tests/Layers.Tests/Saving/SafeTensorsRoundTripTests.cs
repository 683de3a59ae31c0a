using System.Buffers.Binary;
using System.Text;
using static Layers.Tests.Saving.SavingSupport;

namespace Layers.Tests.Saving;

public class SafeTensorsRoundTripTests
{
    public static TheoryData<DType, int[]> DTypesAndShapes()
    {
        int[][] shapes = [[], [0], [1], [7], [3, 0, 2], [2, 3, 5], [1, 1, 1, 1, 1], [17, 33], [0, 0]];
        var data = new TheoryData<DType, int[]>();
        foreach (var dtype in Enum.GetValues<DType>())
            foreach (var shape in shapes)
                data.Add(dtype, shape);
        return data;
    }

    [Theory]
    [MemberData(nameof(DTypesAndShapes))]
    public void Every_dtype_and_odd_shape_round_trips_bit_for_bit(DType dtype, int[] dims)
    {
        var shape = new Shape(dims);
        var tensor = TensorAssert.Random(seed: dims.Sum() + (int)dtype, shape, dtype);
        var bytes = SafeTensors.Serialize([Entry("t", tensor)]);

        var seekable = Read(bytes);
        TensorAssert.Identical(tensor, seekable.Tensors["t"]);
        var unseekable = ReadUnseekable(bytes);
        TensorAssert.Identical(tensor, unseekable.Tensors["t"]);
    }

    [Fact]
    public void Special_float_values_keep_their_bits()
    {
        var f32 = Tensor.FromArray([float.NaN, float.PositiveInfinity, float.NegativeInfinity, -0.0f, float.Epsilon, float.MaxValue]);
        var f64 = Tensor.FromArray([double.NaN, -0.0, double.Epsilon, double.MinValue]);
        var file = Read(SafeTensors.Serialize([Entry("a", f32), Entry("b", f64)]));
        TensorAssert.Identical(f32, file.Tensors["a"]);
        TensorAssert.Identical(f64, file.Tensors["b"]);
    }

    [Fact]
    public void Several_tensors_and_metadata_round_trip()
    {
        var tensors = new Dictionary<string, Tensor>
        {
            ["z/last"] = TensorAssert.Random(1, new Shape(4, 4), DType.Float32),
            ["a/first"] = TensorAssert.Random(2, new Shape(3), DType.Int64),
            ["m/mask"] = TensorAssert.Random(3, new Shape(2, 5), DType.Bool),
            ["empty"] = Tensor.Zeros(new Shape(0, 7), DType.Float64),
        };
        var metadata = new Dictionary<string, string> { ["format"] = "pt", ["ünïcode"] = "välue \"quoted\"\n" };
        var file = Read(SafeTensors.Serialize(tensors, metadata));

        Assert.Equal(tensors.Keys.Order(StringComparer.Ordinal), file.Tensors.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, tensor) in tensors) TensorAssert.Identical(tensor, file.Tensors[key]);
        Assert.Equal(metadata.OrderBy(p => p.Key, StringComparer.Ordinal), file.Metadata.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void Bytes_do_not_depend_on_the_order_tensors_are_given_in()
    {
        var a = TensorAssert.Random(1, new Shape(2), DType.Float32);
        var b = TensorAssert.Random(2, new Shape(3), DType.Int32);
        var c = TensorAssert.Random(3, new Shape(1), DType.Bool);
        var meta1 = new Dictionary<string, string> { ["x"] = "1", ["y"] = "2" };
        var meta2 = new Dictionary<string, string> { ["y"] = "2", ["x"] = "1" };
        Assert.Equal(
            SafeTensors.Serialize([Entry("b", b), Entry("a", a), Entry("c", c)], meta1),
            SafeTensors.Serialize([Entry("c", c), Entry("b", b), Entry("a", a)], meta2));
    }

    [Fact]
    public void Keys_are_sorted_by_code_point_not_by_utf16_unit()
    {
        // U+FF61 sorts before U+1F600 by code point (and UTF-8 bytes), but after it by UTF-16 units
        // (0xFF61 > 0xD83D), which is what string.CompareOrdinal would use.
        const string bmp = "\uFF61", astral = "\U0001F600";
        var bytes = SafeTensors.Serialize([Entry(astral, Tensor.Scalar(1f)), Entry(bmp, Tensor.Scalar(2f))]);
        string header = Encoding.UTF8.GetString(bytes, 8, (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes));
        Assert.True(header.IndexOf(bmp, StringComparison.Ordinal) < header.IndexOf(astral, StringComparison.Ordinal), header);
        Assert.Equal(2f, BitConverter.ToSingle(bytes, bytes.Length - 8));   // data follows the same order
        Assert.Equal(1f, BitConverter.ToSingle(bytes, bytes.Length - 4));
    }

    [Fact]
    public void Header_is_padded_with_spaces_to_a_multiple_of_eight_and_data_follows_in_key_order()
    {
        for (int keyLength = 1; keyLength <= 16; keyLength++)
        {
            var bytes = SafeTensors.Serialize([Entry(new string('k', keyLength), Tensor.FromArray([1, 2])), Entry("a", Tensor.FromArray([9L]))]);
            long n = (long)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
            Assert.Equal(0, n % 8);
            string header = Encoding.UTF8.GetString(bytes, 8, (int)n);
            Assert.Equal(header.TrimEnd(' ').Length, header.LastIndexOf('}') + 1);
            Assert.Equal(8 + n + 8 + 8, bytes.Length);
            Assert.Equal(9L, BitConverter.ToInt64(bytes, (int)(8 + n)));       // "a" first
            Assert.Equal(1, BitConverter.ToInt32(bytes, (int)(8 + n + 8)));
        }
    }

    [Fact]
    public void An_empty_metadata_map_is_left_out_of_the_header()
    {
        var without = SafeTensors.Serialize([Entry("a", Tensor.Scalar(1f))]);
        var empty = SafeTensors.Serialize([Entry("a", Tensor.Scalar(1f))], new Dictionary<string, string>());
        Assert.Equal(without, empty);
        Assert.DoesNotContain("__metadata__", Encoding.UTF8.GetString(without));
        Assert.Empty(Read(without).Metadata);
    }

    [Fact]
    public void Writing_rejects_bad_arguments_before_writing_anything()
    {
        var stream = new MemoryStream();
        var t = Tensor.Scalar(1f);
        Support.Assertions.Throws<ArgumentException>(() => SafeTensors.Write(stream, [Entry("a", t), Entry("a", t)]), "'a'", "twice");
        Support.Assertions.Throws<ArgumentException>(() => SafeTensors.Write(stream, [Entry("__metadata__", t)]), "reserved");
        Support.Assertions.Throws<ArgumentException>(() => SafeTensors.Write(stream, [Entry("bad\ud800", t)]), "lone surrogate");
        Support.Assertions.Throws<ArgumentException>(() => SafeTensors.Write(stream, [Entry("a", null!)]), "null");
        Support.Assertions.Throws<ArgumentException>(
            () => SafeTensors.Write(stream, [Entry("a", t)], new Dictionary<string, string> { ["k"] = null! }), "'k'", "null");
        Assert.Equal(0, stream.Length);
    }

    [Fact]
    public void Reader_reads_single_tensors_in_any_order_from_a_seekable_stream()
    {
        var a = TensorAssert.Random(1, new Shape(5), DType.Float64);
        var b = TensorAssert.Random(2, new Shape(2, 2), DType.Int32);
        var bytes = SafeTensors.Serialize([Entry("a", a), Entry("b", b)], new Dictionary<string, string> { ["k"] = "v" });
        using var reader = new SafeTensorsReader(new MemoryStream(bytes));
        Assert.Equal(["a", "b"], reader.Entries.Select(e => e.Key));
        Assert.Equal("v", reader.Metadata["k"]);
        Assert.True(reader.TryGetEntry("b", out var entry));
        Assert.Equal(new SafeTensorsEntry("b", DType.Int32, new Shape(2, 2), 40, 56), entry);
        TensorAssert.Identical(b, reader.ReadTensor("b"));
        TensorAssert.Identical(a, reader.ReadTensor("a"));
        TensorAssert.Identical(b, reader.ReadTensor("b"));
        Support.Assertions.Throws<KeyNotFoundException>(() => reader.ReadTensor("c"), "'c'");
    }

    [Fact]
    public void Reader_on_an_unseekable_stream_reads_forward_and_says_so_when_asked_to_go_back()
    {
        var bytes = SafeTensors.Serialize([Entry("a", Tensor.FromArray([1f, 2f])), Entry("b", Tensor.FromArray([3f]))]);
        using var reader = new SafeTensorsReader(new UnseekableStream(new MemoryStream(bytes)));
        TensorAssert.Identical(Tensor.FromArray([3f]), reader.ReadTensor("b"));   // skips a's bytes
        Support.Assertions.Throws<InvalidOperationException>(() => reader.ReadTensor("a"), "'a'", "cannot seek", "ReadAll");
    }

    [Fact]
    public void Reading_starts_at_the_stream_position_and_offsets_count_from_there()
    {
        var payload = SafeTensors.Serialize([Entry("a", Tensor.FromArray([1, 2, 3]))]);
        var stream = new MemoryStream();
        stream.Write([0xAA, 0xBB, 0xCC]);
        stream.Write(payload);
        stream.Position = 3;
        TensorAssert.Identical(Tensor.FromArray([1, 2, 3]), SafeTensors.Read(stream).Tensors["a"]);

        var truncated = new MemoryStream([0xAA, .. payload.AsSpan(0, payload.Length - 1)]) { Position = 1 };
        var error = Assert.Throws<SafeTensorsFormatException>(() => SafeTensors.Read(truncated));
        Assert.Equal(payload.Length - 12, error.Offset); // the start of a's data, relative to the safetensors start
    }

    [Fact]
    public void Save_and_load_a_file()
    {
        using var dir = new TempDirectory();
        string path = dir.File("w.safetensors");
        var t = TensorAssert.Random(5, new Shape(3, 4), DType.Float32);
        SafeTensors.Save(path, [Entry("t", t)], new Dictionary<string, string> { ["note"] = "x" });
        var file = SafeTensors.Load(path);
        TensorAssert.Identical(t, file.Tensors["t"]);
        Assert.Equal("x", file.Metadata["note"]);
        Assert.Equal(["w.safetensors"], dir.Entries());
    }

    [Fact]
    public void Endianness_swap_reverses_each_item()
    {
        byte[] ints = [1, 2, 3, 4, 5, 6, 7, 8];
        TensorBytes.SwapEndianness(ints, 4);
        Assert.Equal([4, 3, 2, 1, 8, 7, 6, 5], ints);
        byte[] longs = [1, 2, 3, 4, 5, 6, 7, 8];
        TensorBytes.SwapEndianness(longs, 8);
        Assert.Equal([8, 7, 6, 5, 4, 3, 2, 1], longs);
        byte[] bools = [1, 0];
        TensorBytes.SwapEndianness(bools, 1);
        Assert.Equal([1, 0], bools);
    }
}
