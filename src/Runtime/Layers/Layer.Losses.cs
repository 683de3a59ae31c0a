namespace Layers;

public abstract partial class Layer
{
    private readonly Lock _lossLock = new();
    private List<Tensor>? _callLosses;
    private List<Func<Tensor>>? _lazyLosses;
    private List<Metric>? _metrics;

    /// <summary>
    /// Adds a loss computed from this call's inputs (Keras' <c>add_loss</c>), for example an activity
    /// penalty. Such losses are cleared when the next outermost call starts. A model sums every entry of
    /// <see cref="Losses"/> into the loss it optimizes.
    /// </summary>
    public void AddLoss(Tensor loss)
    {
        ArgumentNullException.ThrowIfNull(loss);
        if (!loss.DType.IsFloating())
            throw new ArgumentException($"Layer '{Name}': AddLoss needs a floating-point tensor; got {loss.DType.Name()} with shape {loss.Shape}.", nameof(loss));
        lock (_lossLock) (_callLosses ??= []).Add(loss);
    }

    /// <summary>
    /// Adds a loss that depends on weights rather than inputs, as a zero-argument function (tf.keras'
    /// <c>add_loss(lambda: …)</c>). It is evaluated each time <see cref="Losses"/> is read and is never cleared.
    /// </summary>
    public void AddLoss(Func<Tensor> loss)
    {
        ArgumentNullException.ThrowIfNull(loss);
        lock (_lossLock) (_lazyLosses ??= []).Add(loss);
    }

    /// <summary>
    /// Every loss: this layer's <see cref="AddLoss(Tensor)"/> values and evaluated <see cref="AddLoss(Func{Tensor})"/>
    /// functions, every descendant's, then the regularization penalty of each trainable weight that has a
    /// regularizer (a frozen weight's is excluded). Computed on access.
    /// </summary>
    public IReadOnlyList<Tensor> Losses
    {
        get
        {
            var losses = new List<Tensor>();
            CollectAddedLosses(losses, new HashSet<Layer>(ReferenceEqualityComparer.Instance));
            foreach (var weight in TrainableWeights)
                if (weight.Regularizer is { } regularizer)
                    losses.Add(regularizer.Compute(weight.Value));
            return losses;
        }
    }

    private void CollectAddedLosses(List<Tensor> losses, HashSet<Layer> visited)
    {
        if (!visited.Add(this)) return;
        Func<Tensor>[] lazy;
        lock (_lossLock)
        {
            if (_callLosses is not null) losses.AddRange(_callLosses);
            lazy = _lazyLosses?.ToArray() ?? [];
        }
        foreach (var compute in lazy)
            losses.Add(compute() ?? throw new InvalidOperationException($"Layer '{Name}': a loss function passed to AddLoss returned null."));
        foreach (var layer in Layers) layer.CollectAddedLosses(losses, visited);
    }

    /// <summary>Clears the call losses of this layer and its descendants; done when an outermost call starts.</summary>
    private void ClearLosses()
    {
        if (_callLosses is { Count: > 0 })
            lock (_lossLock) _callLosses.Clear();
        foreach (var layer in Layers) layer.ClearLosses();
    }

    /// <summary>
    /// Records a named value aggregated by mean across calls (tf.keras' <c>add_metric</c>); a model reports
    /// it beside its compiled metrics.
    /// </summary>
    public void AddMetric(Tensor value, string name)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentException.ThrowIfNullOrEmpty(name);
        Mean metric;
        lock (_lossLock)
        {
            _metrics ??= [];
            metric = _metrics.OfType<Mean>().FirstOrDefault(m => m.Name == name) ?? AddMeanMetric(name);
        }
        metric.Update(value);
    }

    private Mean AddMeanMetric(string name)
    {
        var metric = new Mean(name);
        _metrics!.Add(metric);
        return metric;
    }

    /// <summary>The metrics added with <see cref="AddMetric"/> by this layer and its descendants, by name.</summary>
    public IReadOnlyList<Metric> Metrics
    {
        get
        {
            var metrics = new List<Metric>();
            CollectMetrics(metrics, new HashSet<Layer>(ReferenceEqualityComparer.Instance));
            return metrics;
        }
    }

    private protected virtual void CollectMetrics(List<Metric> metrics, HashSet<Layer> visited)
    {
        if (!visited.Add(this)) return;
        lock (_lossLock)
            if (_metrics is not null) metrics.AddRange(_metrics);
        foreach (var layer in Layers) layer.CollectMetrics(metrics, visited);
    }
}
