namespace Layers;

/// <summary>
/// A callback that watches one logged quantity (Keras 3's <c>MonitorCallback</c>): <see cref="Monitor"/> is the
/// log key (<c>val_loss</c>), <see cref="Mode"/> says whether lower (<c>"min"</c>) or higher (<c>"max"</c>) is
/// better, or <c>"auto"</c> to infer it — lower for losses, the metric's own direction for compiled metrics,
/// otherwise an error asking for a mode. A value improves on a reference when it beats it by more than
/// <see cref="MinDelta"/>.
/// </summary>
public abstract class MonitorCallback : Callback
{
    private bool? _higherIsBetter;

    /// <param name="callbackName">The Keras class name, for messages.</param>
    protected MonitorCallback(string callbackName, string monitor, string mode, double? baseline, double minDelta)
    {
        ArgumentNullException.ThrowIfNull(callbackName);
        ArgumentNullException.ThrowIfNull(monitor);
        ArgumentNullException.ThrowIfNull(mode);
        CallbackName = callbackName;
        if (mode is not ("auto" or "min" or "max"))
        {
            Output.Warn($"{callbackName} mode '{mode}' is unknown, fallback to auto mode.");
            mode = "auto";
        }
        Monitor = monitor;
        Mode = mode;
        Best = baseline;
        MinDelta = Math.Abs(minDelta);
    }

    /// <summary>The Keras class name, used in messages.</summary>
    protected string CallbackName { get; }

    /// <summary>Prints and warns like Keras; warnings are not repeated.</summary>
    private protected CallbackOutput Output { get; } = new();

    /// <summary>The log key watched (<c>val_loss</c>, <c>accuracy</c>).</summary>
    public string Monitor { get; }

    /// <summary><c>"auto"</c>, <c>"min"</c> or <c>"max"</c> (an unknown mode falls back to <c>"auto"</c> with a warning).</summary>
    public string Mode { get; }

    /// <summary>The improvement margin, as an absolute value.</summary>
    public double MinDelta { get; }

    /// <summary>The best value seen so far, or null before the first.</summary>
    public double? Best { get; protected set; }

    /// <summary>Whether higher values are better, once resolved (at the first epoch end).</summary>
    public bool? HigherIsBetter => _higherIsBetter;

    /// <summary>Resolves <see cref="Mode"/> into a direction (Keras' <c>_set_monitor_op</c>); called when the model's metrics are known.</summary>
    protected void ResolveDirection()
    {
        if (_higherIsBetter is not null) return;
        if (Mode == "min") { _higherIsBetter = false; return; }
        if (Mode == "max") { _higherIsBetter = true; return; }
        string metricName = Monitor.StartsWith("val_", StringComparison.Ordinal) ? Monitor[4..] : Monitor;
        bool? direction = metricName == "loss" ? false : null;
        foreach (var metric in Model?.CompiledMetrics ?? [])
            if (metric.Name == metricName && MetricDirections.HigherIsBetter(metric.Name) is { } known)
                direction = known;
        _higherIsBetter = direction ?? throw new InvalidOperationException(
            $"{CallbackName} callback received monitor={Monitor}, but Layers isn't able to automatically determine whether that metric " +
            "should be maximized or minimized. Pass mode: \"max\" in order to monitor based on the highest metric value, " +
            "or mode: \"min\" in order to use the lowest value.");
    }

    /// <summary>Whether <paramref name="current"/> beats <paramref name="reference"/> by more than <see cref="MinDelta"/>; anything beats null.</summary>
    protected bool IsImprovement(double current, double? reference)
    {
        if (reference is not { } r) return true;
        if (_higherIsBetter is not { } higher)
            throw new InvalidOperationException($"{CallbackName}: the monitoring direction is not resolved yet (call ResolveDirection first).");
        return higher ? current - MinDelta > r : current + MinDelta < r;
    }

    /// <summary>The monitored value from <paramref name="logs"/>, or null when absent, after warning with <paramref name="warning"/> of the available keys.</summary>
    private protected double? MonitorValue(IDictionary<string, double> logs, Func<string, string> warning)
    {
        if (logs.TryGetValue(Monitor, out double value)) return value;
        Output.Warn(warning(string.Join(",", logs.Keys)));
        return null;
    }
}
