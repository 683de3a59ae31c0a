using System.Text;
using System.Text.Json.Nodes;
using Layers.Tests.Support;
using static Layers.Tests.Saving.SavingSupport;

namespace Layers.Tests.Saving;

/// <summary><see cref="Layer.SaveWeights"/> / <see cref="Layer.LoadWeights(string)"/> on nested hand-written layers.</summary>
public class LayerWeightsTests
{
    private static readonly Tensor Input = Tensor.FromArray([1f, -2f, 0.5f, 4f, 3f, -1f], 2, 3);

    private static Outer BuiltOuter(int seed, int depth = 2, int units = 3)
    {
        var outer = new Outer(depth, units);
        outer.Apply(Input);
        if (seed != 0) LayerValues.Randomize(outer, seed);
        return outer;
    }

    [Fact]
    public void Keys_are_structural_paths_from_class_names_in_weights_order()
    {
        var outer = BuiltOuter(seed: 0);
        Assert.Equal(
        [
            "outer/block/affine/kernel", "outer/block/affine/bias", "outer/block/affine/counts",
            "outer/block/affine_1/kernel", "outer/block/affine_1/bias", "outer/block/affine_1/counts",
            "outer/block/counter/calls",
            "outer/affine/kernel", "outer/affine/bias", "outer/affine/counts",
        ], WeightKeys.Of(outer).Select(w => w.Key));
        Assert.Equal(outer.Weights, WeightKeys.Of(outer).Select(w => w.Value));
    }

    [Fact]
    public void Keys_do_not_depend_on_instance_names()
    {
        var first = BuiltOuter(seed: 0);
        var second = BuiltOuter(seed: 0);
        Assert.NotEqual(first.Name, second.Name);
        Assert.NotEqual(first.Head.Name, second.Head.Name);
        Assert.Equal(WeightKeys.Of(first).Select(w => w.Key), WeightKeys.Of(second).Select(w => w.Key));
        var renamed = new Outer { Name = "custom" };
        renamed.Apply(Input);
        Assert.Equal(WeightKeys.Of(first).Select(w => w.Key), WeightKeys.Of(renamed).Select(w => w.Key));
    }

    [Fact]
    public void A_layer_reached_twice_is_keyed_once_at_its_first_path()
    {
        var shared = new Affine(units: 2);
        var twice = new Twice(shared);
        twice.Apply(Input);
        var keys = WeightKeys.Of(twice).Select(w => w.Key).ToList();
        Assert.Equal(
        [
            "twice/affine/kernel", "twice/affine/bias", "twice/affine/counts",
            "twice/affine_1/kernel", "twice/affine_1/bias", "twice/affine_1/counts",
            "twice/block/affine/kernel", "twice/block/affine/bias", "twice/block/affine/counts",
            "twice/block/counter/calls",
        ], keys);
        Assert.Equal(twice.Weights.Count, keys.Count);
    }

    [Fact]
    public void Save_then_load_into_another_instance_restores_every_weight_and_the_outputs()
    {
        using var dir = new TempDirectory();
        string path = dir.File("outer.safetensors");
        var saved = BuiltOuter(seed: 11);
        saved.SaveWeights(path);

        var loaded = BuiltOuter(seed: 22);
        Assert.NotEqual(LayerValues.Snapshot(saved), LayerValues.Snapshot(loaded));
        loaded.LoadWeights(path);
        Assert.Equal(LayerValues.Snapshot(saved), LayerValues.Snapshot(loaded));
        TensorAssert.Identical(saved.Apply(Input), loaded.Apply(Input));
        Assert.Equal(["outer.safetensors"], dir.Entries());
    }

