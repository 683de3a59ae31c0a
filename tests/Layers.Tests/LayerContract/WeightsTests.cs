using Layers.Tests.Support;

namespace Layers.Tests.LayerContract;

/// <summary>Spec items 13–19: weights.</summary>
public class WeightsTests
{
    private sealed class Empty : Layer
    {
        protected override Tensor Call(Tensor inputs) => inputs;
    }

    private sealed class Empty64() : Layer(dtype: DType.Float64)
    {
        protected override Tensor Call(Tensor inputs) => inputs;
    }

    [Fact]
    public void Item13_add_weight_defaults_scalar_shape_layer_dtype_and_zeros_for_integers()
    {
        var layer = new Empty64();
        var counter = layer.AddWeight(dtype: DType.Int32, initializer: null);
        Assert.Equal(Shape.Scalar, counter.Shape);
        Assert.Equal(DType.Int32, counter.DType);
        Assert.Equal(0, counter.Value.Item<int>());
        var f = layer.AddWeight(initializer: Initializers.Ones());
        Assert.Equal(DType.Float64, f.DType);
        Assert.True(f.Trainable);
    }

    [Fact]
    public void Item14_default_weight_names_are_variable_with_a_counter_and_paths_nest()
    {
        var layer = new Empty();
        var first = layer.AddWeight(initializer: Initializers.Zeros());
        var second = layer.AddWeight(initializer: Initializers.Zeros());
        Assert.Matches("^variable(_[0-9]+)?$", first.Name);
        Assert.Matches("^variable_[0-9]+$", second.Name);
        Assert.NotEqual(first.Name, second.Name);
        Assert.Equal($"{layer.Name}/{first.Name}", first.Path);

        var inner = new ScaleLayer();
        var outer = new Wrapper(inner);
        outer.Apply(Tensor.Ones(1, 2));
        Assert.Equal($"{outer.Name}/{inner.Name}/kernel", inner.Kernel.Path);
    }

    private sealed class Mixed : Layer
    {
        public Mixed(Layer sub) => TrackLayer(sub);

        protected override void OnBuild(Shape inputShape)
        {
            AddWeight(new Shape(1), Initializers.Zeros(), trainable: false, name: "moving");
            AddWeight(new Shape(1), Initializers.Zeros(), name: "gamma");
            AddWeight(new Shape(1), Initializers.Zeros(), name: "beta");
        }

        protected override Tensor Call(Tensor inputs) => Layers[0].Apply(inputs);
    }

    [Fact]
    public void Item15_weights_are_own_trainable_then_own_non_trainable_then_sublayers_deduplicated()
    {
        var shared = new ScaleLayer();
        var mixed = new Mixed(shared);
        var outer = new Wrapper(mixed);
        outer.Apply(Tensor.Ones(1, 2));
        Assert.Equal(["gamma", "beta", "moving", "kernel", "steps"], outer.Weights.Select(w => w.Name));
        mixed.Weights[0].Trainable = false;   // freezing never reorders
        Assert.Equal(["gamma", "beta", "moving", "kernel", "steps"], outer.Weights.Select(w => w.Name));
    }

    [Fact]
    public void Item15_a_sublayer_tracked_twice_contributes_its_weights_once()
    {
        var shared = new ScaleLayer();
        var twice = new Twice(shared);
        twice.Apply(Tensor.Ones(1, 2));
        Assert.Equal(2, twice.Weights.Count);
        Assert.Single(twice.Layers);
    }

    private sealed class Twice : Layer
    {
        private readonly Layer _a;

        public Twice(Layer shared)
        {
            _a = TrackLayer(shared);
            TrackLayer(shared);
        }

        protected override Tensor Call(Tensor inputs) => _a.Apply(_a.Apply(inputs));
    }

    [Fact]
    public void Item16_trainable_weights_is_empty_when_frozen_and_non_trainable_holds_everything()
    {
        var layer = new ScaleLayer();
        layer.Apply(Tensor.Ones(1, 2));
        Assert.Equal(["kernel"], layer.TrainableWeights.Select(w => w.Name));
        Assert.Equal(["steps"], layer.NonTrainableWeights.Select(w => w.Name));
        layer.Trainable = false;
        Assert.Empty(layer.TrainableWeights);
        Assert.Equal(["kernel", "steps"], layer.NonTrainableWeights.Select(w => w.Name));
    }

    [Fact]
    public void Item17_setting_trainable_sets_the_trainable_bucket_and_recurses()
    {
        var inner = new ScaleLayer();
        var outer = new Wrapper(inner);
        outer.Apply(Tensor.Ones(1, 2));
        outer.Trainable = false;
        Assert.False(inner.Trainable);
        Assert.False(inner.Kernel.Trainable);
        outer.Trainable = true;
        Assert.True(inner.Kernel.Trainable);
        Assert.False(inner.Steps.Trainable);   // created non-trainable (like a moving mean): unfreezing never makes it trainable
    }

    [Fact]
    public void Item18_get_weights_returns_detached_copies_in_order()
    {
        var layer = new ScaleLayer();
        layer.Apply(Tensor.Ones(1, 3));
        var values = layer.GetWeights();
        Assert.Equal(new[] { 2f, 2f, 2f }, values[0].ToArray<float>());
        Assert.Equal(0L, values[1].Item<long>());
        values[0].AsMutableSpan<float>()[0] = 100;
        Assert.Equal(2.0, layer.Kernel.Value[0]);
    }

    [Fact]
    public void Item18_set_weights_checks_count_and_shapes_and_changes_nothing_on_failure()
    {
        var layer = new ScaleLayer("dense_3");
        layer.Apply(Tensor.Ones(1, 3));
        Assertions.Throws<ArgumentException>(() => layer.SetWeights([Tensor.Ones(3)]),
            "on layer 'dense_3' with a weight list of length 1, but the layer was expecting 2 weights");
        Assertions.Throws<ArgumentException>(() => layer.SetWeights([Tensor.Full(new Shape(3), 5), Tensor.Ones(new Shape(2), DType.Int64)]),
            "Layer dense_3 weight shape () is not compatible with provided weight shape (2,)");
        Assert.Equal(new[] { 2f, 2f, 2f }, layer.Kernel.Value.ToArray<float>());   // the valid first value was not applied

        layer.SetWeights([Tensor.Full(new Shape(3), 5), Tensor.Scalar(7L)]);
        Assert.Equal(new[] { 5f, 5f, 5f }, layer.Kernel.Value.ToArray<float>());
        Assert.Equal(7L, layer.Steps.Value.Item<long>());
    }

    [Fact]
    public void Item19_count_params_needs_a_built_layer()
    {
        var layer = new ScaleLayer();
        Assertions.Throws<InvalidOperationException>(() => layer.CountParams(), layer.Name, "isn't built", "Build(inputShape)");
        layer.Apply(Tensor.Ones(2, 5));
        Assert.Equal(6, layer.CountParams());
    }

    [Fact]
    public void Weight_names_with_a_slash_are_rejected()
    {
        var layer = new ScaleLayer();
        Assertions.Throws<ArgumentException>(() => layer.AddWeight(name: "a/b", initializer: Initializers.Zeros()), "'a/b'", "'/'");
    }
}
