namespace Layers;

/// <summary>
/// Sets the optimizer's learning rate at the start of every epoch (Keras 3's <c>LearningRateScheduler</c>):
/// <c>schedule(epoch, current_rate)</c> returns the new rate (epochs count from 0). At the end of each epoch
/// the rate is added to the logs as <c>learning_rate</c>, so History, CSVLogger and the progress bar show it.
/// </summary>
public sealed class LearningRateScheduler : Callback
{
    private readonly Func<int, double, double> _schedule;

    public LearningRateScheduler(Func<int, double, double> schedule, int verbose = 0)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        _schedule = schedule;
        Verbose = verbose;
    }

    /// <summary>A schedule of the epoch alone (Keras' older one-argument form).</summary>
    public LearningRateScheduler(Func<int, double> schedule, int verbose = 0)
        : this(WithoutRate(schedule), verbose)
    {
    }

    public int Verbose { get; }

    public override void OnEpochBegin(int epoch, IDictionary<string, double> logs)
    {
        var optimizer = RequireOptimizer();
        double learningRate = _schedule(epoch, optimizer.LearningRate);
        if (!double.IsFinite(learningRate))
            throw new InvalidOperationException($"The output of the `schedule` function should be a finite float. Got: {PythonFloat.Repr(learningRate)}");
        optimizer.LearningRate = learningRate;
        if (Verbose > 0)
            CallbackOutput.Print($"\nEpoch {epoch + 1}: LearningRateScheduler setting learning rate to {PythonFloat.Repr(learningRate)}.");
    }

    public override void OnEpochEnd(int epoch, IDictionary<string, double> logs) =>
        logs["learning_rate"] = RequireOptimizer().LearningRate;

    private Optimizer RequireOptimizer() =>
        Model?.Optimizer ?? throw new InvalidOperationException("LearningRateScheduler needs a compiled model; pass it to Fit(callbacks: …).");

    private static Func<int, double, double> WithoutRate(Func<int, double> schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return (epoch, _) => schedule(epoch);
    }
}
