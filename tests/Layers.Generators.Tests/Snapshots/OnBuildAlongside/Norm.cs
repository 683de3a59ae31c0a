using Layers;

namespace Building;

// A user-written OnBuild next to generated weights: it runs after them and can read them.
public sealed partial class Norm : Layer
{
    public Variable? Extra { get; private set; }

    [Weight(Shape = "inputs[-1]", Initializer = "ones")]
    public partial Variable Gamma { get; }

    protected override void OnBuild(Shape inputShape)
    {
        Extra = AddWeight(Gamma.Shape, Initializers.Zeros(), trainable: false, name: "extra");
    }

    protected override Tensor Call(Tensor inputs) => inputs * Gamma + Extra!;
}
