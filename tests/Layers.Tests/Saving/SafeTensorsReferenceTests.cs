namespace Layers.Tests.Saving;

/// <summary>
/// Our writer against files written by <c>TestData/make_reference.py</c>, an independent Python script
/// that follows the format description with only <c>struct</c> and <c>json</c>. Regenerate the files with
/// <c>python3 tests/Layers.Tests/Saving/TestData/make_reference.py</c>.
/// </summary>
public class SafeTensorsReferenceTests
{
    private static string TestFile(string name) => Path.Combine(AppContext.BaseDirectory, "Saving", "TestData", name);

    /// <summary>The tensors of make_reference.py's TENSORS, built here independently.</summary>
    private static Dictionary<string, Tensor> ReferenceTensors() => new()
    {
        ["dense/kernel"] = Tensor.FromArray([0.5f, -1.25f, 3.0f, 0.1f, -0.0f, float.PositiveInfinity], 2, 3),
        ["dense/bias"] = Tensor.FromArray([1.0f, 2.0f, -3.5f]),
        ["scalar_f64"] = Tensor.Scalar<double>(3.141592653589793),
        ["empty_i32"] = Tensor.Zeros(new Shape(0, 3), DType.Int32),
        ["steps"] = Tensor.FromArray([long.MinValue, long.MaxValue]),
        ["mask"] = Tensor.FromArray([true, false, false, true], 2, 2),
        ["na\u00efve/\u043a\u043b\u044e\u0447"] = Tensor.FromArray([7]),
        ["quote\"back\\slash\ttab"] = Tensor.FromArray([-2.5], 1, 1, 1),
    };

    private static Dictionary<string, string> ReferenceMetadata() => new() { ["format"] = "layers", ["note"] = "h\u00e9llo\nworld" };

    [Fact]
    public void Writer_output_equals_the_reference_file_byte_for_byte()
    {
        var expected = File.ReadAllBytes(TestFile("reference.safetensors"));
        var actual = SafeTensors.Serialize(ReferenceTensors(), ReferenceMetadata());
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            if (expected[i] != actual[i])
                Assert.Fail($"First difference at byte {i}: expected 0x{expected[i]:x2}, wrote 0x{actual[i]:x2}.");
    }

    [Fact]
    public void Writer_output_for_no_tensors_equals_the_reference_file()
    {
        Assert.Equal(File.ReadAllBytes(TestFile("empty.safetensors")), SafeTensors.Serialize([]));
    }

    [Fact]
    public void Reader_reads_every_tensor_and_the_metadata_of_the_reference_file()
    {
        var file = SafeTensors.Load(TestFile("reference.safetensors"));
        var expected = ReferenceTensors();
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), file.Tensors.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, tensor) in expected) TensorAssert.Identical(tensor, file.Tensors[key]);
        Assert.Equal("layers", file.Metadata["format"]);
        Assert.Equal("h\u00e9llo\nworld", file.Metadata["note"]);
        Assert.Equal(2, file.Metadata.Count);
        Assert.Equal(-0.0f, file.Tensors["dense/kernel"].GetItem<float>(1, 1));
        Assert.True(float.IsNegative(file.Tensors["dense/kernel"].GetItem<float>(1, 1)));
    }

    [Fact]
    public void Reader_lists_entries_of_the_reference_file_in_data_order()
    {
        using var reader = SafeTensorsReader.Open(TestFile("reference.safetensors"));
        Assert.Equal(
            ["dense/bias", "dense/kernel", "empty_i32", "mask", "na\u00efve/\u043a\u043b\u044e\u0447", "quote\"back\\slash\ttab", "scalar_f64", "steps"],
            reader.Entries.Select(e => e.Key));
        Assert.Equal(new SafeTensorsEntry("steps", DType.Int64, new Shape(2), 60, 76), reader.Entries[^1]);
    }
}
