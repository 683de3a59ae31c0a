using Layers;

namespace SeedExamples;

/// <summary>Seed: <c>ActivityRegularizationLayer(rate=1e-2)</c> adding <c>rate * reduce_sum(inputs)</c> as a loss.</summary>
public sealed partial class ActivityRegularizationLayer(float rate = 1e-2f) : Layer
{
    public float Rate { get; } = rate;

    protected override Tensor Call(Tensor inputs)
    {
        AddLoss(Rate * Ops.Sum(inputs));
        return inputs;
    }
}

/// <summary>Seed: <c>MyLayer</c> adding <c>abs(reduce_mean(inputs))</c> as a loss.</summary>
public sealed partial class MeanAbsLossLayer : Layer
{
    protected override Tensor Call(Tensor inputs)
    {
        AddLoss(Ops.Abs(Ops.Mean(inputs)));
        return inputs;
    }
}

/// <summary>Seed: <c>MyMetricLayer</c> recording two named metrics of its input with <c>add_metric</c>.</summary>
public sealed partial class MetricLayer : Layer
{
    protected override Tensor Call(Tensor inputs)
    {
        AddMetric(Ops.Mean(inputs), "metric_1");
        AddMetric(Ops.Sum(inputs), "metric_2");
        return inputs;
    }
}
