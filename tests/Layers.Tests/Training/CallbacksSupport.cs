namespace Layers.Tests.Training;

/// <summary>Tests that replace <see cref="Progress.Output"/> (process-wide) run alone, after the parallel ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CallbackOutputCollection
{
    public const string Name = "Callback output";
}

/// <summary>Sends <see cref="Progress.Output"/> to a string for the lifetime of the object.</summary>
internal sealed class OutputCapture : IDisposable
{
    private readonly TextWriter _previous = Progress.Output;
    private readonly StringWriter _writer = new() { NewLine = "\n" };

    public OutputCapture() => Progress.Output = _writer;

    public string Text => _writer.ToString();

    public void Dispose() => Progress.Output = _previous;
}

/// <summary>A metric with a given name and no behaviour, to give a model compiled metrics of known names.</summary>
internal sealed class NamedMetric(string name) : PredictionMetric(name)
{
    public override string ClassName => "NamedMetric";

    public override void Update(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null) { }

    public override Tensor Result() => Tensor.Scalar(0f);

    public override void Reset() { }
}

/// <summary>
/// Drives callbacks through a scripted training run — the hooks Fit calls, in Fit's order, with given epoch
/// logs — so their decisions can be checked epoch by epoch without training.
/// </summary>
internal static class Scripted
{
    /// <summary>A compiled model (SGD, lr 0.1) to attach callbacks to.</summary>
    public static Sequential Model(Optimizer? optimizer = null, params Metric[] metrics)
    {
        var model = TestModels.Mlp();
        model.Compile(optimizer ?? new SGD(0.1), new TestMse(), metrics);
        return model;
    }

    /// <summary>Logs with one key per epoch: <c>Logs("val_loss", 1, 0.9)</c>.</summary>
    public static List<Dictionary<string, double>> Logs(string key, params double[] values) =>
        [.. values.Select(v => new Dictionary<string, double>(StringComparer.Ordinal) { [key] = v })];

    /// <summary>
    /// Runs epochs until the logs run out or a callback sets <see cref="Model.StopTraining"/>; returns the
    /// number of epochs run. <paramref name="duringEpoch"/> runs after each epoch begins (to change weights, say);
    /// <paramref name="batches"/> train-batch events are sent per epoch.
    /// </summary>
    public static int Run(Model model, IReadOnlyList<Callback> callbacks, IReadOnlyList<Dictionary<string, double>> epochLogs,
        Action<int>? duringEpoch = null, int batches = 0, List<Dictionary<string, double>>? seenLogs = null)
    {
        var list = new CallbackList(callbacks);
        list.Attach(model, new Dictionary<string, object?> { ["epochs"] = epochLogs.Count, ["steps"] = batches, ["verbose"] = 0 });
        model.StopTraining = false;
        list.TrainBegin(new Dictionary<string, double>());
        int epoch = 0;
        var logs = new Dictionary<string, double>(StringComparer.Ordinal);
        for (; epoch < epochLogs.Count && !model.StopTraining; epoch++)
        {
            list.EpochBegin(epoch, new Dictionary<string, double>());
            duringEpoch?.Invoke(epoch);
            for (int batch = 0; batch < batches; batch++)
            {
                list.TrainBatchBegin(batch, new Dictionary<string, double>());
                list.TrainBatchEnd(batch, new Dictionary<string, double>(epochLogs[epoch], StringComparer.Ordinal));
            }
            logs = new Dictionary<string, double>(epochLogs[epoch], StringComparer.Ordinal);
            list.EpochEnd(epoch, logs);
            seenLogs?.Add(logs);
        }
        list.TrainEnd(logs);
        return epoch;
    }

    /// <summary>Sets every weight of <paramref name="model"/> to <paramref name="value"/>, marking the epoch they belong to.</summary>
    public static void Mark(Model model, double value)
    {
        foreach (var weight in model.Weights) weight.Assign(Tensor.Full(weight.Shape, value, weight.DType));
    }

    /// <summary>The value <see cref="Mark"/> left in the weights (all equal).</summary>
    public static double Marked(Model model)
    {
        var values = model.Weights.SelectMany(w => Support.TestData.ToDoubles(w.Value)).Distinct().ToArray();
        return Assert.Single(values);
    }
}
