namespace Layers;

/// <summary>
/// Adagrad (Keras 3's <c>Adagrad</c>, defaults <c>learning_rate=0.001, initial_accumulator_value=0.1,
/// epsilon=1e-7</c>): <c>acc += g²</c>, <c>w −= lr·g/√(acc + ε)</c>, the accumulator (slot
/// <c>accumulator</c>) starting at <c>initial_accumulator_value</c>. PyTorch's Adagrad adds ε outside the root
/// (<c>√acc + ε</c>) and starts its sum at 0 by default; with ε = 0 and the same initial value they coincide.
/// </summary>
public sealed class Adagrad : Optimizer
{
    private static readonly string[] Slots = ["accumulator"];

    public Adagrad(double learningRate = 0.001, double initialAccumulatorValue = 0.1, double epsilon = 1e-7,
        LearningRateSchedule? schedule = null, double? weightDecay = null, double? clipnorm = null, double? clipvalue = null,
        double? globalClipnorm = null, string? name = null)
        : base(name ?? "adagrad", learningRate, schedule, weightDecay, clipnorm, clipvalue, globalClipnorm)
    {
        if (!(initialAccumulatorValue >= 0 && double.IsFinite(initialAccumulatorValue)))
            throw new ArgumentOutOfRangeException(nameof(initialAccumulatorValue), initialAccumulatorValue,
                $"{Name}: initial_accumulator_value must be a finite number >= 0.");
        if (!(epsilon >= 0)) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, $"{Name}: epsilon must be >= 0.");
        InitialAccumulatorValue = initialAccumulatorValue;
        Epsilon = epsilon;
    }

    public double InitialAccumulatorValue { get; }
    public double Epsilon { get; }

    public override string ClassName => "Adagrad";

    protected override IReadOnlyList<string> SlotNames => Slots;

    protected override double InitialSlotValue(int slot) => InitialAccumulatorValue;

    protected override void Update(Variable variable, Tensor gradient, double learningRate, Tensor[] slots) =>
        Update(variable, gradient, learningRate, slots, decayFactor: 1);

    protected override void Update(Variable variable, Tensor gradient, double learningRate, Tensor[] slots, double decayFactor) =>
        OptimizerKernels.Adagrad(variable.Value, slots[0], gradient, learningRate, Epsilon, decayFactor);

    public override Config GetConfig() =>
        base.GetConfig().Set("initial_accumulator_value", InitialAccumulatorValue).Set("epsilon", Epsilon);

    internal static Adagrad FromConfig(Config config)
    {
        RejectUnsupported(config);
        var (learningRate, schedule) = ReadLearningRate(config, 0.001);
        return new Adagrad(learningRate, config.GetNullableDouble("initial_accumulator_value") ?? 0.1, config.GetNullableDouble("epsilon") ?? 1e-7,
            schedule, config.GetNullableDouble("weight_decay"), config.GetNullableDouble("clipnorm"), config.GetNullableDouble("clipvalue"),
            config.GetNullableDouble("global_clipnorm"), config.GetNullableString("name"));
    }
}
