using Layers;

namespace SeedExamples.Eager;

// The seed's Linear(units, input_dim) that creates its weights in __init__: no shape names a call argument.
public sealed partial class Linear : Layer
{
    public Linear(int units = 32, int inputDim = 32)
    {
        Units = units;
        InputDim = inputDim;
    }

    public int Units { get; }

    public int InputDim { get; }

    [Weight(Shape = "InputDim, Units", Initializer = "random_normal")]
    public partial Variable W { get; }

    [Weight(Shape = "Units", Initializer = "zeros")]
    public partial Variable B { get; }

    protected override Tensor Call(Tensor inputs) => inputs * W + B;
}
