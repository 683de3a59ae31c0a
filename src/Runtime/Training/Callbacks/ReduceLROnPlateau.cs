namespace Layers;

/// <summary>
/// Multiplies the learning rate by <c>factor</c> when a monitored quantity has stopped improving (Keras 3's
/// <c>ReduceLROnPlateau</c>, defaults <c>monitor="val_loss", factor=0.1, patience=10, verbose=0, mode="auto",
/// min_delta=1e-4, cooldown=0, min_lr=0.0</c>).
/// <para>
/// At each epoch end the rate is logged as <c>learning_rate</c>. During a cooldown (the <c>cooldown</c> epochs
/// after a reduction) the wait counter stays at zero. Otherwise an improvement resets it and anything else
/// grows it; when it reaches <c>patience</c>, the rate becomes <c>max(rate·factor, min_lr)</c> — if it is
/// still above <c>min_lr</c> — and the cooldown starts.
/// </para>
/// </summary>
public sealed class ReduceLROnPlateau : MonitorCallback
{
    public ReduceLROnPlateau(string monitor = "val_loss", double factor = 0.1, int patience = 10, int verbose = 0, string mode = "auto",
        double minDelta = 1e-4, int cooldown = 0, double minLr = 0.0)
        : base("ReduceLROnPlateau", monitor, mode, baseline: null, minDelta)
    {
        if (factor >= 1.0)
            throw new ArgumentOutOfRangeException(nameof(factor), factor, $"ReduceLROnPlateau does not support a factor >= 1.0. Received factor={PythonFloat.Repr(factor)}");
        if (!(factor >= 0))
            throw new ArgumentOutOfRangeException(nameof(factor), factor, $"ReduceLROnPlateau: factor must be in [0, 1). Received factor={PythonFloat.Repr(factor)}");
        Factor = factor;
        Patience = patience;
        Verbose = verbose;
        Cooldown = cooldown;
        MinLr = minLr;
    }

    public double Factor { get; }
    public int Patience { get; }
    public int Verbose { get; }
    public int Cooldown { get; }
    public double MinLr { get; }

    /// <summary>Epochs since the last improvement, outside cooldowns (Keras' <c>wait</c>).</summary>
    public int Wait { get; private set; }

    /// <summary>Epochs of cooldown left (Keras' <c>cooldown_counter</c>).</summary>
    public int CooldownCounter { get; private set; }

    public bool InCooldown => CooldownCounter > 0;

    public override void OnTrainBegin(IDictionary<string, double> logs)
    {
        Best = null;
        CooldownCounter = 0;
        Wait = 0;
    }

    public override void OnEpochEnd(int epoch, IDictionary<string, double> logs)
    {
        ResolveDirection();
        var optimizer = Model?.Optimizer ?? throw new InvalidOperationException("ReduceLROnPlateau needs a compiled model; pass it to Fit(callbacks: …).");
        logs["learning_rate"] = optimizer.LearningRate;
        double? monitored = MonitorValue(logs, keys =>
            $"Learning rate reduction is conditioned on metric `{Monitor}` which is not available. Available metrics are: {keys}.");
        if (monitored is not { } current) return;
        if (InCooldown)
        {
            CooldownCounter--;
            Wait = 0;
        }
        if (IsImprovement(current, Best))
        {
            Best = current;
            Wait = 0;
        }
        else if (!InCooldown)
        {
            Wait++;
            if (Wait >= Patience && Reduce(optimizer, epoch))
            {
                CooldownCounter = Cooldown;
                Wait = 0;
            }
        }
    }

    private bool Reduce(Optimizer optimizer, int epoch)
    {
        double oldLr = optimizer.LearningRate;
        // Keras compares against min_lr rounded to float32, the precision of the rate itself.
        if (!(oldLr > (float)MinLr)) return false;
        double newLr = Math.Max(oldLr * Factor, MinLr);
        optimizer.LearningRate = newLr;
        if (Verbose > 0) CallbackOutput.Print($"\nEpoch {epoch + 1}: ReduceLROnPlateau reducing learning rate to {PythonFloat.Repr(newLr)}.");
        return true;
    }
}
