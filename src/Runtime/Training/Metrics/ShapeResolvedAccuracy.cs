namespace Layers;

/// <summary>
/// What Keras' <c>compile</c> makes of <c>metrics=["accuracy"]</c> (or <c>"acc"</c>): on the first update it becomes
/// <see cref="BinaryAccuracy"/> when the predictions' last axis is 1, <see cref="SparseCategoricalAccuracy"/> when the
/// labels have one axis fewer than the predictions or a last axis of 1 against more than one class, and
/// <see cref="CategoricalAccuracy"/> otherwise (Keras' <c>get_metric</c>), keeping this metric's name.
/// </summary>
public sealed class ShapeResolvedAccuracy(string name = "accuracy") : PredictionMetric(name)
{
    private readonly Lock _lock = new();
    private PredictionMetric? _resolved;

    /// <summary>The accuracy chosen on the first update; null before.</summary>
    public PredictionMetric? Resolved
    {
        get
        {
            lock (_lock) return _resolved;
        }
    }

    /// <summary>The chosen metric's Keras class name; <c>ShapeResolvedAccuracy</c> (not a Keras class) until the first update.</summary>
    public override string ClassName => Resolved?.ClassName ?? "ShapeResolvedAccuracy";

    public override void Update(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null)
    {
        ArgumentNullException.ThrowIfNull(yTrue);
        ArgumentNullException.ThrowIfNull(yPred);
        PredictionMetric metric;
        lock (_lock) metric = _resolved ??= Choose(yTrue.Shape, yPred.Shape, Name);
        metric.Update(yTrue, yPred, sampleWeight);
    }

    /// <summary>Keras' <c>is_binary_or_sparse_categorical</c>, binary first.</summary>
    internal static PredictionMetric Choose(Shape labels, Shape predictions, string name)
    {
        int predictionsLast = predictions.Rank == 0 ? 1 : predictions[-1];
        int labelsLast = labels.Rank == 0 ? 1 : labels[-1];
        if (predictionsLast == 1) return new BinaryAccuracy(name);
        if (labels.Rank < predictions.Rank || (labelsLast == 1 && predictionsLast > 1)) return new SparseCategoricalAccuracy(name);
        return new CategoricalAccuracy(name);
    }

    public override Tensor Result() => Resolved?.Result() ?? Tensor.Scalar(0f);

    public override void Reset() => Resolved?.Reset();

    public override Config GetConfig() => Resolved?.GetConfig() ?? base.GetConfig();
}
