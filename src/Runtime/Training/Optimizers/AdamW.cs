namespace Layers;

/// <summary>
/// Adam with decoupled weight decay (Keras 3's <c>AdamW</c>, defaults <c>learning_rate=0.001,
/// weight_decay=0.004, beta_1=0.9, beta_2=0.999, epsilon=1e-7, amsgrad=False</c>): before each Adam step,
/// <c>w −= w·weight_decay·lr</c>. The decay comes first, as in PyTorch's <c>AdamW</c>, so with ε = 0 the two agree.
/// </summary>
public sealed class AdamW : Adam
{
    public AdamW(double learningRate = 0.001, double weightDecay = 0.004, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-7,
        bool amsgrad = false, LearningRateSchedule? schedule = null, double? clipnorm = null, double? clipvalue = null,
        double? globalClipnorm = null, string? name = null)
        : base(learningRate, beta1, beta2, epsilon, amsgrad, schedule, weightDecay, clipnorm, clipvalue, globalClipnorm, name ?? "adamw")
    {
    }

    public override string ClassName => "AdamW";

    internal static new AdamW FromConfig(Config config)
    {
        RejectUnsupported(config);
        var (learningRate, schedule) = ReadLearningRate(config, 0.001);
        if (config.ContainsKey("weight_decay") && config.IsNullOrMissing("weight_decay"))
            throw new FormatException($"{config.Owner}: weight_decay must be a float for AdamW; found null.");
        return new AdamW(learningRate, config.GetNullableDouble("weight_decay") ?? 0.004, config.GetNullableDouble("beta_1") ?? 0.9,
            config.GetNullableDouble("beta_2") ?? 0.999, config.GetNullableDouble("epsilon") ?? 1e-7, config.GetNullableBoolean("amsgrad") ?? false,
            schedule, config.GetNullableDouble("clipnorm"), config.GetNullableDouble("clipvalue"), config.GetNullableDouble("global_clipnorm"),
            config.GetNullableString("name"));
    }
}
