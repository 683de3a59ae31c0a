namespace Layers;

/// <summary>Built-in initializers by Keras name (<c>"glorot_uniform"</c>, <c>"zeros"</c>…) and as factory methods.</summary>
public static partial class Initializers
{
    /// <summary>The initializer a Keras identifier or class name names, with default arguments.</summary>
    public static Initializer Get(string name) => Identifiers.Get(Serialization.InitializerRegistry, name, "initializer");

    public static Initializer Zeros() => new Zeros();

    public static Initializer Ones() => new Ones();

    public static Initializer Constant(double value) => new Constant(value);

    public static Initializer RandomNormal(double mean = 0.0, double stddev = 0.05, long? seed = null) => new RandomNormal(mean, stddev, seed);

    public static Initializer RandomUniform(double minval = -0.05, double maxval = 0.05, long? seed = null) => new RandomUniform(minval, maxval, seed);

    public static Initializer TruncatedNormal(double mean = 0.0, double stddev = 0.05, long? seed = null) => new TruncatedNormal(mean, stddev, seed);

    public static Initializer VarianceScaling(double scale = 1.0, FanMode mode = FanMode.FanIn,
        VarianceDistribution distribution = VarianceDistribution.TruncatedNormal, long? seed = null) =>
        new VarianceScaling(scale, mode, distribution, seed);

    public static Initializer GlorotUniform(long? seed = null) => new GlorotUniform(seed);

    public static Initializer GlorotNormal(long? seed = null) => new GlorotNormal(seed);

    public static Initializer HeUniform(long? seed = null) => new HeUniform(seed);

    public static Initializer HeNormal(long? seed = null) => new HeNormal(seed);

    public static Initializer LecunUniform(long? seed = null) => new LecunUniform(seed);

    public static Initializer LecunNormal(long? seed = null) => new LecunNormal(seed);

    public static Initializer Orthogonal(double gain = 1.0, long? seed = null) => new Orthogonal(gain, seed);

    public static Initializer Identity(double gain = 1.0) => new Identity(gain);
}
