namespace Layers;

/// <summary>
/// Adam (Keras 3's <c>Adam</c>, defaults <c>learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7,
/// amsgrad=False</c>). As in Keras, the bias corrections are folded into the step size
/// (<c>alpha = lr·√(1 − β₂ᵗ)/(1 − β₁ᵗ)</c>, <c>w −= alpha·m/(√v + ε)</c>). PyTorch divides by
/// <c>√v/√(1 − β₂ᵗ) + ε</c> instead, so Keras' ε acts like PyTorch's <c>ε/√(1 − β₂ᵗ)</c> — larger in the first
/// steps; with ε = 0 the two coincide.
/// </summary>
public class Adam : Optimizer
{
    private static readonly string[] Slots = ["momentum", "velocity"];
    private static readonly string[] AmsgradSlots = ["momentum", "velocity", "velocity_hat"];

    public Adam(double learningRate = 0.001, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-7, bool amsgrad = false,
        LearningRateSchedule? schedule = null, double? weightDecay = null, double? clipnorm = null, double? clipvalue = null,
        double? globalClipnorm = null, string? name = null)
        : base(name ?? "adam", learningRate, schedule, weightDecay, clipnorm, clipvalue, globalClipnorm)
    {
        if (beta1 is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(beta1), beta1, $"{Name}: beta_1 must be in [0, 1).");
        if (beta2 is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(beta2), beta2, $"{Name}: beta_2 must be in [0, 1).");
        if (!(epsilon >= 0)) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, $"{Name}: epsilon must be >= 0.");
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        Amsgrad = amsgrad;
    }

    public double Beta1 { get; }
    public double Beta2 { get; }
    public double Epsilon { get; }
    public bool Amsgrad { get; }

    public override string ClassName => "Adam";

    protected override IReadOnlyList<string> SlotNames => Amsgrad ? AmsgradSlots : Slots;

    protected override void Update(Variable variable, Tensor gradient, double learningRate, Tensor[] slots) =>
        Update(variable, gradient, learningRate, slots, decayFactor: 1);

    protected override void Update(Variable variable, Tensor gradient, double learningRate, Tensor[] slots, double decayFactor)
    {
        long step = Iterations + 1;
        double alpha = learningRate * Math.Sqrt(1 - Math.Pow(Beta2, step)) / (1 - Math.Pow(Beta1, step));
        OptimizerKernels.Adam(variable.Value, slots[0], slots[1], Amsgrad ? slots[2] : null, gradient, alpha, Beta1, Beta2, Epsilon, decayFactor);
    }

    public override Config GetConfig() =>
        base.GetConfig().Set("beta_1", Beta1).Set("beta_2", Beta2).Set("epsilon", Epsilon).Set("amsgrad", Amsgrad);

    internal static Adam FromConfig(Config config)
    {
        RejectUnsupported(config);
        var (learningRate, schedule) = ReadLearningRate(config, 0.001);
        return new Adam(learningRate, config.GetNullableDouble("beta_1") ?? 0.9, config.GetNullableDouble("beta_2") ?? 0.999,
            config.GetNullableDouble("epsilon") ?? 1e-7, config.GetNullableBoolean("amsgrad") ?? false, schedule,
            config.GetNullableDouble("weight_decay"), config.GetNullableDouble("clipnorm"), config.GetNullableDouble("clipvalue"),
            config.GetNullableDouble("global_clipnorm"), config.GetNullableString("name"));
    }
}