    [Fact]
    public void The_weights_file_holds_every_key_and_records_build_shapes()
    {
        using var dir = new TempDirectory();
        string path = dir.File("w.safetensors");
        var outer = BuiltOuter(seed: 3);
        outer.SaveWeights(path);
        var file = SafeTensors.Load(path);
        foreach (var (key, variable) in WeightKeys.Of(outer)) TensorAssert.Identical(variable.Value, file.Tensors[key]);
        Assert.Equal(outer.Weights.Count, file.Tensors.Count);
        Assert.Equal("layers", file.Metadata["format"]);
        var shapes = JsonNode.Parse(file.Metadata["layers.build_shapes"])!.AsObject();
        Assert.Equal("[[2,3]]", shapes["outer"]!.ToJsonString());
        Assert.Equal("[[2,3]]", shapes["outer/block/affine_1"]!.ToJsonString());
    }

    [Fact]
    public void The_order_of_tensors_in_the_file_does_not_matter()
    {
        using var dir = new TempDirectory();
        string path = dir.File("reversed.safetensors");
        var saved = BuiltOuter(seed: 5);
        // Lay the data out in reverse key order, unlike our writer; the header lists the entries in that order too.
        var weights = WeightKeys.Of(saved).OrderByDescending(w => w.Key, StringComparer.Ordinal).ToList();
        File.WriteAllBytes(path, RawFileInOrder(weights.Select(w => (w.Key, w.Value.Value)).ToList()));
        using (var reader = SafeTensorsReader.Open(path))
            Assert.Equal(weights.Select(w => w.Key), reader.Entries.Select(e => e.Key));

        var loaded = BuiltOuter(seed: 6);
        loaded.LoadWeights(path);
        Assert.Equal(LayerValues.Snapshot(saved), LayerValues.Snapshot(loaded));
    }

    [Fact]
    public void Loading_from_a_dictionary_matches_by_key_not_by_position()
    {
        var saved = BuiltOuter(seed: 7);
        var values = WeightKeys.Of(saved).Reverse().ToDictionary(w => w.Key, w => w.Value.Value.Clone());
        var loaded = BuiltOuter(seed: 8);
        loaded.LoadWeights(values);
        Assert.Equal(LayerValues.Snapshot(saved), LayerValues.Snapshot(loaded));
    }

    [Fact]
    public void Missing_keys_are_listed_and_nothing_changes()
    {
        using var dir = new TempDirectory();
        string path = dir.File("shallow.safetensors");
        BuiltOuter(seed: 1, depth: 1).SaveWeights(path);
        var deeper = BuiltOuter(seed: 2, depth: 2);
        var before = LayerValues.Snapshot(deeper);
        var error = Assert.Throws<WeightsMismatchException>(() => deeper.LoadWeights(path));
        Assert.Contains("missing from the source (3)", error.Message);
        Assert.Contains("'outer/block/affine_1/kernel'", error.Message);
        Assert.Contains("'shallow.safetensors'", error.Message);
        Assert.Contains("No weight was changed.", error.Message);
        Assert.Equal(["outer/block/affine_1/kernel", "outer/block/affine_1/bias", "outer/block/affine_1/counts"], error.MissingKeys);
        Assert.Empty(error.UnexpectedKeys);
        Assert.Equal(before, LayerValues.Snapshot(deeper));
    }

    [Fact]
    public void Unexpected_keys_are_listed_and_nothing_changes()
    {
        using var dir = new TempDirectory();
        string path = dir.File("deep.safetensors");
        BuiltOuter(seed: 1, depth: 3).SaveWeights(path);
        var shallower = BuiltOuter(seed: 2, depth: 2);
        var before = LayerValues.Snapshot(shallower);
        var error = Assert.Throws<WeightsMismatchException>(() => shallower.LoadWeights(path));
        Assert.Contains("in the source but not in the layer (3)", error.Message);
        Assert.Contains("'outer/block/affine_2/bias'", error.Message);
        Assert.Equal(["outer/block/affine_2/bias", "outer/block/affine_2/counts", "outer/block/affine_2/kernel"], error.UnexpectedKeys);
        Assert.Empty(error.MissingKeys);
        Assert.Equal(before, LayerValues.Snapshot(shallower));
    }

