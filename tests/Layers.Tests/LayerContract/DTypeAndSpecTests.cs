using Layers.Tests.Support;

namespace Layers.Tests.LayerContract;

/// <summary>Spec items 26–29.</summary>
public class DTypeAndSpecTests
{
    [Fact]
    public void Item26_float64_policy_per_layer()
    {
        var layer = new ScaleLayer(dtype: DType.Float64);
        Assert.Equal(DType.Float64, layer.DType);
        var y = layer.Apply(Tensor.Ones(1, 2));
        Assert.Equal(DType.Float64, layer.Kernel.DType);
        Assert.Equal(DType.Float64, y.DType);
        Assert.Equal("float64", layer.GetConfig().GetNode("dtype")!["config"]!["name"]!.GetValue<string>());
        Assertions.Throws<ArgumentException>(() => new ScaleLayer(dtype: "bfloat16"), "bfloat16", "float32, float64");
    }

    [Fact]
    public void Item27_input_spec_violations_use_keras_messages()
    {
        var layer = new ScaleLayer("dense_7") { InputSpec = new InputSpec(ndim: 2) };
        Assertions.Throws<ArgumentException>(() => layer.Apply(Tensor.Ones(1, 2, 3)),
            "Input 0 of layer \"dense_7\" is incompatible with the layer: expected ndim=2, found ndim=3. Full shape received: (1, 2, 3)");
        layer.InputSpec = new InputSpec(minNdim: 3);
        Assertions.Throws<ArgumentException>(() => layer.Apply(Tensor.Ones(2)), "expected min_ndim=3, found ndim=1");
        layer.InputSpec = new InputSpec(maxNdim: 1);
        Assertions.Throws<ArgumentException>(() => layer.Apply(Tensor.Ones(2, 2)), "expected max_ndim=1, found ndim=2");
        layer.InputSpec = new InputSpec(dtype: DType.Int32);
        Assertions.Throws<ArgumentException>(() => layer.Apply(Tensor.Ones(2, 2)), "expected dtype=int32, found dtype=float32");
        layer.InputSpec = new InputSpec(shape: new Shape(Shape.Unknown, 4));
        Assertions.Throws<ArgumentException>(() => layer.Apply(Tensor.Ones(2, 3)), "expected shape=(None, 4), found shape=(2, 3)");
    }

    private sealed class Doubler : Layer
    {
        public override Shape ComputeOutputShape(Shape inputShape) => inputShape.WithDim(-1, inputShape[-1] * 2);

        protected override Tensor Call(Tensor inputs) => inputs;
    }

    [Fact]
    public void Item28_compute_output_shape_reports_shapes_without_running_or_explains_itself()
    {
        Assert.Equal(new Shape(Shape.Unknown, 8), new Doubler().ComputeOutputShape(new Shape(Shape.Unknown, 4)));
        var layer = new ScaleLayer("plain");
        Assertions.Throws<NotSupportedException>(() => layer.ComputeOutputShape(new Shape(2)), "'plain'", "ComputeOutputShape");
        Assert.False(layer.Built);
    }

    private sealed class DynamicLayer() : Layer(dynamic: true)
    {
        protected override Tensor Call(Tensor inputs) => inputs;
    }

    [Fact]
    public void Item29_dynamic_exists_and_everything_runs_eagerly()
    {
        var layer = new DynamicLayer();
        Assert.True(layer.Dynamic);
        Assert.False(new ScaleLayer().Dynamic);
        Assert.Equal(2.0, layer.Apply(Tensor.Full(new Shape(1), 2))[0]);
    }
}
