using Layers;

namespace SeedExamples;

// The seed's Linear with a deferred build: W's shape names the call argument, so it is created while building.
public sealed partial class Linear(int units = 32) : Layer
{
    public int Units { get; } = units;

    [Weight(Shape = "inputs[-1], Units", Initializer = "random_normal")]
    public partial Variable W { get; }

    [Weight(Shape = "Units", Initializer = "zeros")]
    public partial Variable B { get; }

    protected override Tensor Call(Tensor inputs) => inputs * W + B;
}
