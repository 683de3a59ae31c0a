using Layers.Tests.Support;

namespace Layers.Tests.Training.Metrics;

/// <summary>AUC against a float64 reimplementation of Keras' formulas and, where bucketing does not matter, the exact rank statistic.</summary>
public class MetricsAucTests
{
    /// <summary>Random predictions in [0, 1), kept 1e-3 of a bucket away from every threshold, where float32 bucketing and a float64 comparison agree.</summary>
    private static (Tensor Labels, Tensor Predictions, Tensor Weights, bool[] L, double[] P, double[] W) Data(int seed, int count, int thresholds, double positiveRate = 0.4)
    {
        var rng = new Random(seed);
        var p = new double[count];
        var l = new bool[count];
        var w = new double[count];
        for (int i = 0; i < count; i++)
        {
            l[i] = rng.NextDouble() < positiveRate;
            double raw = (l[i] ? 0.2 : 0.0) + 0.8 * rng.NextDouble();
            double scaled = raw * (thresholds - 1), frac = scaled - Math.Floor(scaled);
            if (frac < 1e-3 || frac > 1 - 1e-3) raw = (Math.Floor(scaled) + 0.5) / (thresholds - 1);
            p[i] = (float)raw;
            w[i] = (float)(0.25 + rng.NextDouble());
        }
        return (Tensor.FromArray(l.Select(b => b ? 1f : 0f).ToArray(), count), Tensor.FromArray(p.Select(v => (float)v).ToArray(), count),
            Tensor.FromArray(w.Select(v => (float)v).ToArray(), count), l, p, w);
    }

    [Fact]
    public void Keras_documentation_example()
    {
        var auc = new AUC(numThresholds: 3);
        auc.Update(Tensor.FromArray(new[] { 0f, 0, 1, 1 }, 4), Tensor.FromArray(new[] { 0f, 0.5f, 0.3f, 0.9f }, 4));
        Assert.Equal(0.75f, auc.Result().Item<float>());
        auc.Reset();
        auc.Update(Tensor.FromArray(new[] { 0f, 0, 1, 1 }, 4), Tensor.FromArray(new[] { 0f, 0.5f, 0.3f, 0.9f }, 4), Tensor.FromArray(new[] { 1f, 0, 0, 1 }, 4));
        Assert.Equal(1f, auc.Result().Item<float>());
    }

    [Theory]
    [InlineData(200)]
    [InlineData(17)]
    public void Roc_and_pr_curves_match_the_float64_reference_over_weighted_batches(int thresholds)
    {
        var roc = new AUC(thresholds);
        var pr = new AUC(thresholds, AucCurve.PR);
        var minoring = new AUC(thresholds, AucCurve.PR, AucSummationMethod.Minoring);
        var majoring = new AUC(thresholds, AucCurve.PR, AucSummationMethod.Majoring);
        var all = new List<(bool L, double P, double W)>();
        for (int batch = 0; batch < 4; batch++)
        {
            var (t, p, w, l, pv, wv) = Data(batch, 97, thresholds);
            foreach (var metric in new[] { roc, pr, minoring, majoring }) metric.Update(t, p, w);
            all.AddRange(l.Select((b, i) => (b, pv[i], wv[i])));
        }
        var (tp, fp, tn, fn) = MetricReference.Counts([.. all.Select(a => a.P)], [.. all.Select(a => a.L)], [.. all.Select(a => a.W)],
            MetricReference.AucThresholds(thresholds));
        Assert.Equal(MetricReference.RocAuc(tp, fp, tn, fn), roc.Result().Item<float>(), 5);
        Assert.Equal(MetricReference.PrAucInterpolated(tp, fp, fn), pr.Result().Item<float>(), 5);
        Assert.Equal(MetricReference.PrAucBound(tp, fp, fn, majoring: false), minoring.Result().Item<float>(), 5);
        Assert.Equal(MetricReference.PrAucBound(tp, fp, fn, majoring: true), majoring.Result().Item<float>(), 5);
    }

    [Fact]
    public void Roc_equals_the_exact_rank_statistic_when_each_score_has_its_own_bucket()
    {
        // Scores are bucket midpoints (ties share a bucket), so the trapezoids are exact: ties count one half on both sides.
        const int thresholds = 51;
        var rng = new Random(3);
        var l = Enumerable.Range(0, 300).Select(_ => rng.NextDouble() < 0.3).ToArray();
        var p = l.Select(b => (Math.Min(49, rng.Next(35) + (b ? 15 : 0)) + 0.5) / (thresholds - 1)).ToArray();
        var w = l.Select(_ => 0.5 + rng.NextDouble()).ToArray();
        var auc = new AUC(thresholds);
        auc.Update(Tensor.FromArray(l.Select(b => b ? 1.0 : 0).ToArray(), 300), Tensor.FromArray(p, 300), Tensor.FromArray(w, 300));
        Assert.Equal(MetricReference.RankStatistic(p, l, w), auc.Result().Item<float>(), 5);
    }

