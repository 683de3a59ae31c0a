namespace Layers;

/// <summary>
/// A layer that trains (Keras' <c>Model</c>): <see cref="Compile"/> it with an optimizer, a loss and
/// metrics, then <c>Fit</c>, <c>Evaluate</c>, <c>Predict</c>, or step by hand with <c>TrainOnBatch</c>.
/// Subclass it like any layer (a <c>partial</c> class with <c>[SubLayer]</c> members and a <c>Call</c>),
/// or use <see cref="Sequential"/>. Losses added with <c>AddLoss</c> and weight regularizers are part of
/// the optimized loss.
/// </summary>
public abstract partial class Model : Layer
{
    private readonly Mean _lossTracker = new("loss");
    private PredictionMetric[] _compiledMetrics = [];

    protected Model(string? name = null, DTypePolicy? dtype = null, bool trainable = true)
        : base(name, dtype, trainable)
    {
    }

    /// <summary>The optimizer given to <see cref="Compile"/>; null before.</summary>
    public Optimizer? Optimizer { get; private set; }

    /// <summary>The loss given to <see cref="Compile"/>; null before.</summary>
    public Loss? Loss { get; private set; }

    /// <summary>The metrics given to <see cref="Compile"/>, in order.</summary>
    public IReadOnlyList<Metric> CompiledMetrics => _compiledMetrics;

    /// <summary>True once <see cref="Compile"/> ran.</summary>
    public bool Compiled => Optimizer is not null;

    /// <summary>Set by a callback (EarlyStopping) to end <c>Fit</c> after the current epoch.</summary>
    public bool StopTraining { get; set; }

    /// <summary>
    /// Configures training (Keras' <c>compile</c>). Strings convert: <c>Compile("adam", "sparse_categorical_crossentropy", ["accuracy"])</c>.
    /// </summary>
    public void Compile(Optimizer optimizer, Loss loss, IReadOnlyList<Metric>? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(loss);
        var compiled = new List<PredictionMetric>();
        foreach (var metric in metrics ?? [])
        {
            compiled.Add(metric as PredictionMetric ?? throw new ArgumentException(
                $"Model '{Name}': metric '{metric?.Name}' ({metric?.GetType().Name}) cannot be compiled because it is not updated from (y_true, y_pred); " +
                "compile metrics such as \"accuracy\", \"mae\" or a PredictionMetric.", nameof(metrics)));
        }
        if (compiled.Select(m => m.Name).Append("loss").GroupBy(n => n).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
            throw new ArgumentException($"Model '{Name}': two compiled metrics are named '{duplicate.Key}'.", nameof(metrics));
        Optimizer = optimizer;
        Loss = loss;
        _compiledMetrics = [.. compiled];
    }

    /// <summary>Resets the loss tracker and every compiled metric (done at the start of each epoch and evaluation).</summary>
    public void ResetMetrics()
    {
        _lossTracker.Reset();
        foreach (var metric in _compiledMetrics) metric.Reset();
        foreach (var metric in Metrics) metric.Reset();
    }

    /// <summary>The current value of every tracked metric: <c>loss</c>, compiled metrics, then metrics added with <c>AddMetric</c>.</summary>
    internal Dictionary<string, double> MetricResults()
    {
        var results = new Dictionary<string, double>(StringComparer.Ordinal);
        AddResult(results, _lossTracker);
        foreach (var metric in _compiledMetrics) AddResult(results, metric);
        foreach (var metric in Metrics) AddResult(results, metric);
        return results;
    }

    /// <summary>A scalar result under the metric's name; a vector one (Precision at several thresholds) as <c>name_0</c>, <c>name_1</c>….</summary>
    private static void AddResult(Dictionary<string, double> results, Metric metric)
    {
        var value = metric.Result();
        if (value.Size == 1)
        {
            results[metric.Name] = value.GetAsDouble(0);
            return;
        }
        for (int i = 0; i < value.Size; i++) results[$"{metric.Name}_{i}"] = value.GetAsDouble(i);
    }

    private void RequireCompiled(string method)
    {
        if (!Compiled)
            throw new InvalidOperationException(
                $"You must call Compile() on model '{Name}' before {method}, e.g. model.Compile(\"adam\", \"mse\").");
    }

    /// <summary>
    /// The loss to minimize for one batch: the compiled loss plus every entry of <see cref="Layer.Losses"/>
    /// (added losses and weight regularizers), each summed to a scalar.
    /// </summary>
    protected virtual Tensor ComputeLoss(Tensor y, Tensor yPred, Tensor? sampleWeight)
    {
        var loss = Loss!.Compute(y, yPred, sampleWeight);
        foreach (var extra in Losses)
            loss = Ops.Add(loss, extra.Rank == 0 ? extra : Ops.Sum(extra));
        return loss;
    }

    /// <summary>One optimization step (Keras' <c>train_step</c>): forward under a tape, loss, gradients, update, metrics.</summary>
    protected virtual Dictionary<string, double> TrainStep(Tensor x, Tensor y, Tensor? sampleWeight)
    {
        Tensor loss, yPred;
        var variables = TrainableWeights;
        Tensor?[] gradients;
        using (var tape = new GradientTape())
        {
            yPred = Apply(x, training: true);
            loss = ComputeLoss(y, yPred, sampleWeight);
            gradients = tape.Gradient(loss, variables, UnconnectedGradients.None);
        }
        Optimizer!.ApplyGradients(gradients, variables);
        UpdateMetrics(loss, y, yPred, sampleWeight, x.Shape[0]);
        return MetricResults();
    }

    /// <summary>One evaluation step (Keras' <c>test_step</c>).</summary>
    protected virtual Dictionary<string, double> TestStep(Tensor x, Tensor y, Tensor? sampleWeight)
    {
        using var _ = GradientTape.NoGrad();
        var yPred = Apply(x, training: false);
        var loss = ComputeLoss(y, yPred, sampleWeight);
        UpdateMetrics(loss, y, yPred, sampleWeight, x.Shape[0]);
        return MetricResults();
    }

    /// <summary>One prediction step (Keras' <c>predict_step</c>).</summary>
    protected virtual Tensor PredictStep(Tensor x)
    {
        using var _ = GradientTape.NoGrad();
        return Apply(x, training: false);
    }

    private void UpdateMetrics(Tensor loss, Tensor y, Tensor yPred, Tensor? sampleWeight, int batchSize)
    {
        using var _ = GradientTape.NoGrad();
        _lossTracker.Update(loss, Tensor.Scalar((float)batchSize));
        // As Keras 3: sample weights weight the loss; compiled metrics are unweighted (Keras' weighted_metrics are not supported).
        foreach (var metric in _compiledMetrics) metric.Update(y, yPred);
    }
}
