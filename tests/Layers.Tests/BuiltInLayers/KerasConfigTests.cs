using System.Text.Json.Nodes;

namespace Layers.Tests.BuiltInLayers;

/// <summary>Our configs against real Keras 3 output (TestData/keras3-sequential-config.json, from shared/spec).</summary>
public class KerasConfigTests
{
    private static JsonObject KerasSequential() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "BuiltInLayers", "TestData", "keras3-sequential-config.json")))!.AsObject();

    /// <summary>Removes what only Keras' Python objects have (<c>shared_object_id</c>) and keys of a Keras feature we lack.</summary>
    private static JsonNode Normalize(JsonNode node, params string[] dropKeys)
    {
        var copy = node.DeepClone();
        void Walk(JsonNode? n)
        {
            if (n is JsonObject o)
            {
                foreach (var key in o.Select(p => p.Key).ToList())
                    if (key == "shared_object_id" || dropKeys.Contains(key)) o.Remove(key);
                foreach (var (_, child) in o) Walk(child);
            }
            else if (n is JsonArray a)
            {
                foreach (var child in a) Walk(child);
            }
        }
        Walk(copy);
        return copy;
    }

    private static Sequential SameModelAsKeras()
    {
        var model = new Sequential([
            new InputLayer(shape: new Shape(3), name: "input_layer"),
            new Dense(4, name: "dense"),
            new Dropout(0.5, name: "dropout"),
        ], name: "sequential");
        return model;
    }

    [Fact]
    public void Dense_config_is_identical_to_keras_3()
    {
        var keras = KerasSequential()["config"]!["layers"]![1]!;
        var ours = Serialization.Serialize(SameModelAsKeras().Layers[0]);
        // quantization_config is a Keras 3.16 development-build key for a feature Layers does not have.
        Assert.Equal(Normalize(keras, "quantization_config").ToJsonString(), Normalize(ours).ToJsonString());
    }

    [Fact]
    public void Dropout_and_input_layer_configs_are_identical_to_keras_3()
    {
        var keras = KerasSequential()["config"]!["layers"]!;
        var model = SameModelAsKeras();
        Assert.Equal(Normalize(keras[2]!).ToJsonString(), Normalize(Serialization.Serialize(model.Layers[1])).ToJsonString());
        Assert.Equal(Normalize(keras[0]!).ToJsonString(), Normalize(Serialization.Serialize(model.InputLayer!)).ToJsonString());
    }

    [Fact]
    public void Sequential_envelope_matches_keras_3_and_round_trips()
    {
        var keras = KerasSequential();
        var ours = Serialization.Serialize(SameModelAsKeras());
        Assert.Equal(["module", "class_name", "config", "registered_name", "build_config"], ((IDictionary<string, JsonNode?>)ours).Keys);
        Assert.Equal((string?)keras["module"], (string?)ours["module"]);
        Assert.Equal((string?)keras["class_name"], (string?)ours["class_name"]);
        Assert.Equal(keras["build_config"]!.ToJsonString(), ours["build_config"]!.ToJsonString());
        Assert.Equal(keras["config"]!["build_input_shape"]!.ToJsonString(), ours["config"]!["build_input_shape"]!.ToJsonString());
        Assert.Equal(
            ((IDictionary<string, JsonNode?>)keras["config"]!.AsObject()).Keys,
            ((IDictionary<string, JsonNode?>)ours["config"]!.AsObject()).Keys);

        var restored = (Sequential)Serialization.DeserializeLayer(JsonNode.Parse(ours.ToJsonString()));
        Assert.Equal(ours.ToJsonString(), Serialization.Serialize(restored).ToJsonString());
        Assert.True(restored.Built);
        Assert.Equal(new Shape(3, 4), ((Dense)restored.Layers[0]).Kernel.Shape);
    }

    [Fact]
    public void Keras_json_loads_into_our_layers()
    {
        var keras = KerasSequential()["config"]!["layers"]!;
        var dense = (Dense)Serialization.DeserializeLayer(keras[1], "keras dense");
        Assert.Equal(4, dense.Units);
        Assert.Equal("linear", dense.Activation.Name);
        Assert.IsType<GlorotUniform>(dense.KernelInitializer);
        Assert.True(dense.Built);
        Assert.Equal(new Shape(3, 4), dense.Kernel.Shape);
        var dropout = (Dropout)Serialization.DeserializeLayer(keras[2], "keras dropout");
        Assert.Equal(0.5, dropout.Rate);
        var input = (InputLayer)Serialization.DeserializeLayer(keras[0], "keras input");
        Assert.Equal(new Shape(Shape.Unknown, 3), input.BatchShape);
    }

    public static TheoryData<string, Layer, string[]> BuiltIns => new()
    {
        { "Dense", new Dense(3, activation: "relu", useBias: false, kernelRegularizer: new L2(0.1), kernelConstraint: new MaxNorm(1)),
            ["name", "trainable", "dtype", "units", "activation", "use_bias", "kernel_initializer", "bias_initializer", "kernel_regularizer", "bias_regularizer", "kernel_constraint", "bias_constraint"] },
        { "Activation", new Activation("tanh"), ["name", "trainable", "dtype", "activation"] },
        { "Dropout", new Dropout(0.25, noiseShape: [-1, 1], seed: 7), ["name", "trainable", "dtype", "rate", "seed", "noise_shape"] },
        { "Flatten", new Flatten(), ["name", "trainable", "dtype", "data_format"] },
        { "Reshape", new Reshape([2, -1]), ["name", "trainable", "dtype", "target_shape"] },
        { "BatchNormalization", new BatchNormalization(momentum: 0.9, center: false),
            ["name", "trainable", "dtype", "axis", "momentum", "epsilon", "center", "scale", "beta_initializer", "gamma_initializer", "moving_mean_initializer", "moving_variance_initializer", "beta_regularizer", "gamma_regularizer", "beta_constraint", "gamma_constraint", "synchronized"] },
        { "LayerNormalization", new LayerNormalization(epsilon: 1e-5, rmsScaling: true),
            ["name", "trainable", "dtype", "axis", "epsilon", "center", "scale", "rms_scaling", "beta_initializer", "gamma_initializer", "beta_regularizer", "gamma_regularizer", "beta_constraint", "gamma_constraint"] },
        { "Embedding", new Embedding(10, 4, maskZero: true),
            ["name", "trainable", "dtype", "input_dim", "output_dim", "embeddings_initializer", "embeddings_regularizer", "embeddings_constraint", "mask_zero"] },
        { "Add", new Add(), ["name", "trainable", "dtype"] },
        { "Concatenate", new Concatenate(axis: 1), ["name", "trainable", "dtype", "axis"] },
    };

    [Theory]
    [MemberData(nameof(BuiltIns))]
    public void Built_in_layers_have_keras_keys_module_and_round_trip(string className, Layer layer, string[] keys)
    {
        var json = Serialization.Serialize(layer);
        Assert.Equal("keras.layers", (string?)json["module"]);
        Assert.Equal(className, (string?)json["class_name"]);
        Assert.Null(json["registered_name"]);
        Assert.Equal(keys, ((IDictionary<string, JsonNode?>)json["config"]!.AsObject()).Keys);
        var restored = Serialization.DeserializeLayer(JsonNode.Parse(json.ToJsonString()));
        Assert.Equal(layer.GetType(), restored.GetType());
        Assert.Equal(layer.Name, restored.Name);
        Assert.Equal(json.ToJsonString(), Serialization.Serialize(restored).ToJsonString());
    }
}
