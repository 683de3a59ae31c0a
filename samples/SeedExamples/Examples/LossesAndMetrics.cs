using Layers;
using static SeedExamples.Examples.Output;

namespace SeedExamples.Examples;

/// <summary>The seeds' add_loss (from inputs, and as a zero-argument function of a weight) and add_metric.</summary>
public static class LossesAndMetrics
{
    public static void Run(TextWriter output)
    {
        Section(output, "ActivityRegularizationLayer(1e-2) on ones((2, 2))");
        var activity = new ActivityRegularizationLayer();
        activity.Apply(Tensor.Ones(2, 2));
        output.WriteLine($"layer.losses: {Values(activity.Losses)}");

        Section(output, "MyLayer: add_loss(abs(reduce_mean(inputs))) on ones((10, 1))");
        var meanLoss = new MeanAbsLossLayer();
        meanLoss.Apply(Tensor.Ones(10, 1));
        output.WriteLine($"l.losses: {Values(meanLoss.Losses)}");

        Section(output, "add_loss(lambda: reduce_mean(d.kernel)) with Dense(10, kernel_initializer='ones')");
        var d = new SeedDense(10, kernelInitializer: "ones");
        d.Build(new Shape(Shape.Unknown, 10));
        d.AddLoss(() => Ops.Mean(d.Kernel));
        output.WriteLine($"model.losses: {Values(d.Losses)}");

        Section(output, "add_metric: Dense(2) on an input of shape (3,), then max and min of its output");
        var dense = new SeedDense(2, kernelInitializer: "ones");
        var result = dense.Apply(Tensor.Ones(1, 3));
        dense.AddMetric(Ops.Max(result), "max");
        dense.AddMetric(Ops.Min(result), "min");
        output.WriteLine($"[m.name for m in d.metrics]: [{string.Join(", ", dense.Metrics.Select(m => m.Name))}]");
        var metricLayer = new MetricLayer();
        metricLayer.Apply(Tensor.Ones(2, 2));
        output.WriteLine($"MyMetricLayer metrics: [{string.Join(", ", metricLayer.Metrics.Select(m => $"{m.Name}={m.Result().FormatValues()}"))}]");
    }
}