    [Fact]
    public void Explicit_uneven_thresholds_compare_every_prediction()
    {
        double[] thresholds = [0.7, 0.05, 0.3, 0.31];
        var auc = new AUC(thresholds: thresholds);
        Assert.Equal(6, auc.NumThresholds);
        var (t, p, w, l, pv, wv) = Data(7, 150, 100);
        auc.Update(t, p, w);
        var (tp, fp, tn, fn) = MetricReference.Counts(pv, l, wv, [-1e-7, 0.05, 0.3, 0.31, 0.7, 1 + 1e-7]);
        Assert.Equal(MetricReference.RocAuc(tp, fp, tn, fn), auc.Result().Item<float>(), 5);
    }

    [Fact]
    public void From_logits_applies_a_sigmoid()
    {
        var (t, p, _, _, _, _) = Data(8, 64, 200);
        var logits = Ops.Log(Ops.Divide(p, Ops.Subtract(1.0, p)));
        var fromLogits = new AUC(fromLogits: true);
        var fromProbabilities = new AUC();
        fromLogits.Update(t, logits);
        fromProbabilities.Update(t, p);
        Assert.Equal(fromProbabilities.Result().Item<float>(), fromLogits.Result().Item<float>(), 5);
    }

    [Fact]
    public void Multi_label_averages_the_label_aucs_and_weights_them()
    {
        var (t0, p0, _, l0, pv0, _) = Data(9, 80, 200, 0.3);
        var (t1, p1, _, l1, pv1, _) = Data(10, 80, 200, 0.6);
        var labels = Ops.Stack(1, t0, t1);
        var predictions = Ops.Stack(1, p0, p1);
        var ones = Enumerable.Repeat(1.0, 80).ToArray();
        var grid = MetricReference.AucThresholds(200);
        var (tpa, fpa, tna, fna) = MetricReference.Counts(pv0, l0, ones, grid);
        var (tpb, fpb, tnb, fnb) = MetricReference.Counts(pv1, l1, ones, grid);
        double a = MetricReference.RocAuc(tpa, fpa, tna, fna), b = MetricReference.RocAuc(tpb, fpb, tnb, fnb);
        var multi = new AUC(multiLabel: true);
        multi.Update(labels, predictions);
        Assert.Equal((a + b) / 2, multi.Result().Item<float>(), 5);
        var weighted = new AUC(multiLabel: true, numLabels: 2, labelWeights: [1, 3]);
        weighted.Update(labels, predictions);
        Assert.Equal((a + 3 * b) / 4, weighted.Result().Item<float>(), 5);
        // Not multi-label: the two columns are flattened into one set of predictions.
        var flat = new AUC();
        flat.Update(labels, predictions);
        var (tp, fp, tn, fn) = MetricReference.Counts([.. pv0.Zip(pv1).SelectMany(z => new[] { z.First, z.Second })],
            [.. l0.Zip(l1).SelectMany(z => new[] { z.First, z.Second })], [.. ones, .. ones], grid);
        Assert.Equal(MetricReference.RocAuc(tp, fp, tn, fn), flat.Result().Item<float>(), 5);
    }

    [Fact]
    public void Predictions_of_exactly_0_and_1_fall_in_the_end_buckets()
    {
        var auc = new AUC(numThresholds: 3);
        auc.Update(Tensor.FromArray(new[] { 0f, 1, 0, 1 }, 4), Tensor.FromArray(new[] { 0f, 1, 1, 0 }, 4));
        Assert.Equal(0.5f, auc.Result().Item<float>());
    }

    [Fact]
    public void Concurrent_updates_equal_sequential_ones()
    {
        var (t, p, w, _, _, _) = Data(11, 50, 200);
        var parallel = new AUC(curve: AucCurve.PR);
        var sequential = new AUC(curve: AucCurve.PR);
        Parallel.For(0, 64, _ => parallel.Update(t, p, w));
        for (int i = 0; i < 64; i++) sequential.Update(t, p, w);
        Assert.Equal(sequential.Result().Item<float>(), parallel.Result().Item<float>(), 6);
    }

    [Fact]
    public void Invalid_arguments()
    {
        Assertions.Throws<ArgumentOutOfRangeException>(() => new AUC(1), "num_thresholds", "> 1");
        Assertions.Throws<ArgumentException>(() => new AUC(numLabels: 3), "num_labels", "multi_label");
        Assertions.Throws<ArgumentException>(() => new AUC(multiLabel: true, name: "m").Update(Tensor.Zeros(4), Tensor.Zeros(4)), "AUC 'm'", "rank 2", "(4,)");
        Assertions.Throws<ArgumentException>(() => new AUC(name: "a").Update(Tensor.Zeros(4, 2), Tensor.Zeros(4, 3)), "AUC 'a'", "(4, 2)", "(4, 3)");
    }
}
