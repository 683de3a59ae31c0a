namespace Layers;

/// <summary>
/// Keras 3's <c>ExponentialDecay</c>: <c>initial_learning_rate · decay_rate^(step / decay_steps)</c>, the
/// exponent floored when <c>staircase</c>. Computed in double (Keras computes in float32; the optimizer rounds
/// the result to float32).
/// </summary>
public sealed class ExponentialDecay : LearningRateSchedule
{
    public ExponentialDecay(double initialLearningRate, long decaySteps, double decayRate, bool staircase = false, string name = "ExponentialDecay")
    {
        if (decaySteps <= 0)
            throw new ArgumentOutOfRangeException(nameof(decaySteps), decaySteps, $"Argument `decay_steps` must be > 0. Received: decay_steps={decaySteps}");
        ArgumentNullException.ThrowIfNull(name);
        InitialLearningRate = initialLearningRate;
        DecaySteps = decaySteps;
        DecayRate = decayRate;
        Staircase = staircase;
        Name = name;
    }

    public double InitialLearningRate { get; }
    public long DecaySteps { get; }
    public double DecayRate { get; }
    public bool Staircase { get; }
    public string Name { get; }

    public override string ClassName => "ExponentialDecay";

    public override double Compute(long step)
    {
        double p = (double)step / DecaySteps;
        if (Staircase) p = Math.Floor(p);
        return InitialLearningRate * Math.Pow(DecayRate, p);
    }

    public override Config GetConfig() => new Config(ClassName)
        .Set("initial_learning_rate", InitialLearningRate)
        .Set("decay_steps", DecaySteps)
        .Set("decay_rate", DecayRate)
        .Set("staircase", Staircase)
        .Set("name", Name);

    internal static ExponentialDecay FromConfig(Config config) =>
        new(config.GetDouble("initial_learning_rate"), Schedules.ReadSteps(config, "decay_steps"), config.GetDouble("decay_rate"),
            config.GetNullableBoolean("staircase") ?? false, config.GetNullableString("name") ?? "ExponentialDecay");
}
