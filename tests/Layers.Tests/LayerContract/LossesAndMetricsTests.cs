using Layers.Tests.Support;

namespace Layers.Tests.LayerContract;

/// <summary>Spec items 8–12: losses and metrics.</summary>
public class LossesAndMetricsTests
{
    [Fact]
    public void Item08_losses_are_cleared_by_the_outermost_call_only()
    {
        var inner = new LossAdder();
        var outer = new LossAdder(inner).Track();
        outer.Apply(Tensor.Full(new Shape(1, 1), 3));
        Assert.Equal(3, outer.Losses.Count);          // outer's own + inner called twice
        Assert.Equal(2, inner.Losses.Count);
        outer.Apply(Tensor.Full(new Shape(1, 1), 5));
        Assert.Equal([5f, 5f, 5f], outer.Losses.Select(l => l.Item<float>()));
    }

    [Fact]
    public void Item09_losses_include_descendants_and_regularizers_of_trainable_weights_only()
    {
        var regularized = new RegularizedLayer();
        var outer = new Wrapper(regularized);
        outer.Apply(Tensor.Ones(1, 2));
        // kernel = [2, 2] (constant init), rate 0.5 → 0.5·4 = 2; the frozen weight's regularizer is excluded.
        var losses = outer.Losses;
        Assert.Single(losses);
        Assert.Equal(2f, losses[0].Item<float>());
        outer.Trainable = false;
        Assert.Empty(outer.Losses);
    }

    private sealed class RegularizedLayer : Layer
    {
        protected override void OnBuild(Shape inputShape)
        {
            AddWeight(new Shape(inputShape[-1]), Initializers.Constant(2), regularizer: new AbsSumRegularizer(0.5), name: "kernel");
            AddWeight(new Shape(3), Initializers.Constant(7), trainable: false, regularizer: new AbsSumRegularizer(1), name: "frozen");
        }

        protected override Tensor Call(Tensor inputs) => inputs;
    }

    [Fact]
    public void Item10_activity_regularizer_is_applied_to_outputs_and_divided_by_the_batch_size()
    {
        var layer = new ScaleLayer { ActivityRegularizer = new AbsSumRegularizer(1) };
        layer.Apply(Tensor.Ones(4, 3));   // outputs all 2 → Σ|y| = 24, / batch 4 = 6
        Assert.Equal(6f, Assert.Single(layer.Losses).Item<float>());
    }

    [Fact]
    public void Item11_lazy_losses_are_evaluated_on_access_and_never_cleared()
    {
        var layer = new ScaleLayer();
        layer.Apply(Tensor.Ones(1, 2));
        layer.AddLoss(() => Tensor.Scalar((float)layer.Kernel.Value[0]));
        Assert.Equal(2f, Assert.Single(layer.Losses).Item<float>());
        layer.Kernel.Assign(Tensor.FromArray(new[] { 9f, 9f }));
        layer.Apply(Tensor.Ones(1, 2));
        Assert.Equal(9f, Assert.Single(layer.Losses).Item<float>());
    }

    private sealed class MetricLayer : Layer
    {
        protected override Tensor Call(Tensor inputs)
        {
            AddMetric(inputs, "activation_mean");
            return inputs;
        }
    }

    [Fact]
    public void Item12_add_metric_records_named_means()
    {
        var layer = new MetricLayer();
        var outer = new Wrapper(layer);
        outer.Apply(Tensor.FromArray(new[] { 1f, 3f }));
        outer.Apply(Tensor.FromArray(new[] { 8f }));
        var metric = Assert.Single(outer.Metrics);
        Assert.Equal("activation_mean", metric.Name);
        Assert.Equal(4f, metric.Result().Item<float>());
        metric.Reset();
        Assert.Equal(0f, metric.Result().Item<float>());
    }

    [Fact]
    public void Add_loss_rejects_integer_tensors()
    {
        var layer = new ScaleLayer();
        Assertions.Throws<ArgumentException>(() => layer.AddLoss(Tensor.Scalar(1)), layer.Name, "floating-point", "int32");
    }
}
