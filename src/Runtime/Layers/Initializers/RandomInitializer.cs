namespace Layers;

/// <summary>
/// An initializer that draws random values (Keras 3's <c>RandomInitializer</c>). Without a seed, the
/// instance takes one from <see cref="SeedGenerator.Global"/> when constructed, so — as in Keras 3 —
/// one instance returns the same values every time it is called; the config records the seed given
/// (null when none was).
/// </summary>
public abstract class RandomInitializer : Initializer
{
    protected RandomInitializer(long? seed)
    {
        Seed = seed;
        EffectiveSeed = seed ?? SeedGenerator.Global.NextSeed();
    }

    /// <summary>The seed given to the constructor, or null.</summary>
    public long? Seed { get; }

    /// <summary>The seed every draw uses.</summary>
    protected long EffectiveSeed { get; }

    public override Config GetConfig() => new Config(ClassName).Set("seed", Seed);

    /// <summary>Reads <c>seed</c> from a config (an integer or null).</summary>
    protected static long? ReadSeed(Config config) => config.GetNullableInt64("seed");
}

/// <summary>Normal values (Keras' <c>RandomNormal</c>, defaults mean 0, stddev 0.05).</summary>
public sealed class RandomNormal(double mean = 0.0, double stddev = 0.05, long? seed = null) : RandomInitializer(seed)
{
    public double Mean { get; } = mean;
    public double Stddev { get; } = stddev;

    public override string ClassName => "RandomNormal";

    public override Tensor Call(Shape shape, DType dtype) => Tensor.RandomNormal(shape, Mean, Stddev, EffectiveSeed, dtype);

    public override Config GetConfig() => new Config(ClassName).Set("mean", Mean).Set("stddev", Stddev).Set("seed", Seed);

    internal static RandomNormal FromConfig(Config c) =>
        new(c.GetNullableDouble("mean") ?? 0.0, c.GetNullableDouble("stddev") ?? 0.05, ReadSeed(c));
}

/// <summary>Uniform values in [minval, maxval) (Keras' <c>RandomUniform</c>, defaults −0.05, 0.05).</summary>
public sealed class RandomUniform(double minval = -0.05, double maxval = 0.05, long? seed = null) : RandomInitializer(seed)
{
    public double Minval { get; } = minval;
    public double Maxval { get; } = maxval;

    public override string ClassName => "RandomUniform";

    public override Tensor Call(Shape shape, DType dtype) => Tensor.RandomUniform(shape, Minval, Maxval, EffectiveSeed, dtype);

    public override Config GetConfig() => new Config(ClassName).Set("minval", Minval).Set("maxval", Maxval).Set("seed", Seed);

    internal static RandomUniform FromConfig(Config c) =>
        new(c.GetNullableDouble("minval") ?? -0.05, c.GetNullableDouble("maxval") ?? 0.05, ReadSeed(c));
}

/// <summary>Normal values re-drawn beyond two standard deviations (Keras' <c>TruncatedNormal</c>, defaults mean 0, stddev 0.05).</summary>
public sealed class TruncatedNormal(double mean = 0.0, double stddev = 0.05, long? seed = null) : RandomInitializer(seed)
{
    public double Mean { get; } = mean;
    public double Stddev { get; } = stddev;

    public override string ClassName => "TruncatedNormal";

    public override Tensor Call(Shape shape, DType dtype) => Tensor.TruncatedNormal(shape, Mean, Stddev, EffectiveSeed, dtype);

    public override Config GetConfig() => new Config(ClassName).Set("mean", Mean).Set("stddev", Stddev).Set("seed", Seed);

    internal static TruncatedNormal FromConfig(Config c) =>
        new(c.GetNullableDouble("mean") ?? 0.0, c.GetNullableDouble("stddev") ?? 0.05, ReadSeed(c));
}
