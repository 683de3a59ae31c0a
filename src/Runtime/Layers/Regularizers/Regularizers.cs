namespace Layers;

/// <summary>Built-in regularizers by Keras name (<c>"l2"</c>, <c>"l1_l2"</c>). Strings convert implicitly to <see cref="Regularizer"/>.</summary>
public static partial class Regularizers
{
    /// <summary>The regularizer a Keras identifier or class name names, with default arguments.</summary>
    public static Regularizer Get(string name) => Identifiers.Get(Serialization.RegularizerRegistry, name, "regularizer");

    public static Regularizer L1(double l1 = 0.01) => new L1(l1);

    public static Regularizer L2(double l2 = 0.01) => new L2(l2);

    public static Regularizer L1L2(double l1 = 0.0, double l2 = 0.0) => new L1L2(l1, l2);
}
