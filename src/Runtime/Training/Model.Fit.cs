namespace Layers;

public abstract partial class Model
{
    /// <summary>
    /// Trains for <paramref name="epochs"/> epochs (Keras' <c>fit</c>). Batches are shuffled each epoch
    /// (reproducibly when <paramref name="seed"/> is given); <paramref name="validationSplit"/> holds out
    /// the last fraction of the samples, before shuffling, as Keras does; <paramref name="verbose"/> is
    /// Keras' (-1 auto: a live progress bar on a terminal, one line per epoch when output is redirected;
    /// 0 silent; 1 bar; 2 one line per epoch).
    /// </summary>
    public History Fit(Tensor x, Tensor y, int batchSize = 32, int epochs = 1, int verbose = -1,
        IReadOnlyList<Callback>? callbacks = null, double validationSplit = 0, (Tensor X, Tensor Y)? validationData = null,
        bool shuffle = true, long? seed = null, int initialEpoch = 0, Tensor? sampleWeight = null)
    {
        RequireCompiled(nameof(Fit));
        CheckData(nameof(Fit), x, y, sampleWeight);
        if (epochs < 0) throw new ArgumentOutOfRangeException(nameof(epochs), epochs, "Fit: epochs must be >= 0.");
        if (initialEpoch < 0 || initialEpoch > epochs)
            throw new ArgumentOutOfRangeException(nameof(initialEpoch), initialEpoch, $"Fit: initial_epoch must be between 0 and epochs ({epochs}).");
        if (validationSplit is < 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(validationSplit), validationSplit, "Fit: validation_split must be in [0, 1).");
        if (validationSplit > 0 && validationData is not null)
            throw new ArgumentException("Fit: pass validationSplit or validationData, not both.");

        if (validationSplit > 0)
        {
            int samples = x.Shape[0];
            int splitAt = (int)(samples * (1 - validationSplit));
            if (splitAt == 0 || splitAt == samples)
                throw new ArgumentException($"Fit: validation_split={validationSplit} of {samples} samples leaves an empty training or validation set.");
            validationData = (Ops.Slice(x, 0, splitAt, samples - splitAt), Ops.Slice(y, 0, splitAt, samples - splitAt));
            if (sampleWeight is not null) sampleWeight = Ops.Slice(sampleWeight, 0, 0, splitAt);
            x = Ops.Slice(x, 0, 0, splitAt);
            y = Ops.Slice(y, 0, 0, splitAt);
        }
        if (validationData is { } validation) CheckData("Fit validation data", validation.X, validation.Y, null);

        var batches = new Batches(batchSize, x, y, sampleWeight);
        var history = new History();
        var progress = new ProgressBar(Progress.ResolveVerbose(verbose), batches.Count);
        var all = new CallbackList([.. callbacks ?? [], history, progress]);
        all.Attach(this, new Dictionary<string, object?>
        {
            ["epochs"] = epochs, ["steps"] = batches.Count, ["verbose"] = progress.Verbose, ["batch_size"] = batchSize,
        });
        var seeds = seed is { } s ? new SeedGenerator(s) : new SeedGenerator();

        StopTraining = false;
        var logs = new Dictionary<string, double>(StringComparer.Ordinal);
        all.TrainBegin(logs);
        for (int epoch = initialEpoch; epoch < epochs && !StopTraining; epoch++)
        {
            ResetMetrics();
            progress.EpochCount = epochs;
            all.EpochBegin(epoch, logs);
            if (shuffle) batches.Shuffle(seeds);
            for (int step = 0; step < batches.Count; step++)
            {
                all.TrainBatchBegin(step, logs);
                var batch = batches.Get(step);
                logs = TrainStep(batch[0], batch[1], batch.Length > 2 ? batch[2] : null);
                all.TrainBatchEnd(step, logs);
                if (StopTraining) break;
            }
            var epochLogs = new Dictionary<string, double>(logs, StringComparer.Ordinal);
            if (validationData is { } v)
            {
                foreach (var (name, value) in RunEvaluation(v.X, v.Y, null, batchSize, null, callbacks: null))
                    epochLogs["val_" + name] = value;
            }
            all.EpochEnd(epoch, epochLogs);
            logs = epochLogs;
        }
        all.TrainEnd(logs);
        return history;
    }