    [Fact]
    public void A_shape_mismatch_names_the_weight_and_both_shapes_and_nothing_changes()
    {
        using var dir = new TempDirectory();
        string path = dir.File("units4.safetensors");
        BuiltOuter(seed: 1, units: 4).SaveWeights(path);
        var other = BuiltOuter(seed: 2, units: 3);
        var before = LayerValues.Snapshot(other);
        var error = Assert.Throws<WeightsMismatchException>(() => other.LoadWeights(path));
        Assert.Contains("shape or dtype differs (3)", error.Message);
        Assert.Contains("'outer/affine/counts': the layer has shape (3,) int64, the source has (4,) int64", error.Message);
        Assert.Equal(["outer/block/affine/counts", "outer/block/affine_1/counts", "outer/affine/counts"], error.MismatchedKeys);
        // The kernels and biases matched, and still nothing was assigned.
        Assert.Equal(before, LayerValues.Snapshot(other));
    }

    [Fact]
    public void A_dtype_mismatch_is_refused_rather_than_converted()
    {
        var saved = new Affine(units: 2);
        saved.Apply(Input);
        var values = WeightKeys.Of(saved).ToDictionary(w => w.Key, w => w.Value.Value.Clone());
        values["affine/kernel"] = Ops.Cast(values["affine/kernel"], DType.Float64);
        var target = new Affine(units: 2);
        target.Apply(Input);
        var error = Assert.Throws<WeightsMismatchException>(() => target.LoadWeights(values));
        Assert.Contains("'affine/kernel': the layer has shape (3,) float32, the source has (3,) float64", error.Message);
    }

    [Fact]
    public void An_unbuilt_copy_is_built_from_the_recorded_shapes_then_loaded()
    {
        using var dir = new TempDirectory();
        string path = dir.File("w.safetensors");
        var saved = BuiltOuter(seed: 9);
        saved.SaveWeights(path);

        var fresh = new Outer();
        Assert.False(fresh.Built);
        fresh.LoadWeights(path);
        Assert.True(fresh.Built);
        Assert.True(fresh.Head.Built);
        Assert.Equal(1, fresh.Head.BuildCount);
        Assert.Equal(LayerValues.Snapshot(saved), LayerValues.Snapshot(fresh));
        TensorAssert.Identical(saved.Apply(Input), fresh.Apply(Input));
        Assert.Equal(1, fresh.Head.BuildCount);
    }

    [Fact]
    public void An_unbuilt_layer_without_recorded_shapes_gets_an_error_saying_how_to_build_it()
    {
        using var dir = new TempDirectory();
        string path = dir.File("bare.safetensors");
        var saved = BuiltOuter(seed: 9);
        SafeTensors.Save(path, WeightKeys.Of(saved).Select(w => Entry(w.Key, w.Value.Value)));   // no build shapes

        var fresh = new Outer();
        var error = Assert.Throws<WeightsMismatchException>(() => fresh.LoadWeights(path));
        Assert.Contains($"layer '{fresh.Name}' (Outer) at 'outer' is not built", error.Message);
        Assert.Contains("but the source has 9 weights for it", error.Message);
        Assert.Contains("'outer/block/affine/kernel'", error.Message);
        Assert.Contains("layer.Build(inputShape)", error.Message);
        Assert.Contains("call the model once on data", error.Message);
        Assert.Equal(["outer"], error.UnbuiltLayerPaths);
        Assert.Empty(error.UnexpectedKeys);   // explained by the missing build, not reported as unexpected
        Assert.False(fresh.Built);

        fresh.Apply(Input);                   // what the message says to do
        fresh.LoadWeights(path);
        Assert.Equal(LayerValues.Snapshot(saved), LayerValues.Snapshot(fresh));
    }

