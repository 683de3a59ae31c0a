using Layers;

namespace Inheritance;

// An abstract generated base: its weights take the lowest slots; it has GetConfig but no FromConfig.
public abstract partial class DenseBase : Layer
{
    protected DenseBase(int units) => Units = units;

    public int Units { get; }

    [Weight(Shape = "inputs[-1], Units")]
    public partial Variable Kernel { get; }

    protected override Tensor Call(Tensor inputs) => inputs * Kernel;
}

// Depth 1: slots 65536 + index, after the base's weights; inherits Call.
public partial class BiasedDense(int units) : DenseBase(units)
{
    [Weight(Shape = "Units", Initializer = "zeros")]
    public partial Variable Bias { get; }
}

// Depth 2: FromConfig hides the base's, so it is declared new; its own Call replaces the dispatch.
public sealed partial class ScaledDense(int units, float scale = 2f) : BiasedDense(units)
{
    public float Scale { get; } = scale;

    [Weight(Initializer = "ones", Trainable = false)]
    public partial Variable Factor { get; }

    protected override Tensor Call(Tensor inputs) => (inputs * Kernel + Bias) * Factor * Scale;
}
