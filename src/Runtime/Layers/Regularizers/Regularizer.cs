namespace Layers;

/// <summary>A penalty on a weight's value that is added to the layer's losses (Keras' <c>Regularizer</c>).</summary>
public abstract class Regularizer : ISerializable
{
    /// <summary>The scalar penalty for <paramref name="x"/>.</summary>
    public abstract Tensor Compute(Tensor x);

    /// <inheritdoc/>
    public abstract string ClassName { get; }

    /// <inheritdoc/>
    public abstract Config GetConfig();

    public static implicit operator Regularizer(string name) => Regularizers.Get(name);

    public override string ToString() => $"<{ClassName} {GetConfig().ToJson(indented: false)}>";
}