    [Fact]
    public void A_recorded_shape_too_large_for_the_file_is_not_trusted()
    {
        using var dir = new TempDirectory();
        string path = dir.File("lying.safetensors");
        var saved = new Affine(units: 2);
        saved.Apply(Input);
        var metadata = new Dictionary<string, string> { ["layers.build_shapes"] = "{\"affine\": [[2, 1000000000]]}" };
        SafeTensors.Save(path, WeightKeys.Of(saved).Select(w => Entry(w.Key, w.Value.Value)), metadata);

        var fresh = new Affine(units: 2);
        var error = Assert.Throws<WeightsMismatchException>(() => fresh.LoadWeights(path));
        Assert.Contains("records input shape(s) (2, 1000000000)", error.Message);
        Assert.Contains("too large to trust", error.Message);
        Assert.False(fresh.Built);
    }

    [Fact]
    public void A_large_batch_in_the_recorded_shape_does_not_count_against_a_small_file()
    {
        using var dir = new TempDirectory();
        string path = dir.File("small.safetensors");
        var saved = new Affine(units: 2);
        saved.Apply(Tensor.Ones(5000, 3));           // 5000 rows; the weights hold 40 bytes
        LayerValues.Randomize(saved, 3);
        saved.SaveWeights(path);
        var fresh = new Affine(units: 2);
        fresh.LoadWeights(path);
        Assert.Equal(new Shape(5000, 3), fresh.BuildInputShapes![0]);
        Assert.Equal(LayerValues.Snapshot(saved), LayerValues.Snapshot(fresh));
    }

    [Fact]
    public void A_build_that_fails_with_the_recorded_shape_is_reported_with_its_cause()
    {
        using var dir = new TempDirectory();
        string path = dir.File("fussy.safetensors");
        var metadata = new Dictionary<string, string> { ["layers.build_shapes"] = "{\"fussy_holder/fussy\": [[2, 3]]}" };
        SafeTensors.Save(path, [Entry("fussy_holder/fussy/w", Tensor.FromArray([1f]))], metadata);
        var holder = new FussyHolder();
        var error = Assert.Throws<WeightsMismatchException>(() => holder.LoadWeights(path));
        Assert.Contains("at 'fussy_holder/fussy' is not built, and building it for the input shape(s) (2, 3)", error.Message);
        Assert.Contains("Fussy layers only accept rank 3", error.Message);
        Assert.IsType<ArgumentException>(error.InnerException);
    }

    [Fact]
    public void Malformed_build_shape_metadata_is_a_format_error()
    {
        using var dir = new TempDirectory();
        string path = dir.File("bad.safetensors");
        foreach (var (text, fragment) in new[]
        {
            ("{\"affine\": [[2, -3]]}", "non-negative integer or null"),
            ("{\"affine\": []}", "non-empty list"),
            ("[1]", "JSON object"),
            ("{\"affine\": [[2]], \"affine\": [[2]]}", "appears twice"),
            ("{\"affine\": ", "not valid JSON"),
        })
        {
            SafeTensors.Save(path, [Entry("affine/kernel", Tensor.FromArray([1f]))], new Dictionary<string, string> { ["layers.build_shapes"] = text });
            var error = Assert.Throws<SafeTensorsFormatException>(() => new Affine().LoadWeights(path));
            Assert.Contains(fragment, error.Message);
            Assert.Equal("layers.build_shapes", error.Key);
        }
    }

    [Fact]
    public void A_file_from_another_kind_of_layer_gets_a_hint()
    {
        var block = new Block();
        block.Apply(Input);
        var values = WeightKeys.Of(block).ToDictionary(w => w.Key, w => w.Value.Value);
        var outer = BuiltOuter(seed: 1);
        var error = Assert.Throws<WeightsMismatchException>(() => outer.LoadWeights(values));
        Assert.Contains("the source's keys start with 'block/' and this layer's with 'outer/'", error.Message);
    }

