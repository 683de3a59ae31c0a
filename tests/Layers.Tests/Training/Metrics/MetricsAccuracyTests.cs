using Layers.Tests.Support;

namespace Layers.Tests.Training.Metrics;

/// <summary>The accuracy metrics against references, and how <c>"accuracy"</c> resolves as Keras' <c>compile</c> does.</summary>
public class MetricsAccuracyTests
{
    private static float Run(PredictionMetric metric, Tensor t, Tensor p, Tensor? w = null)
    {
        metric.Update(t, p, w);
        return metric.Result().Item<float>();
    }

    [Fact]
    public void Keras_documentation_examples()
    {
        Assert.Equal(0.75f, Run(new Accuracy(), Tensor.FromArray(new[] { 1, 2, 3, 4 }, 4, 1), Tensor.FromArray(new[] { 0, 2, 3, 4 }, 4, 1)));
        Assert.Equal(0.5f, Run(new Accuracy(), Tensor.FromArray(new[] { 1, 2, 3, 4 }, 4, 1), Tensor.FromArray(new[] { 0, 2, 3, 4 }, 4, 1),
            Tensor.FromArray(new[] { 1f, 1, 0, 0 }, 4)));
        var bt = Tensor.FromArray(new[] { 1f, 1, 0, 0 }, 4, 1);
        var bp = Tensor.FromArray(new[] { 0.98f, 1, 0, 0.6f }, 4, 1);
        Assert.Equal(0.75f, Run(new BinaryAccuracy(), bt, bp));
        Assert.Equal(0.5f, Run(new BinaryAccuracy(), bt, bp, Tensor.FromArray(new[] { 1f, 0, 0, 1 }, 4)));
        var ct = Tensor.FromArray(new[] { 0f, 0, 1, 0, 1, 0 }, 2, 3);
        var cp = Tensor.FromArray(new[] { 0.1f, 0.9f, 0.8f, 0.05f, 0.95f, 0 }, 2, 3);
        Assert.Equal(0.5f, Run(new CategoricalAccuracy(), ct, cp));
        Assert.Equal(0.3f, Run(new CategoricalAccuracy(), ct, cp, Tensor.FromArray(new[] { 0.7f, 0.3f }, 2)), 6);
        var st = Tensor.FromArray(new[] { 2f, 1 }, 2, 1);
        Assert.Equal(0.5f, Run(new SparseCategoricalAccuracy(), st, cp));
        Assert.Equal(0.3f, Run(new SparseCategoricalAccuracy(), st, cp, Tensor.FromArray(new[] { 0.7f, 0.3f }, 2)), 6);
    }

    [Theory]
    [InlineData(DType.Int32, false)]
    [InlineData(DType.Int64, true)]
    [InlineData(DType.Float32, true)]
    public void Sparse_categorical_matches_the_reference(DType labelDType, bool columnLabels)
    {
        const int rows = 37, cols = 6;
        var p = TestData.Tensor(1, new Shape(rows, cols), out var pv, DType.Float32);
        var rng = new Random(2);
        var ids = Enumerable.Range(0, rows).Select(_ => (long)rng.Next(cols)).ToArray();
        var shape = columnLabels ? new Shape(rows, 1) : new Shape(rows);
        var labels = Losses.LossesCrossEntropyTests.SparseLabels(ids, labelDType, shape);
        var weights = TestData.Tensor(3, new Shape(rows), out var w, DType.Float32, 0, 2);
        var matches = Enumerable.Range(0, rows).Select(r => MetricReference.ArgMax(pv, r, cols) == ids[r] ? 1.0 : 0).ToArray();
        Assert.Equal(MetricReference.WeightedMean(matches, w), Run(new SparseCategoricalAccuracy(), labels, p, weights), 6);
    }

    [Fact]
    public void Binary_uses_the_threshold_strictly()
    {
        var t = Tensor.FromArray(new[] { 1f, 0, 1, 0 }, 4);
        var p = Tensor.FromArray(new[] { 0.7f, 0.7f, 0.5f, 0.2f }, 4);
        Assert.Equal(0.5f, Run(new BinaryAccuracy(), t, p));
        Assert.Equal(0.75f, Run(new BinaryAccuracy(threshold: 0.4), t, p));
    }

