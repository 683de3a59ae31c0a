namespace Layers;

/// <summary>
/// Huber loss (Keras' <c>losses.Huber</c>): quadratic for errors up to <see cref="Delta"/>, linear beyond,
/// averaged over the last axis.
/// </summary>
public sealed class Huber : Loss
{
    public Huber(double delta = 1.0, LossReduction reduction = LossReduction.SumOverBatchSize, string name = "huber_loss")
        : base(name, reduction)
    {
        if (!double.IsFinite(delta) || delta <= 0)
            throw new ArgumentOutOfRangeException(nameof(delta), delta, $"Huber '{name}': delta must be a finite positive number (the error where the loss turns linear).");
        Delta = delta;
    }

    public double Delta { get; }

    public override string ClassName => "Huber";

    public override Tensor Call(Tensor yTrue, Tensor yPred) => LossFunctions.Huber(yTrue, yPred, Delta, Description);

    public override Config GetConfig() => base.GetConfig().Set("delta", Delta);

    internal static Huber FromConfig(Config config) =>
        new(config.GetNullableDouble("delta") ?? 1.0, ReductionFromConfig(config), config.GetNullableString("name") ?? "huber_loss");
}
