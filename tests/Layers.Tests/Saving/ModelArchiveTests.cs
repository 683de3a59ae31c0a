using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Layers.Tests.Support;
using static Layers.Tests.Saving.SavingSupport;

namespace Layers.Tests.Saving;

public class ModelArchiveTests
{
    private static readonly Tensor Input = Tensor.FromArray([1f, -2f, 0.5f, 4f, 3f, -1f], 2, 3);

    private static Outer BuiltOuter(int seed)
    {
        var outer = new Outer();
        outer.Apply(Input);
        LayerValues.Randomize(outer, seed);
        return outer;
    }

    /// <summary>What a Model will store: its weights plus optimizer state under a prefix.</summary>
    private static List<KeyValuePair<string, Tensor>> ModelTensors(Layer model) =>
    [
        .. WeightKeys.Of(model).Select(w => Entry(w.Key, w.Value.Value)),
        Entry("optimizer/iterations", Tensor.Scalar(12L, DType.Int64)),
        Entry("optimizer/outer/affine/kernel/momentum", TensorAssert.Random(99, new Shape(3), DType.Float32)),
    ];

    [Fact]
    public void An_archive_round_trips_config_metadata_and_tensors()
    {
        using var dir = new TempDirectory();
        string path = dir.File("model.layers");
        var model = BuiltOuter(seed: 1);
        var config = Serialization.Serialize(model);
        var tensors = ModelTensors(model);
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        ModelArchive.Save(path, config, tensors, new Dictionary<string, string> { ["note"] = "trained 3 epochs" });

        var contents = ModelArchive.Load(path);
        Assert.True(JsonNode.DeepEquals(config, contents.Config), contents.Config.ToJsonString());
        Assert.Equal(tensors.Count, contents.Tensors.Count);
        foreach (var (key, tensor) in tensors) TensorAssert.Identical(tensor, contents.Tensors[key]);
        Assert.Equal(1, contents.Metadata.FormatVersion);
        Assert.Equal("Layers", contents.Metadata.Library);
        Assert.Equal(LibraryInfo.Version, contents.Metadata.LibraryVersion);
        Assert.Equal("trained 3 epochs", contents.Metadata.Values["note"]);
        var saved = DateTimeOffset.ParseExact(contents.Metadata.DateSaved!, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        Assert.InRange(saved, before, DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal(["model.layers"], dir.Entries());
    }

    [Fact]
    public void The_archive_is_a_zip_of_exactly_the_three_entries_with_weights_stored_uncompressed()
    {
        using var dir = new TempDirectory();
        string path = dir.File("m.zip");
        var model = BuiltOuter(seed: 2);
        ModelArchive.Save(path, Serialization.Serialize(model), ModelTensors(model));
        using var zip = ZipFile.OpenRead(path);
        Assert.Equal(["config.json", "metadata.json", "model.safetensors"], zip.Entries.Select(e => e.FullName));
        var weights = zip.GetEntry("model.safetensors")!;
        Assert.Equal(weights.Length, weights.CompressedLength);
        using var reader = new StreamReader(zip.GetEntry("config.json")!.Open());
        Assert.Equal("Outer", JsonNode.Parse(reader.ReadToEnd())!["class_name"]!.GetValue<string>());
    }

    [Fact]
    public void Groups_split_the_weights_from_the_extra_tensors()
    {
        using var dir = new TempDirectory();
        string path = dir.File("m.zip");
        var model = BuiltOuter(seed: 3);
        ModelArchive.Save(path, Serialization.Serialize(model), ModelTensors(model));
        var contents = ModelArchive.Load(path);

        var optimizer = contents.Group("optimizer");
        Assert.Equal(["iterations", "outer/affine/kernel/momentum"], optimizer.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(12L, optimizer["iterations"].Item<long>());

        var weights = contents.WithoutGroups("optimizer");
        Assert.Equal(model.Weights.Count, weights.Count);
        var restored = new Outer();
        restored.Apply(Input);
        restored.LoadWeights(weights);
        Assert.Equal(LayerValues.Snapshot(model), LayerValues.Snapshot(restored));
        TensorAssert.Identical(model.Apply(Input), restored.Apply(Input));
    }

    [Fact]
    public void A_save_that_fails_midway_keeps_the_previous_archive_and_leaves_no_temporary_file()
    {
        using var dir = new TempDirectory();
        string path = dir.File("m.zip");
        var model = BuiltOuter(seed: 4);
        ModelArchive.Save(path, Serialization.Serialize(model), ModelTensors(model));
        var before = File.ReadAllBytes(path);

        Assert.Throws<IOException>(() => ModelArchive.Save(path, new JsonObject { ["class_name"] = "X" }, Throwing()));
        Assertions.Throws<ArgumentException>(
            () => ModelArchive.Save(path, new JsonObject(), [], new Dictionary<string, string> { ["library"] = "fake" }), "'library'", "reserved");
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(["m.zip"], dir.Entries());

        static IEnumerable<KeyValuePair<string, Tensor>> Throwing()
        {
            yield return Entry("a", Tensor.FromArray([1f]));
            throw new IOException("tensor source failed");
        }
    }

    // ---- hostile archives ------------------------------------------------------------------------

    private static readonly byte[] ValidConfig = Encoding.UTF8.GetBytes("{\"class_name\": \"Outer\", \"config\": {}}");
    private static readonly byte[] ValidMetadata = Encoding.UTF8.GetBytes("{\"format_version\": 1, \"library\": \"Layers\"}");
    private static readonly byte[] ValidWeights = SafeTensors.Serialize([Entry("outer/w", Tensor.FromArray([1f, 2f]))]);

    private static (string Name, byte[] Content)[] ValidEntries() =>
        [("config.json", ValidConfig), ("metadata.json", ValidMetadata), ("model.safetensors", ValidWeights)];

    private static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var stream = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
                stream.Write(content);
            }
        }
        return memory.ToArray();
    }

