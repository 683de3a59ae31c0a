using Layers;

namespace Digits;

/// <summary>
/// A custom layer written with the generator: <c>x + activation(x · W + b)</c>. The weights' shapes come
/// from the input at build; the generator writes building, weight tracking, config and registration.
/// </summary>
public sealed partial class ResidualDense(ActivationFunction? activation = null, string? name = null) : Layer(name)
{
    public ActivationFunction Activation { get; } = activation ?? Activations.Get("relu");

    [Weight(Shape = "inputs[-1], inputs[-1]", Initializer = "he_normal")]
    public partial Variable Kernel { get; }

    [Weight(Shape = "inputs[-1]", Initializer = "zeros")]
    public partial Variable Bias { get; }

    protected override Tensor Call(Tensor inputs) => inputs + Activation.Call(Ops.MatMul(inputs, Kernel) + Bias);

    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;
}
