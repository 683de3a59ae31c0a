namespace Layers;

/// <summary>Which fan <see cref="VarianceScaling"/> divides by.</summary>
public enum FanMode
{
    FanIn,
    FanOut,
    FanAvg,
}

/// <summary>The distribution <see cref="VarianceScaling"/> draws from.</summary>
public enum VarianceDistribution
{
    TruncatedNormal,
    UntruncatedNormal,
    Uniform,
}

/// <summary>
/// Keras' <c>VarianceScaling</c>: values with variance <c>scale / n</c>, n the fan-in, fan-out or their
/// mean. Truncated normal: stddev <c>√(scale/n) / 0.8796…</c> (the stddev of a unit normal truncated at
/// ±2); normal: stddev <c>√(scale/n)</c>; uniform: limit <c>√(3·scale/n)</c>. Fans follow Keras'
/// <c>compute_fans</c>: a 2-D shape is (fan_in, fan_out); higher ranks multiply in the receptive field.
/// The Glorot, He and LeCun initializers are its named special cases.
/// </summary>
public class VarianceScaling : RandomInitializer
{
    private const double TruncatedNormalStddev = 0.87962566103423978;

    public VarianceScaling(double scale = 1.0, FanMode mode = FanMode.FanIn, VarianceDistribution distribution = VarianceDistribution.TruncatedNormal,
        long? seed = null)
        : base(seed)
    {
        if (!(scale > 0)) throw new ArgumentOutOfRangeException(nameof(scale), scale, "VarianceScaling: scale must be positive.");
        Scale = scale;
        Mode = mode;
        Distribution = distribution;
    }

    public double Scale { get; }
    public FanMode Mode { get; }
    public VarianceDistribution Distribution { get; }

    public override string ClassName => "VarianceScaling";

    public override Tensor Call(Shape shape, DType dtype)
    {
        var (fanIn, fanOut) = ComputeFans(shape);
        double n = Mode switch
        {
            FanMode.FanIn => fanIn,
            FanMode.FanOut => fanOut,
            _ => (fanIn + fanOut) / 2.0,
        };
        double variance = Scale / Math.Max(1.0, n);
        return Distribution switch
        {
            VarianceDistribution.TruncatedNormal => Tensor.TruncatedNormal(shape, 0, Math.Sqrt(variance) / TruncatedNormalStddev, EffectiveSeed, dtype),
            VarianceDistribution.UntruncatedNormal => Tensor.RandomNormal(shape, 0, Math.Sqrt(variance), EffectiveSeed, dtype),
            _ => Tensor.RandomUniform(shape, -Math.Sqrt(3 * variance), Math.Sqrt(3 * variance), EffectiveSeed, dtype),
        };
    }

    /// <summary>Keras' <c>compute_fans</c>.</summary>
    public static (double FanIn, double FanOut) ComputeFans(Shape shape)
    {
        var dims = shape.Dims;
        switch (dims.Length)
        {
            case 0: return (1, 1);
            case 1: return (dims[0], dims[0]);
            case 2: return (dims[0], dims[1]);
            default:
                double receptiveField = 1;
                for (int i = 0; i < dims.Length - 2; i++) receptiveField *= dims[i];
                return (dims[^2] * receptiveField, dims[^1] * receptiveField);
        }
    }

    public override Config GetConfig()
    {
        var config = new Config(ClassName);
        if (GetType() == typeof(VarianceScaling))
        {
            config.Set("scale", Scale).SetEnum("mode", Mode).SetEnum("distribution", Distribution);
        }
        return config.Set("seed", Seed).Set("input_axes", (System.Text.Json.Nodes.JsonNode?)null).Set("output_axes", (System.Text.Json.Nodes.JsonNode?)null);
    }

    internal static VarianceScaling FromConfig(Config c)
    {
        RejectAxes(c);
        return new VarianceScaling(c.GetNullableDouble("scale") ?? 1.0, c.GetNullableEnum<FanMode>("mode") ?? FanMode.FanIn,
            c.GetNullableEnum<VarianceDistribution>("distribution") ?? VarianceDistribution.TruncatedNormal, ReadSeed(c));
    }

    /// <summary>Keras 3.16's <c>input_axes</c>/<c>output_axes</c> fan overrides are written as null and refused when set.</summary>
    internal static void RejectAxes(Config c)
    {
        if (!c.IsNullOrMissing("input_axes") || !c.IsNullOrMissing("output_axes"))
            throw new FormatException($"{c.Owner} config: input_axes/output_axes are not supported; only null is accepted.");
    }
}

/// <summary>Glorot (Xavier) uniform: <see cref="VarianceScaling"/>(1, fan_avg, uniform). Keras' default kernel initializer.</summary>
public sealed class GlorotUniform(long? seed = null) : VarianceScaling(1.0, FanMode.FanAvg, VarianceDistribution.Uniform, seed)
{
    public override string ClassName => "GlorotUniform";
}

/// <summary>Glorot (Xavier) normal: <see cref="VarianceScaling"/>(1, fan_avg, truncated normal).</summary>
public sealed class GlorotNormal(long? seed = null) : VarianceScaling(1.0, FanMode.FanAvg, VarianceDistribution.TruncatedNormal, seed)
{
    public override string ClassName => "GlorotNormal";
}

/// <summary>He uniform: <see cref="VarianceScaling"/>(2, fan_in, uniform).</summary>
public sealed class HeUniform(long? seed = null) : VarianceScaling(2.0, FanMode.FanIn, VarianceDistribution.Uniform, seed)
{
    public override string ClassName => "HeUniform";
}

/// <summary>He normal: <see cref="VarianceScaling"/>(2, fan_in, truncated normal).</summary>
public sealed class HeNormal(long? seed = null) : VarianceScaling(2.0, FanMode.FanIn, VarianceDistribution.TruncatedNormal, seed)
{
    public override string ClassName => "HeNormal";
}

/// <summary>LeCun uniform: <see cref="VarianceScaling"/>(1, fan_in, uniform).</summary>
public sealed class LecunUniform(long? seed = null) : VarianceScaling(1.0, FanMode.FanIn, VarianceDistribution.Uniform, seed)
{
    public override string ClassName => "LecunUniform";
}

/// <summary>LeCun normal: <see cref="VarianceScaling"/>(1, fan_in, truncated normal).</summary>
public sealed class LecunNormal(long? seed = null) : VarianceScaling(1.0, FanMode.FanIn, VarianceDistribution.TruncatedNormal, seed)
{
    public override string ClassName => "LecunNormal";
}
