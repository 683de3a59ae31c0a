using System.Text.Json.Nodes;
using Layers.Tests.Support;

namespace Layers.Tests.LayerContract;

[CollectionDefinition(nameof(NameCounters), DisableParallelization = true)]
public sealed class NameCounters;

/// <summary>Spec items 20–25. Runs alone: it resets the process-wide name counters.</summary>
[Collection(nameof(NameCounters))]
public class NamingAndConfigTests
{
    [Fact]
    public void Item20_default_names_are_snake_case_with_a_process_wide_counter()
    {
        LayerNames.Reset();
        Assert.Equal("conv2d", new Conv2D().Name);
        Assert.Equal("conv2d_1", new Conv2D().Name);
        Assert.Equal("my_custom_layer2d", new MyCustomLayer2D().Name);
        Assert.Equal("explicit", new ScaleLayer("explicit").Name);
        Assert.Equal("scale_layer", new ScaleLayer().Name);   // the explicit name did not advance the counter
        Assert.Equal("conv2d_2", new Conv2D().Name);
    }

    [Fact]
    public void Item20_a_name_with_a_slash_is_an_error()
    {
        Assertions.Throws<ArgumentException>(() => new ScaleLayer("outer/inner"), "'outer/inner'", "'/'");
        var layer = new ScaleLayer();
        Assertions.Throws<ArgumentException>(() => layer.Name = "a/b", "'a/b'");
    }

    [Fact]
    public void Item21_tostring_is_keras_repr()
    {
        var layer = new ScaleLayer("dense");
        Assert.Equal("<ScaleLayer name=dense, built=False>", layer.ToString());
        layer.Apply(Tensor.Ones(1, 1));
        Assert.Equal("<ScaleLayer name=dense, built=True>", layer.ToString());
    }

    [Fact]
    public void Item22_base_config_keys_are_name_trainable_dtype_and_activity_regularizer_when_set()
    {
        var layer = new ScaleLayer("probe");
        var config = layer.GetConfig();
        Assert.Equal(["name", "trainable", "dtype"], config.Keys);
        Assert.Equal("probe", config.GetString("name"));
        Assert.True(config.GetBoolean("trainable"));
        Assert.Equal("""{"module":"keras","class_name":"DTypePolicy","config":{"name":"float32"},"registered_name":null}""",
            config.GetNode("dtype")!.ToJsonString());
        layer.ActivityRegularizer = new AbsSumRegularizer(0.5);
        Assert.Equal(["name", "trainable", "dtype", "activity_regularizer"], layer.GetConfig().Keys);
    }

    [Fact]
    public void Item24_serialized_form_has_module_class_registered_name_config_and_build_config()
    {
        Serialization.LayerRegistry.Register("tests", nameof(ScaleLayer), config => new ScaleLayer(config.GetString("name")));
        var layer = new ScaleLayer("scaled");
        layer.Apply(Tensor.Ones(2, 3));
        var json = Serialization.Serialize(layer);
        Assert.Equal(["module", "class_name", "config", "registered_name", "build_config"], ((IDictionary<string, JsonNode?>)json).Keys);
        Assert.Null(json["module"]);
        Assert.Equal("ScaleLayer", (string?)json["class_name"]);
        Assert.Equal("tests>ScaleLayer", (string?)json["registered_name"]);
        Assert.Equal("[2,3]", json["build_config"]!["input_shape"]!.ToJsonString());

        var restored = Serialization.DeserializeLayer(JsonNode.Parse(json.ToJsonString()));
        Assert.IsType<ScaleLayer>(restored);
        Assert.Equal("scaled", restored.Name);
        Assert.True(restored.Built);   // build_config is used, so weights can be set before any call
        Assert.Equal(2, restored.Weights.Count);
    }

    [Fact]
    public void Item25_an_unknown_class_names_the_class_and_how_to_register_it()
    {
        var json = JsonNode.Parse("""{"module": null, "class_name": "Block", "config": {}, "registered_name": "demo>Block"}""");
        Assertions.Throws<FormatException>(() => Serialization.DeserializeLayer(json, "model.layers[3]"),
            "model.layers[3]", "'Block'", "'demo>Block'", "LayerRegistry.Register");
    }

    [Fact]
    public void Item26_a_global_float64_policy_applies_to_layers_created_afterwards()
    {
        var previous = DTypePolicy.Global;
        try
        {
            DTypePolicy.Global = "float64";
            var dense = new Dense(2);
            var y = dense.Apply(Tensor.Ones(1, 3));
            Assert.Equal(DType.Float64, dense.Kernel.DType);
            Assert.Equal(DType.Float64, y.DType);   // float32 inputs are cast to the compute dtype
            Assert.Equal(DType.Float32, new Dense(2, dtype: DType.Float32).DType);
        }
        finally
        {
            DTypePolicy.Global = previous;
        }
        Assert.Equal(DType.Float32, new Dense(2).DType);
    }

    [Fact]
    public void Config_getters_name_the_owner_and_key()
    {
        var config = Config.Parse("Dense", """{"units": "four", "shape": [null, 3]}""");
        Assertions.Throws<FormatException>(() => config.GetInt32("units"), "Dense config", "'units'", "an integer", "\"four\"");
        Assertions.Throws<FormatException>(() => config.GetInt32("missing"), "Dense config", "'missing'", "units, shape");
        Assert.Equal(new Shape(Shape.Unknown, 3), config.GetShape("shape"));
        Assertions.Throws<FormatException>(() => Config.Parse("Dense", "{ not json"), "Dense config is not valid JSON");
    }
}
