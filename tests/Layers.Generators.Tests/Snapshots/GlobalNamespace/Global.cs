using Layers;

// A layer in the global namespace registers under the package "Custom", as Keras' default.
public sealed partial class GlobalScale : Layer
{
    [Weight(Shape = "inputs[-1]", Initializer = "ones")]
    public partial Variable Gain { get; }

    protected override Tensor Call(Tensor inputs) => inputs * Gain;
}

namespace Blocky
{
    // A block-scoped namespace.
    public sealed partial class BlockScale : Layer
    {
        protected override Tensor Call(Tensor inputs) => inputs;
    }
}
