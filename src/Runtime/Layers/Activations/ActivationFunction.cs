namespace Layers;

/// <summary>
/// An element-wise (or row-wise, for softmax) function applied to a layer's output. Built-in
/// activations are looked up by Keras name (<c>"relu"</c>, <c>"softmax"</c>) and serialize as that
/// string; strings convert implicitly through <see cref="Activations.Get(string)"/>.
/// </summary>
public abstract class ActivationFunction
{
    /// <summary>The Keras name (<c>relu</c>), written to configs.</summary>
    public abstract string Name { get; }

    public abstract Tensor Call(Tensor x);

    /// <summary>
    /// <see cref="Call"/> on a tensor that only the caller holds and no tape records, which an activation may
    /// overwrite and return instead of allocating a result.
    /// </summary>
    internal virtual Tensor CallOnTemporary(Tensor x) => Call(x);

    public static implicit operator ActivationFunction(string name) => Activations.Get(name);

    public override string ToString() => Name;
}
