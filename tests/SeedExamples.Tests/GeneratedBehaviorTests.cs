using Layers;

namespace SeedExamples.Tests;

/// <summary>
/// The generated plumbing at run time, beyond the seeds: typed multi-input Apply, training and mask bound by
/// name, list inputs, inheritance slots, trainable-first order, a user OnBuild beside generated weights.
/// These layers are compiled by the generator like any user's.
/// </summary>
public partial class GeneratedBehaviorTests
{
    public sealed partial class Affine : Layer
    {
        [Weight(Shape = "a[-1], b[-1]", Initializer = "ones")]
        public partial Variable Kernel { get; }

        private Tensor Call(Tensor a, Tensor b, Tensor? mask) => Ops.MatMul(a, Kernel) + (mask is null ? b : b * mask);
    }

    public sealed partial class TrainingProbe : Layer
    {
        public bool? Seen { get; private set; }

        protected override Tensor Call(Tensor inputs, bool training = true)
        {
            Seen = training;
            return inputs;
        }
    }

    public sealed partial class Outer : Layer
    {
        [SubLayer] public TrainingProbe Probe { get; } = new();

        protected override Tensor Call(Tensor inputs) => Probe.Apply(inputs);
    }

    public sealed partial class SumList : Layer
    {
        [Weight(Shape = "inputs[1][-1]", Initializer = "ones")]
        public partial Variable Scale { get; }

        protected override Tensor Call(IReadOnlyList<Tensor> inputs) => (inputs[0] + inputs[1]) * Scale;
    }

    public partial class Base : Layer
    {
        [Weight(Shape = "x[-1]", Initializer = "zeros", Trainable = false)]
        public partial Variable Counter { get; }

        [Weight(Shape = "x[-1]", Initializer = "ones")]
        public partial Variable Gain { get; }

        protected override Tensor Call(Tensor x) => x * Gain;
    }

    public sealed partial class Derived : Base
    {
        [Weight(Shape = "2", Initializer = "zeros")]
        public partial Variable Extra { get; }

        public Variable? FromOnBuild { get; private set; }

        protected override void OnBuild(Shape inputShape) => FromOnBuild = AddWeight(new Shape(1), Initializers.Ones(), name: "from_on_build");
    }

    public sealed partial class Stack : Layer
    {
        [SubLayer] private readonly Derived _first = new();
        [SubLayer] public List<Base> Rest { get; } = [new Base(), new Derived()];

        protected override Tensor Call(Tensor x)
        {
            x = _first.Apply(x);
            foreach (var layer in Rest) x = layer.Apply(x);
            return x;
        }
    }

    [Fact]
    public void A_two_tensor_call_gets_a_typed_Apply_that_builds_from_both_shapes_and_binds_the_mask()
    {
        var layer = new Affine();
        var a = Tensor.Ones(2, 3);
        var b = Tensor.Ones(2, 4);
        var y = layer.Apply(a, b);
        Assert.Equal(new Shape(3, 4), layer.Kernel.Shape);
        Assert.Equal(new Shape(2, 4), y.Shape);
        Assert.All(y.ToArray<float>(), v => Assert.Equal(4f, v));
        var masked = layer.Apply(a, b, mask: Tensor.Zeros(2, 4));
        Assert.All(masked.ToArray<float>(), v => Assert.Equal(3f, v));
        var error = Assert.Throws<ArgumentException>(() => layer.Apply(a));
        Assert.Contains("takes 2 tensor arguments (a, b) but was called with 1", error.Message);
    }

    [Fact]
    public void A_training_default_is_the_layers_own_and_an_enclosing_call_overrides_it()
    {
        var probe = new TrainingProbe();
        probe.Apply(Tensor.Ones(1));
        Assert.True(probe.Seen);
        probe.Apply(Tensor.Ones(1), training: false);
        Assert.False(probe.Seen);
        var outer = new Outer();
        outer.Apply(Tensor.Ones(1), training: false);
        Assert.False(outer.Probe.Seen);
    }

    [Fact]
    public void A_list_call_builds_from_the_shape_of_each_item()
    {
        var layer = new SumList();
        var y = layer.Apply([Tensor.Ones(2, 3), Tensor.Ones(2, 3)]);
        Assert.Equal(new Shape(3), layer.Scale.Shape);
        Assert.All(y.ToArray<float>(), v => Assert.Equal(2f, v));
    }

    [Fact]
    public void Weights_are_trainable_first_then_base_class_slots_before_derived_ones_then_OnBuild_ones()
    {
        var layer = new Derived();
        layer.Apply(Tensor.Ones(1, 3));
        Assert.Equal(["gain", "extra", "from_on_build", "counter"], layer.Weights.Select(w => w.Name));
        Assert.Same(layer.FromOnBuild, layer.Weights[2]);
        layer.Trainable = false;
        Assert.Equal(["gain", "extra", "from_on_build", "counter"], layer.Weights.Select(w => w.Name));
        Assert.Empty(layer.TrainableWeights);
    }

    [Fact]
    public void Sublayers_are_tracked_in_declaration_order_with_list_items_in_list_order()
    {
        var stack = new Stack();
        stack.Apply(Tensor.Ones(1, 2));
        Assert.Equal(3, stack.Layers.Count);
        Assert.IsType<Derived>(stack.Layers[0]);
        Assert.Same(stack.Rest[0], stack.Layers[1]);
        Assert.Same(stack.Rest[1], stack.Layers[2]);
        Assert.Equal(4 + 2 + 4, stack.Weights.Count);
    }
}
