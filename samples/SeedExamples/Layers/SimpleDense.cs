using Layers;

namespace SeedExamples;

/// <summary>Seed (Keras 3 docs): <c>SimpleDense</c> with a <c>kernel</c> (glorot_uniform) and a <c>bias</c> (zeros) built from the input shape.</summary>
public sealed partial class SimpleDense(int units = 32) : Layer
{
    public int Units { get; } = units;

    [Weight(Shape = "inputs[-1], Units", Initializer = "glorot_uniform")]
    public partial Variable Kernel { get; }

    [Weight(Shape = "Units", Initializer = "zeros")]
    public partial Variable Bias { get; }

    protected override Tensor Call(Tensor inputs) => Ops.MatMul(inputs, Kernel) + Bias;
}
