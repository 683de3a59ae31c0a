using Layers.Tests.Support;

namespace Layers.Tests.LayerContract;

/// <summary>The base class's call flow with layers written by hand (no generator).</summary>
public class HandWrittenLayerSmokeTests
{
    private sealed class Scale(int units) : Layer
    {
        public Variable? Kernel { get; private set; }
        public Variable? Counter { get; private set; }
        public bool? SeenTraining { get; private set; }

        protected override void OnBuild(Shape inputShape)
        {
            Kernel = AddWeight(new Shape(inputShape[-1]), Initializers.Ones(), name: "kernel");
            Counter = AddWeight(new Shape(units), Initializers.Zeros(), trainable: false, name: "counter");
        }

        protected override Tensor Call(Tensor inputs, bool training)
        {
            SeenTraining = training;
            return inputs * Kernel!;
        }
    }

    private sealed class Outer : Layer
    {
        public readonly Scale Inner;
        public Outer() => Inner = TrackLayer(new Scale(2));

        protected override Tensor Call(Tensor inputs) => Inner.Apply(inputs);
    }

    private sealed class Throwing : Layer
    {
        protected override Tensor Call(Tensor inputs) => throw new InvalidOperationException("boom");
    }

    [Fact]
    public void First_call_builds_from_the_input_shape_and_locks_state()
    {
        var layer = new Scale(2);
        Assert.False(layer.Built);
        Assert.Empty(layer.Weights);
        var y = layer.Apply(Tensor.Ones(3, 4));
        Assert.True(layer.Built);
        Assert.Equal(new Shape(3, 4), y.Shape);
        Assert.Equal(["kernel", "counter"], layer.Weights.Select(w => w.Name));
        Assert.Equal(new Shape(3, 4), layer.BuildInputShapes![0]);
        Assertions.Throws<InvalidOperationException>(() => layer.AddWeight(new Shape(1)), "already built", "constructor or in Build");
    }

    [Fact]
    public void Training_reaches_sublayers_through_the_context_and_is_restored_after_a_throw()
    {
        var outer = new Outer();
        outer.Apply(Tensor.Ones(1, 2), training: true);
        Assert.True(outer.Inner.SeenTraining);
        outer.Apply(Tensor.Ones(1, 2));
        Assert.False(outer.Inner.SeenTraining);
        Assert.Throws<InvalidOperationException>(() => new Throwing().Apply(Tensor.Ones(1), training: true));
        Assert.Equal(0, CallContext.Depth);
        Assert.Null(CallContext.Training);
    }

    [Fact]
    public void Weights_paths_and_order_follow_keras()
    {
        var outer = new Outer();
        outer.Apply(Tensor.Ones(1, 2));
        Assert.Equal([$"{outer.Name}/{outer.Inner.Name}/kernel", $"{outer.Name}/{outer.Inner.Name}/counter"], outer.Weights.Select(w => w.Path));
        Assert.Single(outer.TrainableWeights);
        outer.Trainable = false;
        Assert.Empty(outer.TrainableWeights);
        Assert.Equal(2, outer.NonTrainableWeights.Count);
        Assert.Equal(["kernel", "counter"], outer.Weights.Select(w => w.Name));
    }

    [Fact]
    public void Names_are_unique_snake_case_and_tostring_matches_keras()
    {
        var a = new Scale(1);
        var b = new Scale(1);
        Assert.StartsWith("scale", a.Name);
        Assert.NotEqual(a.Name, b.Name);
        Assert.Equal($"<Scale name={a.Name}, built=False>", a.ToString());
    }
}
