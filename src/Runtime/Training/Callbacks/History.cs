namespace Layers;

/// <summary>
/// What <c>Fit</c> returns (Keras' <c>History</c>): every epoch's logs. <c>history["loss"]</c> is the list of
/// per-epoch training losses, <c>history["val_accuracy"]</c> the validation accuracies.
/// </summary>
public sealed class History : Callback
{
    private readonly Dictionary<string, List<double>> _values = new(StringComparer.Ordinal);
    private readonly List<int> _epochs = [];

    /// <summary>Metric name → one value per epoch (Keras' <c>history.history</c>).</summary>
    public IReadOnlyDictionary<string, List<double>> Values => _values;

    /// <summary>The epochs recorded (Keras' <c>history.epoch</c>).</summary>
    public IReadOnlyList<int> Epochs => _epochs;

    public IReadOnlyList<double> this[string metric] =>
        _values.TryGetValue(metric, out var values)
            ? values
            : throw new KeyNotFoundException($"History has no metric '{metric}'. Recorded: {string.Join(", ", _values.Keys)}.");

    public override void OnEpochEnd(int epoch, IDictionary<string, double> logs)
    {
        _epochs.Add(epoch);
        foreach (var (name, value) in logs)
        {
            if (!_values.TryGetValue(name, out var list)) _values[name] = list = [];
            list.Add(value);
        }
    }
}
