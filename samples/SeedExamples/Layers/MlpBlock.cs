using Layers;
using SeedExamples.WeightsInBuild;

namespace SeedExamples;

/// <summary>Seed: <c>MLPBlock</c> — three Linear sublayers tracked in declaration order, built by the first call.</summary>
public sealed partial class MlpBlock : Layer
{
    [SubLayer] private readonly Linear _linear1 = new(32);
    [SubLayer] private readonly Linear _linear2 = new(32);
    [SubLayer] private readonly Linear _linear3 = new(1);

    protected override Tensor Call(Tensor inputs)
    {
        var x = Ops.Relu(_linear1.Apply(inputs));
        x = Ops.Relu(_linear2.Apply(x));
        return _linear3.Apply(x);
    }
}
