namespace Layers;

/// <summary>
/// A callback built from delegates (Keras 3's <c>LambdaCallback</c>): each hook given runs at its event,
/// the others do nothing. Keras names six hooks and accepts the rest as keyword arguments; all are named
/// parameters here.
/// </summary>
public sealed class LambdaCallback(
    Action<int, IDictionary<string, double>>? onEpochBegin = null,
    Action<int, IDictionary<string, double>>? onEpochEnd = null,
    Action<IDictionary<string, double>>? onTrainBegin = null,
    Action<IDictionary<string, double>>? onTrainEnd = null,
    Action<int, IDictionary<string, double>>? onTrainBatchBegin = null,
    Action<int, IDictionary<string, double>>? onTrainBatchEnd = null,
    Action<IDictionary<string, double>>? onTestBegin = null,
    Action<IDictionary<string, double>>? onTestEnd = null,
    Action<int, IDictionary<string, double>>? onTestBatchBegin = null,
    Action<int, IDictionary<string, double>>? onTestBatchEnd = null,
    Action<IDictionary<string, double>>? onPredictBegin = null,
    Action<IDictionary<string, double>>? onPredictEnd = null,
    Action<int, IDictionary<string, double>>? onPredictBatchBegin = null,
    Action<int, IDictionary<string, double>>? onPredictBatchEnd = null) : Callback
{
    public override void OnEpochBegin(int epoch, IDictionary<string, double> logs) => onEpochBegin?.Invoke(epoch, logs);
    public override void OnEpochEnd(int epoch, IDictionary<string, double> logs) => onEpochEnd?.Invoke(epoch, logs);
    public override void OnTrainBegin(IDictionary<string, double> logs) => onTrainBegin?.Invoke(logs);
    public override void OnTrainEnd(IDictionary<string, double> logs) => onTrainEnd?.Invoke(logs);
    public override void OnTrainBatchBegin(int batch, IDictionary<string, double> logs) => onTrainBatchBegin?.Invoke(batch, logs);
    public override void OnTrainBatchEnd(int batch, IDictionary<string, double> logs) => onTrainBatchEnd?.Invoke(batch, logs);
    public override void OnTestBegin(IDictionary<string, double> logs) => onTestBegin?.Invoke(logs);
    public override void OnTestEnd(IDictionary<string, double> logs) => onTestEnd?.Invoke(logs);
    public override void OnTestBatchBegin(int batch, IDictionary<string, double> logs) => onTestBatchBegin?.Invoke(batch, logs);
    public override void OnTestBatchEnd(int batch, IDictionary<string, double> logs) => onTestBatchEnd?.Invoke(batch, logs);
    public override void OnPredictBegin(IDictionary<string, double> logs) => onPredictBegin?.Invoke(logs);
    public override void OnPredictEnd(IDictionary<string, double> logs) => onPredictEnd?.Invoke(logs);
    public override void OnPredictBatchBegin(int batch, IDictionary<string, double> logs) => onPredictBatchBegin?.Invoke(batch, logs);
    public override void OnPredictBatchEnd(int batch, IDictionary<string, double> logs) => onPredictBatchEnd?.Invoke(batch, logs);
}
