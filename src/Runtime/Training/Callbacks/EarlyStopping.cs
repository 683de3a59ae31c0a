namespace Layers;

/// <summary>
/// Stops training when a monitored quantity has stopped improving (Keras 3's <c>EarlyStopping</c>, defaults
/// <c>monitor="val_loss", min_delta=0, patience=0, verbose=0, mode="auto", baseline=None,
/// restore_best_weights=False, start_from_epoch=0</c>).
/// <para>
/// At each epoch end from <c>start_from_epoch</c> on, the wait counter grows by one; an improvement on the best
/// value so far resets it (only if it also beats <c>baseline</c>, when given). Once the counter reaches
/// <c>patience</c> (never at the first epoch), the model's <see cref="Model.StopTraining"/> is set. With
/// <c>restore_best_weights</c>, the weights of the best epoch are put back when training ends — whether or not
/// it stopped early, as in Keras.
/// </para>
/// </summary>
public sealed class EarlyStopping : MonitorCallback
{
    private Tensor[]? _bestWeights;

    public EarlyStopping(string monitor = "val_loss", double minDelta = 0, int patience = 0, int verbose = 0, string mode = "auto",
        double? baseline = null, bool restoreBestWeights = false, int startFromEpoch = 0)
        : base("EarlyStopping", monitor, mode, baseline: null, minDelta)
    {
        Patience = patience;
        Verbose = verbose;
        Baseline = baseline;
        RestoreBestWeights = restoreBestWeights;
        StartFromEpoch = startFromEpoch;
    }

    public int Patience { get; }
    public int Verbose { get; }
    public double? Baseline { get; }
    public bool RestoreBestWeights { get; }
    public int StartFromEpoch { get; }

    /// <summary>Epochs since the last improvement (Keras' <c>wait</c>).</summary>
    public int Wait { get; private set; }

    /// <summary>The epoch (0-based) at which training was stopped, or 0 if it was not.</summary>
    public int StoppedEpoch { get; private set; }

    /// <summary>The epoch (0-based) with the best monitored value.</summary>
    public int BestEpoch { get; private set; }

    public override void OnTrainBegin(IDictionary<string, double> logs)
    {
        // Reset, so one instance can serve several Fit calls.
        Wait = 0;
        StoppedEpoch = 0;
        Best = null;
        _bestWeights = null;
        BestEpoch = 0;
    }

    public override void OnEpochEnd(int epoch, IDictionary<string, double> logs)
    {
        ResolveDirection();
        double? monitored = MonitorValue(logs, keys =>
            $"Early stopping conditioned on metric `{Monitor}` which is not available. Available metrics are: {keys}");
        if (monitored is not { } current || epoch < StartFromEpoch) return;
        var model = RequireModel();
        if (RestoreBestWeights && _bestWeights is null)
        {
            // Until something improves, the weights at the first monitored epoch are the best known.
            _bestWeights = model.GetWeights();
            BestEpoch = epoch;
        }
        Wait++;
        if (IsImprovement(current, Best))
        {
            Best = current;
            BestEpoch = epoch;
            if (RestoreBestWeights) _bestWeights = model.GetWeights();
            if (Baseline is null || IsImprovement(current, Baseline)) Wait = 0;
            return;
        }
        if (Wait >= Patience && epoch > 0)
        {
            StoppedEpoch = epoch;
            model.StopTraining = true;
        }
    }

    public override void OnTrainEnd(IDictionary<string, double> logs)
    {
        if (StoppedEpoch > 0 && Verbose > 0) CallbackOutput.Print($"Epoch {StoppedEpoch + 1}: early stopping");
        if (RestoreBestWeights && _bestWeights is not null)
        {
            if (Verbose > 0) CallbackOutput.Print($"Restoring model weights from the end of the best epoch: {BestEpoch + 1}.");
            RequireModel().SetWeights(_bestWeights);
        }
    }

    private Model RequireModel() =>
        Model ?? throw new InvalidOperationException("EarlyStopping is not attached to a model; pass it to Fit(callbacks: …).");
}
