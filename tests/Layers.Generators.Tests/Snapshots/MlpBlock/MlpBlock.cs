using Layers;

namespace SeedExamples;

public sealed partial class Linear(int units = 32) : Layer
{
    public int Units { get; } = units;

    [Weight(Shape = "inputs[-1], Units", Initializer = "random_normal")]
    public partial Variable W { get; }

    [Weight(Shape = "Units", Initializer = "zeros")]
    public partial Variable B { get; }

    protected override Tensor Call(Tensor inputs) => inputs * W + B;
}

// The seed's MLPBlock: sublayers tracked in declaration order; no constructor arguments, so no GetConfig.
public sealed partial class MlpBlock : Layer
{
    [SubLayer] private readonly Linear _linear1 = new(32);
    [SubLayer] private readonly Linear _linear2 = new(32);
    [SubLayer] private readonly Linear _linear3 = new(1);

    protected override Tensor Call(Tensor x)
    {
        x = _linear1.Apply(x);
        x = _linear2.Apply(x);
        return _linear3.Apply(x);
    }
}
