namespace Layers;

/// <summary>
/// Stochastic gradient descent with optional momentum and Nesterov momentum (Keras 3's <c>SGD</c>,
/// defaults <c>learning_rate=0.01, momentum=0, nesterov=False</c>): <c>m = μ·m − lr·g</c>, then <c>w += m</c>,
/// or with Nesterov <c>w += μ·m − lr·g</c>. With a constant rate this is PyTorch's SGD (dampening 0) with
/// its buffer scaled by −lr.
/// </summary>
public sealed class SGD : Optimizer
{
    private static readonly string[] MomentumSlot = ["momentum"];

    public SGD(double learningRate = 0.01, double momentum = 0, bool nesterov = false, LearningRateSchedule? schedule = null,
        double? weightDecay = null, double? clipnorm = null, double? clipvalue = null, double? globalClipnorm = null, string? name = null)
        : base(name ?? "SGD", learningRate, schedule, weightDecay, clipnorm, clipvalue, globalClipnorm)
    {
        if (momentum is < 0 or > 1)
            throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "SGD: momentum must be between 0 and 1.");
        Momentum = momentum;
        Nesterov = nesterov;
    }

    public double Momentum { get; }

    public bool Nesterov { get; }

    public override string ClassName => "SGD";

    protected override IReadOnlyList<string> SlotNames => Momentum == 0 ? [] : MomentumSlot;

    protected override void Update(Variable variable, Tensor gradient, double learningRate, Tensor[] slots) =>
        Update(variable, gradient, learningRate, slots, decayFactor: 1);

    protected override void Update(Variable variable, Tensor gradient, double learningRate, Tensor[] slots, double decayFactor)
    {
        if (Momentum == 0) OptimizerKernels.Sgd(variable.Value, gradient, learningRate, decayFactor);
        else OptimizerKernels.SgdMomentum(variable.Value, slots[0], gradient, learningRate, Momentum, Nesterov, decayFactor);
    }

    public override Config GetConfig() => base.GetConfig().Set("momentum", Momentum).Set("nesterov", Nesterov);

    internal static SGD FromConfig(Config config)
    {
        RejectUnsupported(config);
        var (learningRate, schedule) = ReadLearningRate(config, 0.01);
        return new SGD(learningRate, config.GetNullableDouble("momentum") ?? 0, config.GetNullableBoolean("nesterov") ?? false, schedule,
            config.GetNullableDouble("weight_decay"), config.GetNullableDouble("clipnorm"), config.GetNullableDouble("clipvalue"),
            config.GetNullableDouble("global_clipnorm"), config.GetNullableString("name"));
    }
}