    /// <summary>
    /// The loss and metrics over <paramref name="x"/>, <paramref name="y"/> in batches, in inference mode
    /// (Keras' <c>evaluate(..., return_dict=True)</c>).
    /// </summary>
    public IReadOnlyDictionary<string, double> Evaluate(Tensor x, Tensor y, int batchSize = 32, int verbose = -1,
        IReadOnlyList<Callback>? callbacks = null, Tensor? sampleWeight = null)
    {
        RequireCompiled(nameof(Evaluate));
        CheckData(nameof(Evaluate), x, y, sampleWeight);
        return RunEvaluation(x, y, sampleWeight, batchSize, Progress.ResolveVerbose(verbose), callbacks);
    }

    private Dictionary<string, double> RunEvaluation(Tensor x, Tensor y, Tensor? sampleWeight, int batchSize, int? verbose,
        IReadOnlyList<Callback>? callbacks)
    {
        var batches = new Batches(batchSize, x, y, sampleWeight);
        var progress = new ProgressBar(verbose ?? 0, batches.Count);
        var all = new CallbackList([.. callbacks ?? [], progress]);
        all.Attach(this, new Dictionary<string, object?> { ["steps"] = batches.Count, ["verbose"] = progress.Verbose });
        ResetMetrics();
        var logs = new Dictionary<string, double>(StringComparer.Ordinal);
        all.TestBegin(logs);
        for (int step = 0; step < batches.Count; step++)
        {
            all.TestBatchBegin(step, logs);
            var batch = batches.Get(step);
            logs = TestStep(batch[0], batch[1], batch.Length > 2 ? batch[2] : null);
            all.TestBatchEnd(step, logs);
        }
        all.TestEnd(logs);
        return logs;
    }

    /// <summary>The model's outputs for <paramref name="x"/>, computed in batches in inference mode (Keras' <c>predict</c>).</summary>
    public Tensor Predict(Tensor x, int batchSize = 32, int verbose = 0, IReadOnlyList<Callback>? callbacks = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        var batches = new Batches(batchSize, x);
        var progress = new ProgressBar(Progress.ResolveVerbose(verbose), batches.Count);
        var all = new CallbackList([.. callbacks ?? [], progress]);
        all.Attach(this, new Dictionary<string, object?> { ["steps"] = batches.Count, ["verbose"] = progress.Verbose });
        var logs = new Dictionary<string, double>(StringComparer.Ordinal);
        all.PredictBegin(logs);
        var outputs = new Tensor[batches.Count];
        for (int step = 0; step < batches.Count; step++)
        {
            all.PredictBatchBegin(step, logs);
            outputs[step] = PredictStep(batches.Get(step)[0]);
            all.PredictBatchEnd(step, logs);
        }
        all.PredictEnd(logs);
        return outputs.Length == 1 ? outputs[0] : Ops.Concat(outputs, 0);
    }

    /// <summary>One optimization step on one batch; returns the loss and metrics (Keras' <c>train_on_batch(..., return_dict=True)</c>).</summary>
    public IReadOnlyDictionary<string, double> TrainOnBatch(Tensor x, Tensor y, Tensor? sampleWeight = null, bool resetMetrics = true)
    {
        RequireCompiled(nameof(TrainOnBatch));
        CheckData(nameof(TrainOnBatch), x, y, sampleWeight);
        if (resetMetrics) ResetMetrics();
        return TrainStep(x, y, sampleWeight);
    }

    /// <summary>The loss and metrics of one batch in inference mode (Keras' <c>test_on_batch</c>).</summary>
    public IReadOnlyDictionary<string, double> TestOnBatch(Tensor x, Tensor y, Tensor? sampleWeight = null, bool resetMetrics = true)
    {
        RequireCompiled(nameof(TestOnBatch));
        CheckData(nameof(TestOnBatch), x, y, sampleWeight);
        if (resetMetrics) ResetMetrics();
        return TestStep(x, y, sampleWeight);
    }

    /// <summary>The outputs of one batch in inference mode (Keras' <c>predict_on_batch</c>).</summary>
    public Tensor PredictOnBatch(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return PredictStep(x);
    }

    private void CheckData(string method, Tensor x, Tensor y, Tensor? sampleWeight)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Rank == 0 || y.Rank == 0)
            throw new ArgumentException($"{method} on model '{Name}': x and y need a batch dimension; got shapes {x.Shape} and {y.Shape}.");
        if (x.Shape[0] != y.Shape[0])
            throw new ArgumentException(
                $"{method} on model '{Name}': x has {x.Shape[0]} samples (shape {x.Shape}) but y has {y.Shape[0]} (shape {y.Shape}); they must match.");
        if (sampleWeight is not null && (sampleWeight.Rank == 0 || sampleWeight.Shape[0] != x.Shape[0]))
            throw new ArgumentException($"{method} on model '{Name}': sample_weight has shape {sampleWeight.Shape}, which does not have {x.Shape[0]} samples.");
    }
}
