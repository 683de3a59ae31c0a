namespace Layers;

/// <summary>Built-in regularizers by Keras name (<c>"l2"</c>, <c>"l1_l2"</c>).</summary>
public static partial class Regularizers
{
    /// <summary>The regularizer a Keras identifier or class name names, with default arguments.</summary>
    public static Regularizer Get(string name) => Identifiers.Get(Serialization.RegularizerRegistry, name, "regularizer");
}
