namespace Layers;

/// <summary>Calls every callback in order; the model's own History and progress bar are part of it.</summary>
internal sealed class CallbackList(IEnumerable<Callback> callbacks)
{
    private readonly Callback[] _callbacks = [.. callbacks];

    public void Attach(Model model, IReadOnlyDictionary<string, object?> parameters)
    {
        foreach (var callback in _callbacks)
        {
            callback.Model = model;
            callback.Params = parameters;
        }
    }

    public void TrainBegin(IDictionary<string, double> logs) { foreach (var c in _callbacks) c.OnTrainBegin(logs); }
    public void TrainEnd(IDictionary<string, double> logs) { foreach (var c in _callbacks) c.OnTrainEnd(logs); }
    public void EpochBegin(int epoch, IDictionary<string, double> logs) { foreach (var c in _callbacks) c.OnEpochBegin(epoch, logs); }
    public void EpochEnd(int epoch, IDictionary<string, double> logs) { foreach (var c in _callbacks) c.OnEpochEnd(epoch, logs); }
    public void TrainBatchBegin(int batch, IDictionary<string, double> logs) { foreach (var c in _callbacks) c.OnTrainBatchBegin(batch, logs); }
    public void TrainBatchEnd(int batch, IDictionary<string, double> logs) { foreach (var c in _callbacks) c.OnTrainBatchEnd(batch, logs); }
    public void TestBegin(IDictionary<string, double> logs) { foreach (var c in _callbacks) c.OnTestBegin(logs); }
    public void TestEnd(IDictionary<string, double> logs) { foreach (var c in _callbacks) c.OnTestEnd(logs); }
    public void TestBatchBegin(int batch, IDictionary<string, double> logs) { foreach (var c in _callbacks) c.OnTestBatchBegin(batch, logs); }
    public void TestBatchEnd(int batch, IDictionary<string, double> logs) { foreach (var c in _callbacks) c.OnTestBatchEnd(batch, logs); }
    public void PredictBegin(IDictionary<string, double> logs) { foreach (var c in _callbacks) c.OnPredictBegin(logs); }
    public void PredictEnd(IDictionary<string, double> logs) { foreach (var c in _callbacks) c.OnPredictEnd(logs); }
    public void PredictBatchBegin(int batch, IDictionary<string, double> logs) { foreach (var c in _callbacks) c.OnPredictBatchBegin(batch, logs); }
    public void PredictBatchEnd(int batch, IDictionary<string, double> logs) { foreach (var c in _callbacks) c.OnPredictBatchEnd(batch, logs); }
}
