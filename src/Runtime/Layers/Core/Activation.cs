namespace Layers;

/// <summary>Applies an activation function to its input (Keras' <c>Activation</c> layer): <c>new Activation("relu")</c>.</summary>
public sealed partial class Activation(ActivationFunction activation, string? name = null, DTypePolicy? dtype = null, bool trainable = true)
    : Layer(name, dtype, trainable)
{
    /// <summary>The function applied (config key <c>activation</c>).</summary>
    public ActivationFunction Function { get; } = activation;

    protected override Tensor Call(Tensor inputs) => Function.Call(inputs);

    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;
}