    private static ModelArchiveContents Read(byte[] archive, ModelArchiveLimits? limits = null) =>
        ModelArchiveReader.Read(new MemoryStream(archive, writable: false), "test.zip", limits ?? ModelArchiveLimits.Default);

    private static ModelArchiveFormatException Rejected(byte[] archive, params string[] fragments) => Rejected(archive, null, fragments);

    private static ModelArchiveFormatException Rejected(byte[] archive, ModelArchiveLimits? limits, params string[] fragments)
    {
        var error = Assert.Throws<ModelArchiveFormatException>(() => Read(archive, limits));
        foreach (var fragment in fragments) Assert.True(error.Message.Contains(fragment), error.Message + " // " + error.InnerException);
        Assert.Contains("'test.zip'", error.Message);
        return error;
    }

    [Fact]
    public void A_valid_hand_made_archive_reads()
    {
        var contents = Read(Zip(ValidEntries()));
        Assert.Equal("Outer", contents.Config["class_name"]!.GetValue<string>());
        Assert.Equal(1, contents.Metadata.FormatVersion);
        TensorAssert.Identical(Tensor.FromArray([1f, 2f]), contents.Tensors["outer/w"]);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 })]
    [InlineData(new byte[] { 0x50, 0x4B, 0x05, 0x06, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 })]
    public void Something_that_is_not_a_zip_is_rejected(byte[] bytes)
    {
        Rejected(bytes, "not a readable zip archive");
    }

    [Fact]
    public void A_safetensors_file_is_not_an_archive()
    {
        Rejected(ValidWeights, "not a readable zip archive");
    }

    [Theory]
    [InlineData("evil.txt")]
    [InlineData("../config.json")]
    [InlineData("/config.json")]
    [InlineData("Config.json")]
    [InlineData("assets/")]
    public void An_unexpected_entry_is_rejected(string name)
    {
        var error = Rejected(Zip([.. ValidEntries(), (name, [1])]), "unexpected entry", "config.json, metadata.json, model.safetensors");
        Assert.Equal(name, error.Entry);
    }

    [Fact]
    public void A_duplicated_entry_is_rejected()
    {
        var error = Rejected(Zip([.. ValidEntries(), ("config.json", ValidConfig)]), "appears twice");
        Assert.Equal("config.json", error.Entry);
    }

    [Theory]
    [InlineData("config.json")]
    [InlineData("metadata.json")]
    [InlineData("model.safetensors")]
    public void A_missing_entry_is_rejected(string missing)
    {
        var error = Rejected(Zip([.. ValidEntries().Where(e => e.Name != missing)]), $"has no {missing}");
        Assert.Equal(missing, error.Entry);
    }

    [Fact]
    public void Declared_sizes_over_the_limits_are_refused_before_decompressing()
    {
        var archive = Zip(ValidEntries());
        Assert.Equal("config.json", Rejected(archive, new ModelArchiveLimits { MaxConfigBytes = 10 }, "limit is 10").Entry);
        Assert.Equal("metadata.json", Rejected(archive, new ModelArchiveLimits { MaxMetadataBytes = 10 }, "limit is 10").Entry);
        Assert.Equal("model.safetensors", Rejected(archive, new ModelArchiveLimits { MaxWeightsBytes = 10 }, "limit is 10").Entry);
    }

    [Fact]
    public void A_decompression_bomb_is_refused_by_its_ratio()
    {
        var bomb = Encoding.ASCII.GetBytes("{\"class_name\": \"" + new string(' ', 8 << 20) + "\"}");
        var error = Rejected(Zip(("config.json", bomb), ("metadata.json", ValidMetadata), ("model.safetensors", ValidWeights)),
            "ratio above 100:1", "decompression bomb");
        Assert.Equal("config.json", error.Entry);
    }

    [Fact]
    public void An_entry_holding_more_than_its_declared_size_is_rejected()
    {
        // The decompressor stops at the declared size, so the config arrives cut short.
        var archive = Zip(ValidEntries());
        PatchUncompressedSize(archive, "config.json", ValidConfig.Length - 5);
        Assert.Equal("config.json", Rejected(archive).Entry);
    }

    [Fact]
    public void An_entry_holding_less_than_its_declared_size_is_rejected()
    {
        var archive = Zip(ValidEntries());
        PatchUncompressedSize(archive, "config.json", ValidConfig.Length + 5);
        Rejected(archive, "config.json");
    }

    [Fact]
    public void The_bounded_stream_enforces_the_declared_size_both_ways()
    {
        static Exception Error(string problem) => new ModelArchiveFormatException(problem);
        var longer = new BoundedReadStream(new MemoryStream(new byte[10]), 8, Error);
        longer.ReadExactly(new byte[8]);
        Assertions.Throws<ModelArchiveFormatException>(() => longer.VerifyEnd(), "more than its declared size of 8 bytes");
        var reader = new BoundedReadStream(new MemoryStream(new byte[10]), 8, Error);
        Assertions.Throws<ModelArchiveFormatException>(() => reader.ReadAtLeast(new byte[20], 20, throwOnEndOfStream: false), "more than its declared size");

        var shorter = new BoundedReadStream(new MemoryStream(new byte[5]), 8, Error);
        Assert.Equal(5, shorter.ReadAtLeast(new byte[20], 20, throwOnEndOfStream: false));
        Assertions.Throws<ModelArchiveFormatException>(() => shorter.VerifyEnd(), "ends 3 bytes before its declared size of 8 bytes");

        var exact = new BoundedReadStream(new MemoryStream(new byte[8]), 8, Error);
        Assert.Equal(8, exact.ReadAtLeast(new byte[20], 20, throwOnEndOfStream: false));
        exact.VerifyEnd();
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("[1, 2]", "must hold a JSON object")]
    [InlineData("{\"a\": 1, \"a\": 2}", "'a' appears twice")]
    [InlineData("{\"c\": {\"a\": 1, \"a\": 2}}", "'a' appears twice")]
    public void A_bad_config_is_rejected(string config, string fragment)
    {
        var entries = ValidEntries();
        entries[0] = ("config.json", Encoding.UTF8.GetBytes(config));
        Assert.Equal("config.json", Rejected(Zip(entries), fragment).Entry);
    }

    [Fact]
    public void A_deeply_nested_config_is_rejected()
    {
        var entries = ValidEntries();
        entries[0] = ("config.json", Encoding.UTF8.GetBytes("{\"a\":" + new string('[', 1000) + new string(']', 1000) + "}"));
        Rejected(Zip(entries), "not valid JSON", "depth");
    }

    [Theory]
    [InlineData("{\"format_version\": 2, \"library\": \"Layers\", \"library_version\": \"9.0\"}", "format version 2", "Layers 9.0", "Upgrade Layers")]
    [InlineData("{\"library\": \"Layers\"}", "'format_version' is missing")]
    [InlineData("{\"format_version\": \"1\"}", "must be a positive integer")]
    [InlineData("{\"format_version\": 0}", "must be a positive integer")]
    [InlineData("{\"format_version\": 1, \"note\": 5}", "value of 'note' must be a string")]
    public void Bad_metadata_is_rejected(string metadata, params string[] fragments)
    {
        var entries = ValidEntries();
        entries[1] = ("metadata.json", Encoding.UTF8.GetBytes(metadata));
        Assert.Equal("metadata.json", Rejected(Zip(entries), fragments).Entry);
    }

    [Fact]
    public void Bad_weights_are_reported_with_the_safetensors_detail()
    {
        var entries = ValidEntries();
        entries[2] = ("model.safetensors", RawFile("{\"outer/w\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]}}", [0, 0, 0, 0]));
        var error = Rejected(Zip(entries), "model.safetensors", "outer/w", "F16");
        Assert.Equal("model.safetensors", error.Entry);
        Assert.IsType<SafeTensorsFormatException>(error.InnerException);
    }

    [Fact]
    public void Mutated_archives_are_either_read_or_rejected_with_the_format_exception()
    {
        var rng = new Random(7);
        var valid = Zip(ValidEntries());
        int rejected = 0;
        for (int i = 0; i < 3000; i++)
        {
            var bytes = (byte[])valid.Clone();
            int flips = 1 + rng.Next(4);
            for (int f = 0; f < flips; f++) bytes[rng.Next(bytes.Length)] = (byte)rng.Next(256);
            if (rng.Next(10) == 0) bytes = bytes[..rng.Next(bytes.Length)];
            try
            {
                Read(bytes);
            }
            catch (ModelArchiveFormatException)
            {
                rejected++;
            }
            catch (Exception e)
            {
                Assert.Fail($"Mutation {i} threw {e.GetType().Name}: {e.Message}\nInput: {Convert.ToBase64String(bytes)}");
            }
        }
        Assert.True(rejected > 1000, $"only {rejected} rejected");
    }

    /// <summary>Rewrites an entry's uncompressed size in both the local and the central header (offsets from the zip format).</summary>
    private static void PatchUncompressedSize(byte[] archive, string name, int size)
    {
        var nameBytes = Encoding.ASCII.GetBytes(name);
        int patched = 0;
        for (int i = 0; i + 46 < archive.Length; i++)
        {
            uint signature = BitConverter.ToUInt32(archive, i);
            if (signature == 0x04034b50 && archive.AsSpan(i + 30, nameBytes.Length).SequenceEqual(nameBytes))
            {
                BitConverter.TryWriteBytes(archive.AsSpan(i + 22), size);
                patched++;
            }
            else if (signature == 0x02014b50 && archive.AsSpan(i + 46, nameBytes.Length).SequenceEqual(nameBytes))
            {
                BitConverter.TryWriteBytes(archive.AsSpan(i + 24), size);
                patched++;
            }
        }
        Assert.Equal(2, patched);
    }
}
