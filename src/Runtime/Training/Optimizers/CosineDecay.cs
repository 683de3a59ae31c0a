namespace Layers;

/// <summary>
/// Keras 3's <c>CosineDecay</c>, with optional linear warmup. Without <c>warmup_target</c>: the step is
/// capped at <c>decay_steps</c> and the rate is <c>initial · ((1 − α)·½(1 + cos(π·step/decay_steps)) + α)</c>.
/// With it: the step is capped at <c>warmup_steps + decay_steps</c>; while <c>step &lt; warmup_steps</c> the rate
/// rises linearly from <c>initial</c> to <c>warmup_target</c>, then decays from <c>warmup_target</c> as above
/// over <c>step − warmup_steps</c>. Computed in double (Keras computes in float32).
/// </summary>
public sealed class CosineDecay : LearningRateSchedule
{
    public CosineDecay(double initialLearningRate, long decaySteps, double alpha = 0.0, string name = "CosineDecay",
        double? warmupTarget = null, long warmupSteps = 0)
    {
        if (decaySteps <= 0)
            throw new ArgumentOutOfRangeException(nameof(decaySteps), decaySteps, $"Argument `decay_steps` must be > 0. Received: decay_steps={decaySteps}");
        if (warmupSteps < 0)
            throw new ArgumentOutOfRangeException(nameof(warmupSteps), warmupSteps, $"Argument `warmup_steps` must be >= 0. Received: warmup_steps={warmupSteps}");
        ArgumentNullException.ThrowIfNull(name);
        InitialLearningRate = initialLearningRate;
        DecaySteps = decaySteps;
        Alpha = alpha;
        Name = name;
        WarmupTarget = warmupTarget;
        WarmupSteps = warmupSteps;
    }

    public double InitialLearningRate { get; }
    public long DecaySteps { get; }
    public double Alpha { get; }
    public string Name { get; }
    public double? WarmupTarget { get; }
    public long WarmupSteps { get; }

    public override string ClassName => "CosineDecay";

    public override double Compute(long step)
    {
        double s = step;
        if (WarmupTarget is not { } target)
            return Decayed(Math.Min(s, DecaySteps), InitialLearningRate);
        s = Math.Min(s, (double)DecaySteps + WarmupSteps);
        if (s < WarmupSteps)
            return (target - InitialLearningRate) * (s / WarmupSteps) + InitialLearningRate;
        return Decayed(s - WarmupSteps, target);
    }

    private double Decayed(double step, double from)
    {
        double cosine = 0.5 * (1.0 + Math.Cos(Math.PI * (step / DecaySteps)));
        return from * ((1 - Alpha) * cosine + Alpha);
    }

    public override Config GetConfig() => new Config(ClassName)
        .Set("initial_learning_rate", InitialLearningRate)
        .Set("decay_steps", DecaySteps)
        .Set("alpha", Alpha)
        .Set("name", Name)
        .Set("warmup_target", WarmupTarget)
        .Set("warmup_steps", WarmupSteps);

    internal static CosineDecay FromConfig(Config config) =>
        new(config.GetDouble("initial_learning_rate"), Schedules.ReadSteps(config, "decay_steps"), config.GetNullableDouble("alpha") ?? 0.0,
            config.GetNullableString("name") ?? "CosineDecay", config.GetNullableDouble("warmup_target"),
            config.IsNullOrMissing("warmup_steps") ? 0 : Schedules.ReadSteps(config, "warmup_steps"));
}
