using Layers;

namespace SeedExamples;

/// <summary>
/// The Dense of the get_weights/set_weights, add_loss(lambda) and add_metric seeds: its initializers are
/// constructor arguments that reach the weights through <c>nameof</c>, and are written to its config.
/// </summary>
public sealed partial class SeedDense : Layer
{
    public SeedDense(int units, Initializer? kernelInitializer = null, Initializer? biasInitializer = null)
    {
        Units = units;
        KernelInitializer = kernelInitializer ?? Initializers.Get("glorot_uniform");
        BiasInitializer = biasInitializer ?? Initializers.Get("zeros");
    }

    public int Units { get; }

    public Initializer KernelInitializer { get; }

    public Initializer BiasInitializer { get; }

    [Weight(Shape = "inputs[-1], Units", Initializer = nameof(KernelInitializer))]
    public partial Variable Kernel { get; }

    [Weight(Shape = "Units", Initializer = nameof(BiasInitializer))]
    public partial Variable Bias { get; }

    protected override Tensor Call(Tensor inputs) => Ops.MatMul(inputs, Kernel) + Bias;
}
