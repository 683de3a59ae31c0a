namespace Layers;

/// <summary>
/// Creates a weight's initial value (Keras' <c>Initializer</c>). Strings convert implicitly through
/// <see cref="Initializers.Get(string)"/>, so <c>kernelInitializer: "he_normal"</c> works.
/// </summary>
public abstract class Initializer : ISerializable
{
    /// <summary>A new tensor of <paramref name="shape"/> and <paramref name="dtype"/>.</summary>
    public abstract Tensor Call(Shape shape, DType dtype);

    /// <inheritdoc/>
    public abstract string ClassName { get; }

    /// <inheritdoc/>
    public abstract Config GetConfig();

    public static implicit operator Initializer(string name) => Initializers.Get(name);

    public override string ToString() => $"<{ClassName} {GetConfig().ToJson(indented: false)}>";
}
