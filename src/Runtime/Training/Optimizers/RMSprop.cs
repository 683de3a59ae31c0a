namespace Layers;

/// <summary>
/// RMSprop (Keras 3's <c>RMSprop</c>, defaults <c>learning_rate=0.001, rho=0.9, momentum=0.0, epsilon=1e-7,
/// centered=False</c>): <c>v = ρ·v + (1 − ρ)·g²</c>, <c>Δ = lr·g/√(v + ε)</c> (centered: <c>√(v − ḡ² + ε)</c>
/// with <c>ḡ = ρ·ḡ + (1 − ρ)·g</c>), then <c>w −= Δ</c>, or with momentum <c>m = μ·m + Δ</c>, <c>w −= m</c>.
/// Slots, in Keras' order: <c>velocity</c>, <c>momentum</c> (when momentum &gt; 0), <c>average_gradient</c> (when centered).
/// PyTorch's RMSprop adds ε outside the square root (<c>√v + ε</c>) and keeps lr out of its momentum buffer;
/// with ε = 0 and a constant rate the two coincide.
/// </summary>
public sealed class RMSprop : Optimizer
{
    private readonly string[] _slotNames;

    public RMSprop(double learningRate = 0.001, double rho = 0.9, double momentum = 0.0, double epsilon = 1e-7, bool centered = false,
        LearningRateSchedule? schedule = null, double? weightDecay = null, double? clipnorm = null, double? clipvalue = null,
        double? globalClipnorm = null, string? name = null)
        : base(name ?? "rmsprop", learningRate, schedule, weightDecay, clipnorm, clipvalue, globalClipnorm)
    {
        if (!(rho is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(rho), rho, $"{Name}: rho must be in [0, 1].");
        if (!(momentum is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(momentum), momentum, $"{Name}: momentum must be in [0, 1].");
        if (!(epsilon >= 0)) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, $"{Name}: epsilon must be >= 0.");
        Rho = rho;
        Momentum = momentum;
        Epsilon = epsilon;
        Centered = centered;
        _slotNames = [.. new[] { "velocity" }, .. momentum > 0 ? ["momentum"] : Array.Empty<string>(), .. centered ? ["average_gradient"] : Array.Empty<string>()];
    }

    public double Rho { get; }
    public double Momentum { get; }
    public double Epsilon { get; }
    public bool Centered { get; }

    public override string ClassName => "RMSprop";

    protected override IReadOnlyList<string> SlotNames => _slotNames;

    protected override void Update(Variable variable, Tensor gradient, double learningRate, Tensor[] slots) =>
        Update(variable, gradient, learningRate, slots, decayFactor: 1);

    protected override void Update(Variable variable, Tensor gradient, double learningRate, Tensor[] slots, double decayFactor)
    {
        var momentum = Momentum > 0 ? slots[1] : null;
        var average = Centered ? slots[^1] : null;
        OptimizerKernels.RmsProp(variable.Value, slots[0], momentum, average, gradient, learningRate, Rho, Momentum, Epsilon, decayFactor);
    }

    public override Config GetConfig() =>
        base.GetConfig().Set("rho", Rho).Set("momentum", Momentum).Set("epsilon", Epsilon).Set("centered", Centered);

    internal static RMSprop FromConfig(Config config)
    {
        RejectUnsupported(config);
        var (learningRate, schedule) = ReadLearningRate(config, 0.001);
        return new RMSprop(learningRate, config.GetNullableDouble("rho") ?? 0.9, config.GetNullableDouble("momentum") ?? 0.0,
            config.GetNullableDouble("epsilon") ?? 1e-7, config.GetNullableBoolean("centered") ?? false, schedule,
            config.GetNullableDouble("weight_decay"), config.GetNullableDouble("clipnorm"), config.GetNullableDouble("clipvalue"),
            config.GetNullableDouble("global_clipnorm"), config.GetNullableString("name"));
    }
}
