namespace Layers;

public sealed partial class Tensor
{
    /// <summary>
    /// Normally distributed values (Keras' <c>keras.random.normal</c>). With a <paramref name="seed"/> the
    /// result is a pure function of it (the same seed gives the same tensor, on every machine); without
    /// one, the next stream of <see cref="SeedGenerator.Global"/> is used.
    /// </summary>
    public static Tensor RandomNormal(Shape shape, double mean = 0, double stddev = 1, long? seed = null, DType dtype = DType.Float32)
    {
        return Normal(shape, mean, stddev, seed, null, dtype, "RandomNormal", truncated: false);
    }

    /// <summary>Normally distributed values from the next stream of <paramref name="generator"/>.</summary>
    public static Tensor RandomNormal(Shape shape, SeedGenerator generator, double mean = 0, double stddev = 1, DType dtype = DType.Float32)
    {
        CheckGenerator(generator, "RandomNormal");
        return Normal(shape, mean, stddev, null, generator, dtype, "RandomNormal", truncated: false);
    }

    /// <summary>
    /// Uniformly distributed values in the half-open interval [<paramref name="minval"/>, <paramref name="maxval"/>)
    /// (Keras' <c>keras.random.uniform</c>); for float32 the bounds are first rounded to float32.
    /// Seeding as in <see cref="RandomNormal(Shape, double, double, long?, DType)"/>.
    /// </summary>
    public static Tensor RandomUniform(Shape shape, double minval = 0, double maxval = 1, long? seed = null, DType dtype = DType.Float32)
    {
        return Uniform(shape, minval, maxval, seed, null, dtype);
    }

    /// <summary>Uniform values in [<paramref name="minval"/>, <paramref name="maxval"/>) from the next stream of <paramref name="generator"/>.</summary>
    public static Tensor RandomUniform(Shape shape, SeedGenerator generator, double minval = 0, double maxval = 1, DType dtype = DType.Float32)
    {
        CheckGenerator(generator, "RandomUniform");
        return Uniform(shape, minval, maxval, null, generator, dtype);
    }

    /// <summary>
    /// Normal values with everything more than two standard deviations from the mean re-drawn, so all lie
    /// in [mean − 2·stddev, mean + 2·stddev] (Keras' <c>keras.random.truncated_normal</c>; the standard
    /// deviation of the result is about 0.88·stddev). Seeding as in
    /// <see cref="RandomNormal(Shape, double, double, long?, DType)"/>.
    /// </summary>
    public static Tensor TruncatedNormal(Shape shape, double mean = 0, double stddev = 1, long? seed = null, DType dtype = DType.Float32)
    {
        return Normal(shape, mean, stddev, seed, null, dtype, "TruncatedNormal", truncated: true);
    }

    /// <summary>Truncated normal values from the next stream of <paramref name="generator"/>.</summary>
    public static Tensor TruncatedNormal(Shape shape, SeedGenerator generator, double mean = 0, double stddev = 1, DType dtype = DType.Float32)
    {
        CheckGenerator(generator, "TruncatedNormal");
        return Normal(shape, mean, stddev, null, generator, dtype, "TruncatedNormal", truncated: true);
    }

    /// <summary>
    /// The Philox key and stream of one draw, claimed only after validation so a rejected call leaves the
    /// generator's sequence alone. An explicit seed is stream 0 of that seed, which is also the first
    /// draw of <c>new SeedGenerator(seed)</c>.
    /// </summary>
    private static (ulong Key, ulong Stream) Resolve(long? seed, SeedGenerator? generator)
    {
        if (generator is not null) return ((ulong)generator.Seed, generator.NextStream());
        if (seed is { } s) return ((ulong)s, 0);
        var global = SeedGenerator.Global;
        return ((ulong)global.Seed, global.NextStream());
    }

    private static Tensor Normal(Shape shape, double mean, double stddev, long? seed, SeedGenerator? generator, DType dtype, string op, bool truncated)
    {
        CheckRandomArguments(shape, dtype, op);
        if (!double.IsFinite(mean) || !double.IsFinite(stddev) || stddev < 0)
            throw new ArgumentOutOfRangeException(nameof(stddev),
                $"{op}: mean must be finite and stddev finite and >= 0; got mean {mean} and stddev {stddev}.");
        var (key, stream) = Resolve(seed, generator);
        var result = Allocate(shape, dtype);
        switch (dtype, truncated)
        {
            case (DType.Float32, false): RandomKernel.Normal(result.Span<float>(), key, stream, mean, stddev); break;
            case (DType.Float64, false): RandomKernel.Normal(result.Span<double>(), key, stream, mean, stddev); break;
            case (DType.Float32, true): RandomKernel.TruncatedNormal(result.Span<float>(), key, stream, mean, stddev); break;
            case (DType.Float64, true): RandomKernel.TruncatedNormal(result.Span<double>(), key, stream, mean, stddev); break;
        }
        return result;
    }

    private static Tensor Uniform(Shape shape, double minval, double maxval, long? seed, SeedGenerator? generator, DType dtype)
    {
        CheckRandomArguments(shape, dtype, "RandomUniform");
        bool single = dtype == DType.Float32;
        double low = single ? (float)minval : minval;
        double high = single ? (float)maxval : maxval;
        if (!double.IsFinite(low) || !double.IsFinite(high) || !(low < high) || !double.IsFinite(high - low))
            throw new ArgumentOutOfRangeException(nameof(maxval),
                $"RandomUniform: the interval [minval, maxval) = [{minval}, {maxval}) must be finite and non-empty in {dtype.Name()} (minval < maxval).");
        var (key, stream) = Resolve(seed, generator);
        var result = Allocate(shape, dtype);
        if (single) RandomKernel.Uniform(result.Span<float>(), key, stream, (float)low, (float)high);
        else RandomKernel.Uniform(result.Span<double>(), key, stream, low, high);
        return result;
    }

    private static void CheckRandomArguments(Shape shape, DType dtype, string op)
    {
        if (!shape.IsFullyDefined)
            throw new ArgumentException($"{op}: shape {shape} has unknown dimensions; every dimension must be known.", nameof(shape));
        if (!dtype.IsFloating())
            throw new ArgumentException($"{op}: dtype {dtype.Name()} is not supported; use float32 or float64.", nameof(dtype));
    }

    private static void CheckGenerator(SeedGenerator generator, string op)
    {
        if (generator is null)
            throw new ArgumentNullException(nameof(generator), $"{op}: argument 'generator' is null; pass a SeedGenerator or use the overload with an optional seed.");
    }
}