    public static TheoryData<int[], int[], string> Resolutions => new()
    {
        { [8], [8, 5], "SparseCategoricalAccuracy" },
        { [8, 1], [8, 5], "SparseCategoricalAccuracy" },
        { [8, 1], [8, 1], "BinaryAccuracy" },
        { [8], [8, 1], "BinaryAccuracy" },
        { [8], [8], "CategoricalAccuracy" },  // Keras' rule: neither binary (last axis 8) nor sparse
        { [8, 5], [8, 5], "CategoricalAccuracy" },
        { [8, 3, 5], [8, 3, 5], "CategoricalAccuracy" },
        { [8, 3], [8, 3, 5], "SparseCategoricalAccuracy" },
    };

    [Theory]
    [MemberData(nameof(Resolutions))]
    public void Accuracy_identifier_resolves_by_shapes_as_Keras_compile_does(int[] labels, int[] predictions, string expected)
    {
        foreach (var identifier in new[] { "accuracy", "acc" })
        {
            var metric = Assert.IsType<ShapeResolvedAccuracy>(Metric.Get(identifier));
            Assert.Equal(identifier, metric.Name);
            Assert.Null(metric.Resolved);
            var y = Tensor.Zeros(new Shape(labels), DType.Float32);
            var p = TestData.Tensor(4, new Shape(predictions), DType.Float32, 0, 1);
            metric.Update(y, p);
            Assert.Equal(expected, metric.ClassName);
            Assert.Equal(expected, metric.Resolved!.ClassName);
            Assert.Equal(identifier, metric.Resolved.Name);
            Assert.Equal(identifier, metric.GetConfig().GetString("name"));
        }
    }

    [Fact]
    public void Resolved_accuracy_computes_the_chosen_variant_and_keeps_it_after_reset()
    {
        var metric = Metric.Get("accuracy") as PredictionMetric;
        var labels = Tensor.FromArray(new[] { 2, 0, 1 }, 3);
        var logits = Tensor.FromArray(new[] { 0f, 1, 5, 3, 1, 0, 0, 0, 9 }, 3, 3);
        metric!.Update(labels, logits);
        Assert.Equal(2f / 3, metric.Result().Item<float>(), 6);
        metric.Reset();
        Assert.Equal(0f, metric.Result().Item<float>());
        metric.Update(labels, logits, Tensor.FromArray(new[] { 0f, 1, 0 }, 3));
        Assert.Equal(1f, metric.Result().Item<float>());
        Assert.Equal("SparseCategoricalAccuracy", metric.ClassName);
    }

    [Fact]
    public void Label_and_prediction_shapes_that_do_not_fit_name_the_metric()
    {
        Assertions.Throws<ArgumentException>(() => new SparseCategoricalAccuracy().Update(Tensor.Zeros(5), Tensor.Zeros(4, 3)),
            "SparseCategoricalAccuracy 'sparse_categorical_accuracy'", "(5,)", "(4, 3)", "expected class ids of shape (4,)");
        Assertions.Throws<ArgumentException>(() => new CategoricalAccuracy(name: "ca").Update(Tensor.Zeros(4, 2), Tensor.Zeros(5, 3)),
            "CategoricalAccuracy 'ca'", "(4, 2)", "(5, 3)");
        Assertions.Throws<ArgumentException>(() => new BinaryAccuracy().Update(Tensor.Zeros(4, 2), Tensor.Zeros(4, 3)),
            "BinaryAccuracy 'binary_accuracy'", "(4, 2)", "(4, 3)");
        Assertions.Throws<ArgumentException>(() => new MeanSquaredErrorMetric().Update(Tensor.Zeros(4, 2), Tensor.Zeros(4, 3)),
            "MeanSquaredError 'mean_squared_error'", "(4, 2)", "(4, 3)");
    }
}
