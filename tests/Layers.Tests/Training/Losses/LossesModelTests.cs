using Layers.Tests.Support;

namespace Layers.Tests.Training.Losses;

/// <summary>Losses and metrics as <see cref="Model.Compile"/> uses them: string identifiers, training steps, logged names.</summary>
public class LossesModelTests
{
    /// <summary>A linear map with a zero-initialized kernel, so the first loss is known: log(classes).</summary>
    private sealed class Linear(int units) : Layer
    {
        private Variable _kernel = null!;

        protected override void OnBuild(Shape inputShape) =>
            _kernel = AddWeight(new Shape(inputShape[-1], units), Initializers.Zeros(), name: "kernel");

        protected override Tensor Call(Tensor inputs) => Ops.MatMul(inputs, _kernel);
    }

    [Fact]
    public void Sparse_cross_entropy_from_logits_trains_and_logs_the_resolved_accuracy()
    {
        var x = TestData.Tensor(1, new Shape(64, 5), DType.Float32);
        var labels = Tensor.FromArray(Enumerable.Range(0, 64).Select(i => (x.GetItem<float>(i, 0) > 0 ? 1 : 0) + (x.GetItem<float>(i, 1) > 0 ? 2 : 0)).ToArray(), 64);
        var model = new Sequential([new Linear(4)]);
        model.Compile(new SGD(0.5), new SparseCategoricalCrossentropy(fromLogits: true), ["accuracy", "acc"]);
        var first = model.TrainOnBatch(x, labels);
        Assert.Equal(Math.Log(4), first["loss"], 5);
        Assert.Equal(["acc", "accuracy", "loss"], first.Keys.Order());
        double last = first["loss"];
        for (int i = 0; i < 30; i++) last = model.TrainOnBatch(x, labels)["loss"];
        Assert.True(last < first["loss"] - 0.3, $"loss went from {first["loss"]} to {last}");
        var accuracy = Assert.IsType<ShapeResolvedAccuracy>(model.CompiledMetrics[0]);
        Assert.Equal("SparseCategoricalAccuracy", accuracy.ClassName);
    }

    [Fact]
    public void Identifiers_compile_to_losses_and_metrics_named_as_in_Keras()
    {
        var model = new Sequential([new Linear(1)]);
        model.Compile("sgd", "mse", ["mae", "mse"]);
        var x = TestData.Tensor(2, new Shape(8, 3), DType.Float32);
        var y = Tensor.Ones(8, 1);
        var logs = model.TrainOnBatch(x, y);
        Assert.Equal(["loss", "mae", "mse"], logs.Keys.Order());
        // Zero weights predict 0 for targets of 1: every error is 1 on this first step.
        Assert.Equal(1.0, logs["loss"], 6);
        Assert.Equal(1.0, logs["mae"], 6);
        Assert.Equal(1.0, logs["mse"], 6);
        Assert.IsType<MeanSquaredError>(model.Loss);
    }
}
