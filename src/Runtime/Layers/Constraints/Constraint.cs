namespace Layers;

/// <summary>A projection applied to a weight after each optimizer update (Keras' <c>Constraint</c>).</summary>
public abstract class Constraint : ISerializable
{
    /// <summary>The projected value of <paramref name="w"/>.</summary>
    public abstract Tensor Apply(Tensor w);

    /// <inheritdoc/>
    public abstract string ClassName { get; }

    /// <inheritdoc/>
    public abstract Config GetConfig();

    public static implicit operator Constraint(string name) => Constraints.Get(name);

    public override string ToString() => $"<{ClassName} {GetConfig().ToJson(indented: false)}>";
}
