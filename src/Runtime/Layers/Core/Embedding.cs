namespace Layers;

/// <summary>
/// Maps integer ids to dense vectors (Keras' <c>Embedding</c>): output shape is the input shape plus
/// <see cref="OutputDim"/>. Float inputs are cast to int32 first. With <see cref="MaskZero"/>, id 0 is
/// padding and the output carries a mask of <c>ids != 0</c>.
/// </summary>
public sealed partial class Embedding(
    int inputDim,
    int outputDim,
    Initializer? embeddingsInitializer = null,
    Regularizer? embeddingsRegularizer = null,
    Regularizer? activityRegularizer = null,
    Constraint? embeddingsConstraint = null,
    bool maskZero = false,
    string? name = null,
    DTypePolicy? dtype = null,
    bool trainable = true)
    : Layer(name, dtype, trainable, activityRegularizer: activityRegularizer, autocast: false)
{
    public int InputDim { get; } = inputDim > 0 ? inputDim : throw new ArgumentOutOfRangeException(nameof(inputDim), inputDim, "Embedding: input_dim must be positive.");
    public int OutputDim { get; } = outputDim > 0 ? outputDim : throw new ArgumentOutOfRangeException(nameof(outputDim), outputDim, "Embedding: output_dim must be positive.");
    public Initializer EmbeddingsInitializer { get; } = embeddingsInitializer ?? new RandomUniform();
    public Regularizer? EmbeddingsRegularizer { get; } = embeddingsRegularizer;
    public Constraint? EmbeddingsConstraint { get; } = embeddingsConstraint;
    public bool MaskZero { get; } = maskZero;

    [Weight(Shape = "InputDim, OutputDim", Initializer = nameof(EmbeddingsInitializer), Regularizer = nameof(EmbeddingsRegularizer), Constraint = nameof(EmbeddingsConstraint))]
    public partial Variable Embeddings { get; }

    protected override Tensor Call(Tensor inputs)
    {
        var ids = inputs.DType.IsInteger() ? inputs : Ops.Cast(inputs, DType.Int32);
        return Ops.Take(Embeddings, ids, axis: 0);
    }

    public override Tensor? ComputeMask(Tensor inputs, Tensor? mask) =>
        MaskZero ? Ops.NotEqual(inputs, Tensor.Scalar(0.0, inputs.DType)) : null;

    public override Shape ComputeOutputShape(Shape inputShape) => inputShape.Append(OutputDim);
}
