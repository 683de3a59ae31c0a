namespace Layers;

/// <summary>
/// Saves the model or its weights during training (Keras 3's <c>ModelCheckpoint</c>, defaults
/// <c>monitor="val_loss", verbose=0, save_best_only=False, save_weights_only=False, mode="auto",
/// save_freq="epoch", initial_value_threshold=None</c>).
/// <para>
/// <c>filepath</c> is a Python format string filled with <c>epoch</c> (counted from 1), <c>batch</c> (from 1,
/// when saving every N batches) and the current logs: <c>"ckpt/model-{epoch:02d}-{val_loss:.2f}.keras"</c>.
/// A whole model goes to a <c>.keras</c> archive (<see cref="Model.Save"/>); with <c>save_weights_only</c>,
/// weights go to a <c>.safetensors</c> file (<see cref="Layer.SaveWeights"/>; Keras writes <c>.weights.h5</c>).
/// With <c>save_best_only</c>, a save happens only when the monitored value improves on the best so far
/// (starting from <c>initial_value_threshold</c>); a missing value saves anyway, with a warning.
/// Missing directories are created.
/// </para>
/// </summary>
public sealed class ModelCheckpoint : MonitorCallback
{
    private int _batchesSinceLastSave;
    private int? _lastBatchSeen;
    private int _currentEpoch;

    public ModelCheckpoint(string filepath, string monitor = "val_loss", int verbose = 0, bool saveBestOnly = false, bool saveWeightsOnly = false,
        string mode = "auto", SaveFrequency? saveFreq = null, double? initialValueThreshold = null)
        : base("ModelCheckpoint", monitor, mode, initialValueThreshold, minDelta: 0)
    {
        ArgumentException.ThrowIfNullOrEmpty(filepath);
        if (saveWeightsOnly && !filepath.EndsWith(".safetensors", StringComparison.Ordinal))
            throw new ArgumentException(
                "When using saveWeightsOnly: true in ModelCheckpoint, the filepath provided must end in `.safetensors` " +
                $"(the weights format). Received: filepath={filepath}", nameof(filepath));
        if (!saveWeightsOnly && !filepath.EndsWith(".keras", StringComparison.Ordinal))
            throw new ArgumentException($"The filepath provided must end in `.keras` (Keras model format). Received: filepath={filepath}", nameof(filepath));
        Filepath = filepath;
        Verbose = verbose;
        SaveBestOnly = saveBestOnly;
        SaveWeightsOnly = saveWeightsOnly;
        SaveFreq = saveFreq ?? SaveFrequency.Epoch;
    }

    public string Filepath { get; }
    public int Verbose { get; }
    public bool SaveBestOnly { get; }
    public bool SaveWeightsOnly { get; }
    public SaveFrequency SaveFreq { get; }

    public override void OnEpochBegin(int epoch, IDictionary<string, double> logs) => _currentEpoch = epoch;

    public override void OnTrainBatchEnd(int batch, IDictionary<string, double> logs)
    {
        if (ShouldSaveOnBatch(batch)) Save(_currentEpoch, batch, logs);
    }

    public override void OnEpochEnd(int epoch, IDictionary<string, double> logs)
    {
        ResolveDirection();
        if (SaveFreq.IsEpoch) Save(epoch, batch: null, logs);
    }

    /// <summary>Counts batches across epochs (a batch index not above the last one seen starts a new epoch).</summary>
    private bool ShouldSaveOnBatch(int batch)
    {
        if (SaveFreq.IsEpoch) return false;
        int added = _lastBatchSeen is not { } last || batch <= last ? batch + 1 : batch - last;
        _batchesSinceLastSave += added;
        _lastBatchSeen = batch;
        if (_batchesSinceLastSave < SaveFreq.Batches) return false;
        _batchesSinceLastSave = 0;
        return true;
    }

    private void Save(int epoch, int? batch, IDictionary<string, double> logs)
    {
        string path = FilePath(epoch, batch, logs);
        if (!ShouldSave(epoch, logs, path)) return;
        var model = Model ?? throw new InvalidOperationException("ModelCheckpoint is not attached to a model; pass it to Fit(callbacks: …).");
        if (Directory.Exists(path))
            throw new IOException($"Please specify a non-directory filepath for ModelCheckpoint. Filepath used is an existing directory: {path}");
        string? directory = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        if (SaveWeightsOnly) model.SaveWeights(path);
        else model.Save(path);
        if (Verbose > 0) CallbackOutput.Print($"\nEpoch {epoch + 1}: finished saving model to {path}");
    }

    private bool ShouldSave(int epoch, IDictionary<string, double> logs, string path)
    {
        if (!SaveBestOnly)
        {
            if (Verbose > 0) CallbackOutput.Print($"\nEpoch {epoch + 1}: saving model to {path}");
            return true;
        }
        if (!logs.TryGetValue(Monitor, out double current))
        {
            Output.Warn($"Can save best model only with {Monitor} available.");
            return true;
        }
        ResolveDirection();
        string best = Best is { } b ? PythonFormat.FormatValue(b, ".5f") : "None";
        if (IsImprovement(current, Best))
        {
            if (Verbose > 0)
                CallbackOutput.Print(
                    $"\nEpoch {epoch + 1}: {Monitor} improved from {best} to {PythonFormat.FormatValue(current, ".5f")}, saving model to {path}");
            Best = current;
            return true;
        }
        if (Verbose > 0) CallbackOutput.Print($"\nEpoch {epoch + 1}: {Monitor} did not improve from {best}");
        return false;
    }

    /// <summary>The file name for this save: <see cref="Filepath"/> formatted with <c>epoch</c>, <c>batch</c> and the logs, as Python's <c>str.format</c>.</summary>
    internal string FilePath(int epoch, int? batch, IDictionary<string, double> logs)
    {
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (key, value) in logs) values[key] = value;
        values["epoch"] = (long)(epoch + 1);
        if (batch is { } b && !logs.ContainsKey("batch")) values["batch"] = (long)(b + 1);
        try
        {
            return PythonFormat.Format(Filepath, values);
        }
        catch (KeyNotFoundException e)
        {
            throw new KeyNotFoundException($"Failed to format this callback filepath: \"{Filepath}\". Reason: {e.Message}", e);
        }
    }
}
