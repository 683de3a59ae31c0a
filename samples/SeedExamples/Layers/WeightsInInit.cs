using Layers;

namespace SeedExamples.WeightsInInit;

/// <summary>
/// Seed: <c>Linear(units=32, input_dim=32)</c> creating <c>w</c> and <c>b</c> in <c>__init__</c>. Neither shape names a
/// call argument, so the generator creates both weights at construction, in declaration order.
/// </summary>
public sealed partial class Linear(int units = 32, int inputDim = 32) : Layer
{
    public int Units { get; } = units;

    public int InputDim { get; } = inputDim;

    [Weight(Shape = "InputDim, Units", Initializer = "random_normal")]
    public partial Variable W { get; }

    [Weight(Shape = "Units", Initializer = "zeros")]
    public partial Variable B { get; }

    protected override Tensor Call(Tensor inputs) => Ops.MatMul(inputs, W) + B;
}
