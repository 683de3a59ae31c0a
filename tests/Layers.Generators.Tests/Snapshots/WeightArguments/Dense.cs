using Layers;

namespace Arguments;

// Initializer, regularizer and constraint as built-in identifiers or nameof(Member); explicit names;
// non-trainable weights; a weight named with a C# keyword.
public sealed partial class Dense : Layer
{
    public Dense(int units, Initializer? kernelInitializer = null, Regularizer? kernelRegularizer = null, Constraint? kernelConstraint = null)
    {
        Units = units;
        KernelInitializer = kernelInitializer ?? Initializers.Zeros();
        KernelRegularizer = kernelRegularizer;
        KernelConstraint = kernelConstraint;
    }

    public int Units { get; }

    public Initializer KernelInitializer { get; }

    public Regularizer? KernelRegularizer { get; }

    public Constraint? KernelConstraint { get; }

    [Weight(Shape = "inputs[-1], Units", Initializer = nameof(KernelInitializer), Regularizer = nameof(KernelRegularizer), Constraint = nameof(KernelConstraint), Name = "kernel")]
    public partial Variable KernelWeights { get; }

    [Weight(Shape = "Units", Initializer = "Zeros", Regularizer = "l2", Constraint = "max_norm")]
    public partial Variable Bias { get; }

    [Weight(Shape = "Units", Initializer = "ones", Trainable = false, Name = "moving_mean")]
    internal partial Variable MovingMean { get; }

    [Weight(Initializer = "glorot_uniform")]
    private partial Variable @event { get; }

    protected override Tensor Call(Tensor inputs) => inputs * KernelWeights + Bias;
}
