namespace Layers.Tests.Training.Metrics;

/// <summary>Keras class names, default names, identifiers and config round trips of the metrics.</summary>
public class MetricsConfigTests
{
    [Theory]
    [InlineData("mse", "MeanSquaredError")]
    [InlineData("MSE", "MeanSquaredError")]
    [InlineData("mean_squared_error", "MeanSquaredError")]
    [InlineData("mae", "MeanAbsoluteError")]
    [InlineData("binary_accuracy", "BinaryAccuracy")]
    [InlineData("categorical_accuracy", "CategoricalAccuracy")]
    [InlineData("sparse_categorical_accuracy", "SparseCategoricalAccuracy")]
    [InlineData("precision", "Precision")]
    [InlineData("recall", "Recall")]
    [InlineData("auc", "AUC")]
    [InlineData("AUC", "AUC")]
    [InlineData("Accuracy", "Accuracy")]
    public void Identifiers_give_the_Keras_class_named_by_the_identifier(string identifier, string className)
    {
        Metric metric = identifier;
        Assert.Equal(className, metric.ClassName);
        Assert.Equal(identifier, metric.Name);
        Assert.IsAssignableFrom<PredictionMetric>(metric);
    }

    [Fact]
    public void Default_names_are_Keras_names()
    {
        Assert.Equal("mean", new Mean().Name);
        Assert.Equal("accuracy", new Accuracy().Name);
        Assert.Equal("binary_accuracy", new BinaryAccuracy().Name);
        Assert.Equal("categorical_accuracy", new CategoricalAccuracy().Name);
        Assert.Equal("sparse_categorical_accuracy", new SparseCategoricalAccuracy().Name);
        Assert.Equal("mean_squared_error", new MeanSquaredErrorMetric().Name);
        Assert.Equal("mean_absolute_error", new MeanAbsoluteErrorMetric().Name);
        Assert.Matches("^auc(_[0-9]+)?$", new AUC().Name);
    }

    [Fact]
    public void Configs_have_Keras_keys()
    {
        Assert.Equal("""{"name":"binary_accuracy","dtype":"float32","threshold":0.5}""", new BinaryAccuracy().GetConfig().ToJson(false));
        Assert.Equal("""{"name":"mean_squared_error","dtype":"float32"}""", new MeanSquaredErrorMetric().GetConfig().ToJson(false));
        Assert.Equal("""{"name":"p","dtype":"float32","thresholds":null,"top_k":null,"class_id":null}""", new Precision(name: "p").GetConfig().ToJson(false));
        Assert.Equal("""{"name":"r","dtype":"float32","thresholds":0.3,"top_k":null,"class_id":2}""", new Recall(0.3, classId: 2, name: "r").GetConfig().ToJson(false));
        Assert.Equal(
            """{"name":"a","dtype":"float32","num_thresholds":200,"curve":"ROC","summation_method":"interpolation","multi_label":false,"num_labels":null,"label_weights":null,"from_logits":false}""",
            new AUC(name: "a").GetConfig().ToJson(false));
    }

    public static TheoryData<Metric> Metrics => new()
    {
        new Mean("m"), new Accuracy("acc1"), new BinaryAccuracy("b", 0.3), new CategoricalAccuracy("c"), new SparseCategoricalAccuracy("s"),
        new MeanSquaredErrorMetric("e2"), new MeanAbsoluteErrorMetric("e1"),
        new Precision(0.4, name: "p"), new Precision([0.1, 0.6], topK: 2, classId: 1, name: "pp"), new Recall(name: "r"),
        new AUC(50, AucCurve.PR, AucSummationMethod.Majoring, "auc_pr", fromLogits: true),
        new AUC(name: "auc_t", thresholds: [0.2, 0.1], multiLabel: true, numLabels: 2, labelWeights: [0.5, 1.5]),
    };

    [Theory]
    [MemberData(nameof(Metrics))]
    public void Configs_round_trip(Metric metric)
    {
        var config = metric.GetConfig();
        var restored = Metric.Deserialize(Config.Parse(metric.ClassName, config.ToJson()));
        Assert.Equal(metric.GetType(), restored.GetType());
        Assert.Equal(config.ToJson(false), restored.GetConfig().ToJson(false));
    }

    [Fact]
    public void Unknown_identifiers_list_the_known_ones()
    {
        Support.Assertions.Throws<ArgumentException>(() => Metric.Get("f1"), "Unknown metric 'f1'", "accuracy", "auc", "mse");
    }
}
