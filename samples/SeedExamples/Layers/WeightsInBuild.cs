using Layers;

namespace SeedExamples.WeightsInBuild;

/// <summary>
/// Seed: <c>Linear(units=32)</c> creating its weights in <c>build(input_shape)</c>. <c>W</c>'s shape names the call
/// argument's last dimension, so the weights are created when the layer is built — on the first call or by Build.
/// </summary>
public sealed partial class Linear(int units = 32) : Layer
{
    public int Units { get; } = units;

    [Weight(Shape = "inputs[-1], Units", Initializer = "random_normal")]
    public partial Variable W { get; }

    [Weight(Shape = "Units", Initializer = "random_normal")]
    public partial Variable B { get; }

    protected override Tensor Call(Tensor inputs) => Ops.MatMul(inputs, W) + B;
}
