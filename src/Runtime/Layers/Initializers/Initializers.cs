namespace Layers;

/// <summary>Built-in initializers by Keras name (<c>"glorot_uniform"</c>, <c>"zeros"</c>…) and as factory methods.</summary>
public static partial class Initializers
{
    /// <summary>The initializer a Keras identifier or class name names, with default arguments.</summary>
    public static Initializer Get(string name) => Identifiers.Get(Serialization.InitializerRegistry, name, "initializer");

    public static Initializer Zeros() => new Zeros();

    public static Initializer Ones() => new Ones();

    public static Initializer Constant(double value) => new Constant(value);
}
