namespace Layers;

/// <summary>
/// A densely connected layer (Keras' <c>Dense</c>): <c>activation(inputs · kernel + bias)</c>. The kernel's
/// shape comes from the last input dimension at build; inputs of rank &gt; 2 are multiplied along their
/// last axis.
/// </summary>
public sealed partial class Dense(
    int units,
    ActivationFunction? activation = null,
    bool useBias = true,
    Initializer? kernelInitializer = null,
    Initializer? biasInitializer = null,
    Regularizer? kernelRegularizer = null,
    Regularizer? biasRegularizer = null,
    Regularizer? activityRegularizer = null,
    Constraint? kernelConstraint = null,
    Constraint? biasConstraint = null,
    string? name = null,
    DTypePolicy? dtype = null,
    bool trainable = true)
    : Layer(name, dtype, trainable, activityRegularizer: activityRegularizer)
{
    public int Units { get; } = units > 0 ? units : throw new ArgumentOutOfRangeException(nameof(units), units, "Dense: units must be positive.");
    public ActivationFunction Activation { get; } = activation ?? Activations.Get("linear");
    public bool UseBias { get; } = useBias;
    public Initializer KernelInitializer { get; } = kernelInitializer ?? new GlorotUniform();
    public Initializer BiasInitializer { get; } = biasInitializer ?? new Zeros();
    public Regularizer? KernelRegularizer { get; } = kernelRegularizer;
    public Regularizer? BiasRegularizer { get; } = biasRegularizer;
    public Constraint? KernelConstraint { get; } = kernelConstraint;
    public Constraint? BiasConstraint { get; } = biasConstraint;

    [Weight(Shape = "inputs[-1], Units", Initializer = nameof(KernelInitializer), Regularizer = nameof(KernelRegularizer), Constraint = nameof(KernelConstraint))]
    public partial Variable Kernel { get; }

    /// <summary>The bias, or null when <see cref="UseBias"/> is false.</summary>
    public Variable? Bias { get; private set; }

    protected override void OnBuild(Shape inputShape)
    {
        InputSpec = new InputSpec(minNdim: 2, axes: new Dictionary<int, int> { [-1] = inputShape[-1] });
        if (UseBias)
            Bias = AddWeight(new Shape(Units), BiasInitializer, regularizer: BiasRegularizer, constraint: BiasConstraint, name: "bias");
    }

    protected override Tensor Call(Tensor inputs)
    {
        var outputs = Ops.MatMul(inputs, Kernel);
        if (!GradientTape.IsRecording)
        {
            // Nothing records the product and nobody else holds it: the bias and the activation may overwrite it.
            if (Bias is not null && !InPlaceKernels.TryAddToRows(outputs, Bias.Value)) outputs = Ops.Add(outputs, Bias);
            return Activation.CallOnTemporary(outputs);
        }
        if (Bias is not null) outputs = Ops.Add(outputs, Bias);
        return Activation.Call(outputs);
    }

    public override Shape ComputeOutputShape(Shape inputShape) => inputShape.WithDim(-1, Units);
}
