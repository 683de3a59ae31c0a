using Layers.Tests.Support;

namespace Layers.Tests.LayerContract;

/// <summary>Spec items 1–7: build and call.</summary>
public class BuildAndCallTests
{
    [Fact]
    public void Item01_build_runs_on_the_first_call_with_the_first_input_shape()
    {
        var layer = new ScaleLayer();
        Assert.False(layer.Built);
        layer.Apply(Tensor.Ones(3, 5));
        Assert.True(layer.Built);
        Assert.Equal(new Shape(5), layer.Kernel.Shape);
        layer.Apply(Tensor.Ones(7, 5));
        Assert.Equal(1, layer.BuildCount);
    }

    [Fact]
    public void Item01_explicit_build_creates_state_once()
    {
        var layer = new ScaleLayer();
        layer.Build(new Shape(Shape.Unknown, 4));
        layer.Build(new Shape(Shape.Unknown, 9));
        Assert.True(layer.Built);
        Assert.Equal(1, layer.BuildCount);
        Assert.Equal(new Shape(4), layer.Kernel.Shape);
    }

    [Fact]
    public void Item02_state_is_locked_after_build()
    {
        var layer = new ScaleLayer();
        layer.Apply(Tensor.Ones(1, 2));
        Assertions.Throws<InvalidOperationException>(() => layer.AddWeight(new Shape(2), name: "late"),
            layer.Name, "'late'", "All state must be created in the constructor or in Build");
    }

    private sealed class SpecFromBuild : Layer
    {
        protected override void OnBuild(Shape inputShape) => InputSpec = new InputSpec(axes: new Dictionary<int, int> { [-1] = inputShape[-1] });

        protected override Tensor Call(Tensor inputs) => inputs;
    }

    [Fact]
    public void Item03_input_spec_is_checked_before_build_and_rechecked_when_build_sets_it()
    {
        var layer = new ScaleLayer { InputSpec = new InputSpec(ndim: 2) };
        Assertions.Throws<ArgumentException>(() => layer.Apply(Tensor.Ones(1, 2, 3)), "expected ndim=2, found ndim=3");
        Assert.False(layer.Built);

        var fromBuild = new SpecFromBuild();
        fromBuild.Apply(Tensor.Ones(2, 3));
        Assertions.Throws<ArgumentException>(() => fromBuild.Apply(Tensor.Ones(2, 4)),
            "expected axis -1 of input shape to have value 3, but received input with shape (2, 4)");
    }

    private sealed class TwoShapes : Layer
    {
        public IReadOnlyList<Shape>? Shapes;

        protected override void OnBuild(IReadOnlyList<Shape> inputShapes) => Shapes = inputShapes;

        protected override Tensor Call(IReadOnlyList<Tensor> inputs) => inputs[0] + inputs[1];
    }

    [Fact]
    public void Item04_multi_input_builds_receive_one_shape_per_tensor()
    {
        var layer = new TwoShapes();
        layer.Apply([Tensor.Ones(2, 3), Tensor.Ones(1, 3)]);
        Assert.Equal([new Shape(2, 3), new Shape(1, 3)], layer.Shapes!);
    }

    [Fact]
    public void Item05_float_inputs_are_cast_to_the_compute_dtype_and_integers_are_left_alone()
    {
        var layer = new ScaleLayer();
        layer.Apply(Tensor.Ones(new Shape(1, 2), DType.Float64));
        Assert.Equal(DType.Float32, layer.SeenDType);
        layer.Apply(Tensor.Ones(new Shape(1, 2), DType.Int32));
        Assert.Equal(DType.Int32, layer.SeenDType);

        var noCast = new ScaleLayer(autocast: false, dtype: DType.Float64);
        noCast.Apply(Tensor.Ones(new Shape(1, 2), DType.Float32));
        Assert.Equal(DType.Float32, noCast.SeenDType);
    }

    [Fact]
    public void Item06_training_explicit_beats_context_beats_default()
    {
        var probe = new ProbeLayer(defaultTraining: true);
        probe.Apply(Tensor.Ones(1));
        Assert.True(probe.SeenTraining);
        probe.Apply(Tensor.Ones(1), training: false);
        Assert.False(probe.SeenTraining);

        var inner = new ProbeLayer(defaultTraining: true);
        var outer = new Wrapper(inner);
        outer.Apply(Tensor.Ones(1), training: false);
        Assert.False(inner.SeenTraining);   // the outer call's value reaches it though the outer Call takes no training
        outer.Apply(Tensor.Ones(1), training: true);
        Assert.True(inner.SeenTraining);
    }

    private sealed class Thrower : Layer
    {
        protected override Tensor Call(Tensor inputs) => throw new InvalidOperationException("boom");
    }

    [Fact]
    public void Item06_the_context_is_restored_when_call_throws()
    {
        var outer = new Wrapper(new Thrower());
        Assert.Throws<InvalidOperationException>(() => outer.Apply(Tensor.Ones(1), training: true));
        var probe = new ProbeLayer();
        probe.Apply(Tensor.Ones(1));
        Assert.False(probe.SeenTraining);
        Assert.Equal(0, CallContext.Depth);
    }

    private sealed class MaskMaker : Layer
    {
        protected override Tensor Call(Tensor inputs) => inputs + 0;

        public override Tensor? ComputeMask(Tensor inputs, Tensor? mask) => Ops.Cast(inputs, DType.Bool);
    }

    [Fact]
    public void Item07_masks_flow_to_calls_that_take_them_and_pass_through_other_layers()
    {
        var x = Tensor.FromArray(new[] { 1f, 0f, 2f }, 1, 3);
        var masked = new MaskMaker().Apply(x);
        Assert.Equal(new[] { true, false, true }, masked.KerasMask!.ToArray<bool>());

        var passthrough = new ScaleLayer().Apply(masked);
        Assert.Same(masked.KerasMask, passthrough.KerasMask);

        var probe = new ProbeLayer();
        probe.Apply(passthrough);
        Assert.Same(masked.KerasMask, probe.SeenMask);

        var explicitMask = Tensor.FromArray(new[] { false, false, true }, 1, 3);
        probe.Apply(passthrough, mask: explicitMask);
        Assert.Same(explicitMask, probe.SeenMask);
    }
}
