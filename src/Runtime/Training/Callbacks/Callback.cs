namespace Layers;

/// <summary>
/// Hooks into <c>Fit</c>, <c>Evaluate</c> and <c>Predict</c> (Keras' <c>Callback</c>). Logs map metric names
/// (<c>loss</c>, <c>accuracy</c>, <c>val_loss</c>…) to values; batch indices and epochs count from 0.
/// </summary>
public abstract class Callback
{
    /// <summary>The model being trained; set before <see cref="OnTrainBegin"/>.</summary>
    public Model? Model { get; internal set; }

    /// <summary>The arguments of the current <c>Fit</c>/<c>Evaluate</c>/<c>Predict</c> (Keras' <c>params</c>).</summary>
    public IReadOnlyDictionary<string, object?> Params { get; internal set; } = new Dictionary<string, object?>();

    public virtual void OnTrainBegin(IDictionary<string, double> logs) { }
    public virtual void OnTrainEnd(IDictionary<string, double> logs) { }
    public virtual void OnEpochBegin(int epoch, IDictionary<string, double> logs) { }
    public virtual void OnEpochEnd(int epoch, IDictionary<string, double> logs) { }
    public virtual void OnTrainBatchBegin(int batch, IDictionary<string, double> logs) { }
    public virtual void OnTrainBatchEnd(int batch, IDictionary<string, double> logs) { }
    public virtual void OnTestBegin(IDictionary<string, double> logs) { }
    public virtual void OnTestEnd(IDictionary<string, double> logs) { }
    public virtual void OnTestBatchBegin(int batch, IDictionary<string, double> logs) { }
    public virtual void OnTestBatchEnd(int batch, IDictionary<string, double> logs) { }
    public virtual void OnPredictBegin(IDictionary<string, double> logs) { }
    public virtual void OnPredictEnd(IDictionary<string, double> logs) { }
    public virtual void OnPredictBatchBegin(int batch, IDictionary<string, double> logs) { }
    public virtual void OnPredictBatchEnd(int batch, IDictionary<string, double> logs) { }
}
