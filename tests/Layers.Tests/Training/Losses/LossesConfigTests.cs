using System.Text.Json.Nodes;

namespace Layers.Tests.Training.Losses;

/// <summary>Keras class names, default names, config keys, identifiers and serialization round trips.</summary>
public class LossesConfigTests
{
    [Theory]
    [InlineData("mean_squared_error", "MeanSquaredError", "mean_squared_error")]
    [InlineData("mse", "MeanSquaredError", "mean_squared_error")]
    [InlineData("MSE", "MeanSquaredError", "mean_squared_error")]
    [InlineData("mean_absolute_error", "MeanAbsoluteError", "mean_absolute_error")]
    [InlineData("mae", "MeanAbsoluteError", "mean_absolute_error")]
    [InlineData("huber", "Huber", "huber_loss")]
    [InlineData("binary_crossentropy", "BinaryCrossentropy", "binary_crossentropy")]
    [InlineData("bce", "BinaryCrossentropy", "binary_crossentropy")]
    [InlineData("categorical_crossentropy", "CategoricalCrossentropy", "categorical_crossentropy")]
    [InlineData("sparse_categorical_crossentropy", "SparseCategoricalCrossentropy", "sparse_categorical_crossentropy")]
    [InlineData("SparseCategoricalCrossentropy", "SparseCategoricalCrossentropy", "sparse_categorical_crossentropy")]
    public void Identifiers_resolve_to_Keras_classes_with_default_names(string identifier, string className, string name)
    {
        Loss loss = identifier;
        Assert.Equal(className, loss.ClassName);
        Assert.Equal(name, loss.Name);
        Assert.Equal(LossReduction.SumOverBatchSize, loss.Reduction);
    }

    [Fact]
    public void Configs_have_Keras_keys_and_defaults()
    {
        Assert.Equal("""{"name":"mean_squared_error","reduction":"sum_over_batch_size"}""", new MeanSquaredError().GetConfig().ToJson(false));
        Assert.Equal("""{"name":"mean_absolute_error","reduction":"sum_over_batch_size"}""", new MeanAbsoluteError().GetConfig().ToJson(false));
        Assert.Equal("""{"name":"huber_loss","reduction":"sum_over_batch_size","delta":1}""", new Huber().GetConfig().ToJson(false));
        Assert.Equal("""{"name":"binary_crossentropy","reduction":"sum_over_batch_size","from_logits":false,"label_smoothing":0,"axis":-1}""",
            new BinaryCrossentropy().GetConfig().ToJson(false));
        Assert.Equal("""{"name":"categorical_crossentropy","reduction":"sum_over_batch_size","from_logits":false,"label_smoothing":0,"axis":-1}""",
            new CategoricalCrossentropy().GetConfig().ToJson(false));
        Assert.Equal("""{"name":"sparse_categorical_crossentropy","reduction":"sum_over_batch_size","from_logits":false,"ignore_class":null,"axis":-1}""",
            new SparseCategoricalCrossentropy().GetConfig().ToJson(false));
    }

    public static TheoryData<Loss> NonDefaultLosses => new()
    {
        new MeanSquaredError(LossReduction.Sum, "my_mse"),
        new MeanAbsoluteError(LossReduction.None),
        new Huber(0.25, LossReduction.MeanWithSampleWeight, "h"),
        new BinaryCrossentropy(true, 0.1, 0, LossReduction.Mean),
        new CategoricalCrossentropy(true, 0.2, 1, LossReduction.Sum, "cce"),
        new SparseCategoricalCrossentropy(true, 255, LossReduction.Sum, 1, "scce"),
    };

    [Theory]
    [MemberData(nameof(NonDefaultLosses))]
    public void Serialization_round_trips_every_argument(Loss loss)
    {
        var json = Serialization.Serialize(loss);
        Assert.Equal("keras.losses", json["module"]!.GetValue<string>());
        Assert.Equal(loss.ClassName, json["class_name"]!.GetValue<string>());
        var restored = Serialization.DeserializeLoss(JsonNode.Parse(json.ToJsonString()));
        Assert.Equal(loss.GetType(), restored.GetType());
        Assert.Equal(loss.GetConfig().ToJson(false), restored.GetConfig().ToJson(false));
    }

    [Fact]
    public void A_null_reduction_in_a_Keras_config_means_none()
    {
        var json = JsonNode.Parse("""{"class_name":"MeanSquaredError","config":{"name":"m","reduction":null}}""");
        Assert.Equal(LossReduction.None, Serialization.DeserializeLoss(json).Reduction);
    }

    [Fact]
    public void Unknown_identifiers_and_reductions_are_refused()
    {
        Support.Assertions.Throws<ArgumentException>(() => Loss.Get("not_a_loss"), "not_a_loss", "sparse_categorical_crossentropy", "huber");
        var json = JsonNode.Parse("""{"class_name":"Huber","config":{"reduction":"average"}}""");
        Support.Assertions.Throws<FormatException>(() => Serialization.DeserializeLoss(json), "reduction", "sum_over_batch_size", "average");
    }
}
