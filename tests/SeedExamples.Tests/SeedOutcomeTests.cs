using Layers;
using SeedExamples;

namespace SeedExamples.Tests;

/// <summary>What each seed document shows, asserted on the sample's generated layers.</summary>
public class SeedOutcomeTests
{
    private static float[] Values(Tensor tensor) => tensor.ToArray<float>();

    [Fact]
    public void Linear_with_weights_in_init_has_both_weights_before_the_first_call_in_declaration_order()
    {
        var layer = new WeightsInInit.Linear(4, 2);
        Assert.Equal([layer.W, layer.B], layer.Weights);
        Assert.Equal(["w", "b"], layer.Weights.Select(w => w.Name));
        Assert.Equal([new Shape(2, 4), new Shape(4)], layer.Weights.Select(w => w.Shape));
        var y = layer.Apply(Tensor.Ones(2, 2));
        Assert.Equal(new Shape(2, 4), y.Shape);
        Assert.Equal(Values(y)[..4], Values(y)[4..]);
        Assert.All(Values(layer.B), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Linear_with_weights_in_build_has_none_before_it_is_built_then_two_in_declaration_order()
    {
        var layer = new WeightsInBuild.Linear(4);
        Assert.Empty(layer.Weights);
        var error = Assert.Throws<InvalidOperationException>(() => layer.W);
        Assert.Contains("created when the layer is built", error.Message);
        layer.Apply(Tensor.Ones(2, 2));
        Assert.Equal(2, layer.Weights.Count);
        Assert.Equal([layer.W, layer.B], layer.Weights);
        Assert.Equal([new Shape(2, 4), new Shape(4)], layer.Weights.Select(w => w.Shape));

        var explicitlyBuilt = new WeightsInBuild.Linear(4);
        explicitlyBuilt.Build(new Shape(2, 2));
        Assert.Equal(["w", "b"], explicitlyBuilt.Weights.Select(w => w.Name));
    }

    [Fact]
    public void SimpleDense_has_two_trainable_weights_named_kernel_and_bias()
    {
        var layer = new SimpleDense(4);
        var y = layer.Apply(Tensor.Ones(2, 2));
        Assert.Equal(new Shape(2, 4), y.Shape);
        Assert.Equal(2, layer.Weights.Count);
        Assert.Equal(2, layer.TrainableWeights.Count);
        Assert.Equal(["kernel", "bias"], layer.Weights.Select(w => w.Name));
    }

    [Fact]
    public void ComputeSum_accumulates_2_2_then_4_4_in_one_non_trainable_weight()
    {
        var mySum = new ComputeSum(2);
        var x = Tensor.Ones(2, 2);
        Assert.Equal([2f, 2f], Values(mySum.Apply(x)));
        Assert.Equal([4f, 4f], Values(mySum.Apply(x)));
        Assert.Equal([mySum.Total], mySum.Weights);
        Assert.Equal([mySum.Total], mySum.NonTrainableWeights);
        Assert.Empty(mySum.TrainableWeights);
    }

    [Fact]
    public void ComputeScalarSum_accumulates_4_then_8()
    {
        var mySum = new ComputeScalarSum();
        var x = Tensor.Ones(2, 2);
        Assert.Equal(4f, mySum.Apply(x).Item<float>());
        Assert.Equal(8f, mySum.Apply(x).Item<float>());
        Assert.Equal([mySum.Total], mySum.NonTrainableWeights);
        Assert.Empty(mySum.TrainableWeights);
    }

    [Fact]
    public void MlpBlock_on_3_by_64_has_six_trainable_weights_in_sublayer_declaration_order()
    {
        var mlp = new MlpBlock();
        var y = mlp.Apply(Tensor.Ones(3, 64));
        Assert.Equal(new Shape(3, 1), y.Shape);
        Assert.Equal(6, mlp.Weights.Count);
        Assert.Equal(6, mlp.TrainableWeights.Count);
        Assert.Equal(3, mlp.Layers.Count);
        Assert.Equal(
            [new Shape(64, 32), new Shape(32), new Shape(32, 32), new Shape(32), new Shape(32, 1), new Shape(1)],
            mlp.Weights.Select(w => w.Shape));
        Assert.All(mlp.Weights, w => Assert.StartsWith(mlp.Name + "/", w.Path));
    }

    [Fact]
    public void ActivityRegularizationLayer_adds_rate_times_the_sum_of_its_inputs()
    {
        var layer = new ActivityRegularizationLayer(1e-2f);
        var x = Tensor.Ones(2, 2);
        Assert.Same(x, layer.Apply(x));
        var loss = Assert.Single(layer.Losses);
        Assert.Equal(0.04f, loss.Item<float>(), 6);
        layer.Apply(x);
        Assert.Single(layer.Losses); // cleared by the next outermost call
    }

    [Fact]
    public void MyLayer_add_loss_of_ones_is_one()
    {
        var layer = new MeanAbsLossLayer();
        layer.Apply(Tensor.Ones(10, 1));
        Assert.Equal(1f, Assert.Single(layer.Losses).Item<float>());
    }

    [Fact]
    public void A_zero_argument_loss_of_a_weight_is_evaluated_when_losses_are_read()
    {
        var d = new SeedDense(10, kernelInitializer: "ones");
        d.Build(new Shape(Shape.Unknown, 10));
        d.AddLoss(() => Ops.Mean(d.Kernel));
        Assert.Equal(1f, Assert.Single(d.Losses).Item<float>());
    }

    [Fact]
    public void Metrics_are_listed_by_name_in_the_order_they_were_added()
    {
        var d = new SeedDense(2);
        var output = d.Apply(Tensor.Ones(1, 3));
        d.AddMetric(Ops.Max(output), "max");
        d.AddMetric(Ops.Min(output), "min");
        Assert.Equal(["max", "min"], d.Metrics.Select(m => m.Name));

        var layer = new MetricLayer();
        layer.Apply(Tensor.Ones(2, 2));
        Assert.Equal(["metric_1", "metric_2"], layer.Metrics.Select(m => m.Name));
        Assert.Equal(4f, layer.Metrics[1].Result().Item<float>());
    }

    [Fact]
    public void Set_weights_copies_one_dense_layers_weights_into_another()
    {
        var a = new SeedDense(1, kernelInitializer: Initializers.Constant(1.0));
        a.Apply(Tensor.FromArray([1f, 2f, 3f], 1, 3));
        Assert.Equal([[1f, 1f, 1f], [0f]], a.GetWeights().Select(Values));
        var b = new SeedDense(1, kernelInitializer: Initializers.Constant(2.0));
        b.Apply(Tensor.FromArray([10f, 20f, 30f], 1, 3));
        Assert.Equal([[2f, 2f, 2f], [0f]], b.GetWeights().Select(Values));
        b.SetWeights(a.GetWeights());
        Assert.Equal([[1f, 1f, 1f], [0f]], b.GetWeights().Select(Values));
        Assert.Equal([new Shape(3, 1), new Shape(1)], b.Weights.Select(w => w.Shape));
    }
}
