using Layers.Tests.Support;

namespace Layers.Tests.Training.Metrics;

/// <summary>Precision and recall: Keras' examples, several thresholds, class_id, top_k and weights against references.</summary>
public class MetricsConfusionTests
{
    private static Tensor F(params float[] values) => Tensor.FromArray(values, values.Length);

    [Fact]
    public void Keras_documentation_examples()
    {
        var precision = new Precision();
        precision.Update(F(0, 1, 1, 1), F(1, 0, 1, 1));
        Assert.Equal(2f / 3, precision.Result().Item<float>(), 6);
        precision.Reset();
        precision.Update(F(0, 1, 1, 1), F(1, 0, 1, 1), F(0, 0, 1, 0));
        Assert.Equal(1f, precision.Result().Item<float>());
        var top2 = new Precision(topK: 2);
        top2.Update(F(0, 0, 1, 1), F(1, 1, 1, 1));
        Assert.Equal(0f, top2.Result().Item<float>());
        var top4 = new Precision(topK: 4);
        top4.Update(F(0, 0, 1, 1), F(1, 1, 1, 1));
        Assert.Equal(0.5f, top4.Result().Item<float>());

        var recall = new Recall();
        recall.Update(F(0, 1, 1, 1), F(1, 0, 1, 1));
        Assert.Equal(2f / 3, recall.Result().Item<float>(), 6);
        recall.Reset();
        recall.Update(F(0, 1, 1, 1), F(1, 0, 1, 1), F(0, 0, 1, 0));
        Assert.Equal(1f, recall.Result().Item<float>());
    }

    [Theory]
    [InlineData(new[] { 0.5 })]
    [InlineData(new[] { 0.1, 0.35, 0.9 })]
    [InlineData(new[] { 0.0, 0.25, 0.5, 0.75, 1.0 })]
    public void Every_threshold_matches_the_reference_over_weighted_updates(double[] thresholds)
    {
        var precision = new Precision(thresholds);
        var recall = new Recall(thresholds);
        var labels = new List<bool>();
        var predictions = new List<double>();
        var weights = new List<double>();
        for (int batch = 0; batch < 3; batch++)
        {
            var p = TestData.Tensor(10 + batch, new Shape(16, 3), out var pv, DType.Float32, 0, 1);
            var rng = new Random(20 + batch);
            var tv = Enumerable.Range(0, 48).Select(_ => (float)rng.Next(2)).ToArray();
            var w = TestData.Tensor(30 + batch, new Shape(16), out var wv, DType.Float32, 0, 2);
            var t = Tensor.FromArray(tv, 16, 3);
            precision.Update(t, p, w);
            recall.Update(t, p, w);
            labels.AddRange(tv.Select(v => v != 0));
            predictions.AddRange(pv.Select(v => (double)(float)v));
            weights.AddRange(Enumerable.Range(0, 48).Select(i => wv[i / 3]));
        }
        var (tp, fp, _, fn) = MetricReference.Counts([.. predictions], [.. labels], [.. weights], thresholds);
        // No positive predictions (threshold 1) reads 0, as Keras' divide_no_nan gives.
        var expectedPrecision = tp.Select((v, i) => v + fp[i] == 0 ? 0 : v / (v + fp[i])).ToArray();
        var expectedRecall = tp.Select((v, i) => v + fn[i] == 0 ? 0 : v / (v + fn[i])).ToArray();
        Assertions.Close(expectedPrecision, precision.Result(), 1e-6, 1e-7);
        Assertions.Close(expectedRecall, recall.Result(), 1e-6, 1e-7);
        Assert.Equal(thresholds.Length == 1 ? 0 : 1, precision.Result().Rank);
    }

    [Fact]
    public void Class_id_scores_one_column()
    {
        var t = Tensor.FromArray(new[] { 1f, 0, 0, 1, 0, 1, 1, 0 }, 4, 2);
        var p = Tensor.FromArray(new[] { 0.9f, 0.8f, 0.2f, 0.6f, 0.7f, 0.4f, 0.1f, 0.3f }, 4, 2);
        // Column 1: labels 0,1,1,0; predictions 0.8,0.6,0.4,0.3 → positives at 0.8 (false) and 0.6 (true).
        var precision = new Precision(classId: 1);
        precision.Update(t, p);
        Assert.Equal(0.5f, precision.Result().Item<float>());
        var recall = new Recall(classId: 1);
        recall.Update(t, p);
        Assert.Equal(0.5f, recall.Result().Item<float>());
    }

    [Fact]
    public void Top_k_keeps_the_k_largest_of_each_row()
    {
        var t = Tensor.FromArray(new[] { 0f, 1, 1, 0, 1, 0, 0, 1 }, 2, 4);
        var p = Tensor.FromArray(new[] { 0.9f, 0.8f, 0.3f, 0.1f, 0.2f, 0.5f, 0.4f, 0.45f }, 2, 4);
        // Row 0 keeps 0.9 (label 0), 0.8 (1); row 1 keeps 0.5 (0), 0.45 (1): 2 of 4 positives are true.
        var precision = new Precision(topK: 2);
        precision.Update(t, p);
        Assert.Equal(0.5f, precision.Result().Item<float>());
        var recall = new Recall(topK: 2);
        recall.Update(t, p);
        Assert.Equal(0.5f, recall.Result().Item<float>());
    }

    [Fact]
    public void Defaults_and_names()
    {
        var precision = new Precision();
        Assert.Equal([0.5], precision.Thresholds);
        Assert.StartsWith("precision", precision.Name);
        Assert.Equal([-1e10], new Precision(topK: 3).Thresholds);
        Assert.StartsWith("recall", new Recall().Name);
        Assert.Equal("precision", Metric.Get("precision").Name);
        Assert.Equal("recall", Metric.Get("recall").Name);
    }

    [Fact]
    public void Invalid_arguments_and_shapes()
    {
        Assertions.Throws<ArgumentOutOfRangeException>(() => new Precision(1.5), "[0, 1]", "1.5");
        Assertions.Throws<ArgumentOutOfRangeException>(() => new Recall([0.2, -0.1]), "-0.1");
        Assertions.Throws<ArgumentOutOfRangeException>(() => new Precision(topK: 0), "top_k");
        Assertions.Throws<ArgumentException>(() => new Precision(name: "p").Update(Tensor.Zeros(4, 2), Tensor.Zeros(4, 3)), "Precision 'p'", "(4, 2)", "(4, 3)");
        Assertions.Throws<ArgumentException>(() => new Recall(classId: 5, name: "r").Update(Tensor.Zeros(4, 3), Tensor.Zeros(4, 3)), "Recall 'r'", "class_id 5");
    }
}