    [Fact]
    public void A_truncated_file_fails_before_any_weight_changes()
    {
        using var dir = new TempDirectory();
        string path = dir.File("cut.safetensors");
        BuiltOuter(seed: 1).SaveWeights(path);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^3]);
        var target = BuiltOuter(seed: 2);
        var before = LayerValues.Snapshot(target);
        Assert.Throws<SafeTensorsFormatException>(() => target.LoadWeights(path));
        Assert.Equal(before, LayerValues.Snapshot(target));
    }

    [Fact]
    public void A_bad_bool_byte_late_in_the_file_fails_before_any_weight_changes()
    {
        var saved = new BoolHolder();
        var bytes = SafeTensors.Serialize(WeightKeys.Of(saved).Select(w => Entry(w.Key, w.Value.Value)));
        bytes[^1] = 7;  // the last byte of the data belongs to the bool weight "z_mask", sorted last
        using var dir = new TempDirectory();
        string path = dir.File("bools.safetensors");
        File.WriteAllBytes(path, bytes);
        var target = new BoolHolder();
        target.SetWeights([Tensor.FromArray([5f, 6f]), Tensor.FromArray([false, false])]);
        var before = LayerValues.Snapshot(target);
        Assertions.Throws<SafeTensorsFormatException>(() => target.LoadWeights(path), "bool_holder/z_mask", "byte 7");
        Assert.Equal(before, LayerValues.Snapshot(target));
    }

    [Fact]
    public void Two_weights_with_one_name_cannot_be_saved()
    {
        using var dir = new TempDirectory();
        var layer = new SameNames();
        Assertions.Throws<InvalidOperationException>(() => layer.SaveWeights(dir.File("x.safetensors")), "two weights named 'w'", "same_names/w");
        Assert.Empty(dir.Entries());
    }

    [Fact]
    public void Eager_weights_save_and_load_without_any_build()
    {
        using var dir = new TempDirectory();
        string path = dir.File("counter.safetensors");
        var saved = new Counter();
        saved.Calls.Assign(Tensor.Scalar(41L, DType.Int64));
        saved.SaveWeights(path);
        var loaded = new Counter();
        loaded.LoadWeights(path);
        Assert.Equal(41L, loaded.Calls.Value.Item<long>());
        Assert.False(loaded.Built);
    }

    [Fact]
    public void A_save_failure_keeps_the_previous_weights_file()
    {
        using var dir = new TempDirectory();
        string path = dir.File("w.safetensors");
        BuiltOuter(seed: 1).SaveWeights(path);
        var before = File.ReadAllBytes(path);
        Assert.Throws<InvalidOperationException>(() => new SameNames().SaveWeights(path));
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(["w.safetensors"], dir.Entries());
    }

    /// <summary>A float weight and a bool weight named to sort last.</summary>
    private sealed class BoolHolder : Layer
    {
        public BoolHolder()
        {
            AddWeight(new Shape(2), Initializers.Ones(), name: "a_scale");
            AddWeight(new Shape(2), Initializers.Zeros(), DType.Bool, trainable: false, name: "z_mask");
        }

        protected override Tensor Call(Tensor inputs) => inputs;
    }

    /// <summary>An independent minimal writer that lays data out in the given order (ours always sorts by key).</summary>
    private static byte[] RawFileInOrder(List<(string Key, Tensor Value)> tensors)
    {
        var header = new JsonObject();
        var data = new MemoryStream();
        foreach (var (key, value) in tensors)
        {
            var bytes = TensorAssert.Bytes(value);
            header[key] = new JsonObject
            {
                ["dtype"] = value.DType switch { DType.Float32 => "F32", DType.Int64 => "I64", _ => throw new NotSupportedException() },
                ["shape"] = new JsonArray([.. value.Shape.Dims.ToArray().Select(d => (JsonNode)d)]),
                ["data_offsets"] = new JsonArray(data.Length, data.Length + bytes.Length),
            };
            data.Write(bytes);
        }
        return RawFile(Encoding.UTF8.GetBytes(header.ToJsonString()), data.ToArray());
    }
}
