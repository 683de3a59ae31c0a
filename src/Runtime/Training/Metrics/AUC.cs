using System.Text.Json.Nodes;

namespace Layers;

/// <summary>
/// The area under the ROC or precision-recall curve (Keras' <c>metrics.AUC</c>), by Keras' bucketed algorithm:
/// predictions are counted against <see cref="NumThresholds"/> thresholds (−1e-7, <c>i/(n−1)</c>…, 1 + 1e-7, or the
/// given ones) and the area is a Riemann sum over them, so results match Keras'. Counts are float64.
/// </summary>
public sealed class AUC : PredictionMetric
{
    private readonly Lock _lock = new();
    private readonly double[]? _initThresholds;
    private readonly double[]? _labelWeights;
    private readonly bool _evenly;
    private ConfusionCounts? _counts;

    /// <param name="numThresholds">Thresholds to discretize the curve with (&gt; 1); ignored when <paramref name="thresholds"/> is given.</param>
    /// <param name="name">Default: <c>auc</c>, made unique as Keras' <c>auto_name</c> does.</param>
    /// <param name="thresholds">Explicit thresholds in [0, 1]; −1e-7 and 1 + 1e-7 are added at the ends.</param>
    /// <param name="multiLabel">Compute one AUC per label (the last axis of (batch, labels) data) and average them, instead of flattening.</param>
    /// <param name="numLabels">The number of labels when <paramref name="multiLabel"/>; otherwise taken from the first update.</param>
    /// <param name="labelWeights">Per-label weights: of the label AUCs' average when multi-label, of the flattened predictions otherwise.</param>
    /// <param name="fromLogits">Apply a sigmoid to predictions first.</param>
    public AUC(int numThresholds = 200, AucCurve curve = AucCurve.ROC, AucSummationMethod summationMethod = AucSummationMethod.Interpolation,
        string? name = null, IReadOnlyList<double>? thresholds = null, bool multiLabel = false, int? numLabels = null,
        IReadOnlyList<double>? labelWeights = null, bool fromLogits = false)
        : base(name ?? LayerNames.AutoName("AUC"))
    {
        string owner = $"AUC '{Name}'";
        double[] inner;
        if (thresholds is not null)
        {
            inner = [.. thresholds.Order()];
            if (inner.Any(t => !double.IsFinite(t)))
                throw new ArgumentException($"{owner}: thresholds must be finite numbers; got {string.Join(", ", inner)}.", nameof(thresholds));
            _initThresholds = inner;
            NumThresholds = inner.Length + 2;
            _evenly = Layers.Thresholds.EvenlyDistributed([0.0, .. inner, 1.0]);
        }
        else
        {
            if (numThresholds <= 1)
                throw new ArgumentOutOfRangeException(nameof(numThresholds), numThresholds, $"{owner}: num_thresholds must be an integer > 1.");
            NumThresholds = numThresholds;
            inner = [.. Enumerable.Range(0, numThresholds - 2).Select(i => (i + 1) * 1.0 / (numThresholds - 1))];
            _evenly = true;
        }
        Thresholds = [-Layers.Thresholds.Epsilon, .. inner, 1 + Layers.Thresholds.Epsilon];
        Curve = curve;
        SummationMethod = summationMethod;
        MultiLabel = multiLabel;
        NumLabels = numLabels;
        if (numLabels is not null && !multiLabel)
            throw new ArgumentException($"{owner}: num_labels is needed only when multi_label is true.", nameof(numLabels));
        if (numLabels is <= 0) throw new ArgumentOutOfRangeException(nameof(numLabels), numLabels, $"{owner}: num_labels must be positive.");
        if (labelWeights is not null)
        {
            _labelWeights = [.. labelWeights];
            if (_labelWeights.Any(w => !(w >= 0)))
                throw new ArgumentException($"{owner}: label_weights must be non-negative; got {string.Join(", ", _labelWeights)}.", nameof(labelWeights));
        }
        FromLogits = fromLogits;
        if (!multiLabel) _counts = new ConfusionCounts(NumThresholds, 1);
        else if (numLabels is { } labels) _counts = new ConfusionCounts(NumThresholds, labels);
    }

    public int NumThresholds { get; }

    /// <summary>Every threshold, the end points −1e-7 and 1 + 1e-7 included.</summary>
    public IReadOnlyList<double> Thresholds { get; }

    public AucCurve Curve { get; }

    public AucSummationMethod SummationMethod { get; }

    public bool MultiLabel { get; }

    public int? NumLabels { get; }

    public IReadOnlyList<double>? LabelWeights => _labelWeights;

    public bool FromLogits { get; }

    public override string ClassName => "AUC";

    private string Description => $"AUC '{Name}'";

    public override void Update(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null)
    {
        ArgumentNullException.ThrowIfNull(yTrue);
        ArgumentNullException.ThrowIfNull(yPred);
        int labels;
        lock (_lock)
        {
            if (_counts is null)
            {
                if (yPred.Rank != 2)
                    throw new ArgumentException($"{Description}: with multi_label, predictions must have rank 2, (batch, labels); got shape {yPred.Shape}.");
                _counts = new ConfusionCounts(NumThresholds, yPred.Shape[1]);
            }
            labels = _counts.Labels;
        }
        Tensor predictions;
        using (GradientTape.NoGrad()) predictions = FromLogits ? Ops.Sigmoid(yPred) : yPred;
        var options = new ConfusionMatrix.Options([.. Thresholds], _evenly, MultiLabel: MultiLabel, LabelWeights: MultiLabel ? null : _labelWeights);
        var batch = ConfusionMatrix.Batch(yTrue, predictions, sampleWeight, options, labels, Description);
        lock (_lock) _counts.Add(batch);
    }

    public override Tensor Result()
    {
        lock (_lock)
        {
            if (_counts is null) return Tensor.Scalar(0f);
            var perLabel = Curve == AucCurve.PR && SummationMethod == AucSummationMethod.Interpolation
                ? AucArea.InterpolatedPrecisionRecall(_counts)
                : AucArea.Riemann(_counts, Curve, SummationMethod);
            return Tensor.Scalar((float)AucArea.Combine(perLabel, MultiLabel ? _labelWeights : null, MultiLabel));
        }
    }

    public override void Reset()
    {
        lock (_lock) _counts?.Clear();
    }

    public override Config GetConfig()
    {
        var config = base.GetConfig()
            .Set("num_thresholds", NumThresholds)
            .Set("curve", AucOptionNames.Name(Curve))
            .Set("summation_method", AucOptionNames.Name(SummationMethod))
            .Set("multi_label", MultiLabel)
            .Set("num_labels", NumLabels)
            .Set("label_weights", _labelWeights is null ? null : new JsonArray([.. _labelWeights.Select(w => (JsonNode)JsonValue.Create(w))]))
            .Set("from_logits", FromLogits);
        if (_initThresholds is not null)
            config.Set("thresholds", new JsonArray([.. _initThresholds.Select(t => (JsonNode)JsonValue.Create(t))]));
        return config;
    }

    internal static AUC FromConfig(Config config) => new(
        config.GetNullableInt32("num_thresholds") ?? 200,
        AucOptionNames.Curve(config.GetNullableString("curve") ?? "ROC"),
        AucOptionNames.Summation(config.GetNullableString("summation_method") ?? "interpolation"),
        config.GetNullableString("name"),
        Numbers(config, "thresholds"),
        config.GetNullableBoolean("multi_label") ?? false,
        config.GetNullableInt32("num_labels"),
        Numbers(config, "label_weights"),
        config.GetNullableBoolean("from_logits") ?? false);

    private static double[]? Numbers(Config config, string key) => config.GetNode(key) switch
    {
        null => null,
        JsonArray list => [.. list.Select(n => n is JsonValue v && v.TryGetValue(out double d) ? d : throw config.Invalid(key, "a list of numbers", list))],
        var other => throw config.Invalid(key, "a list of numbers or null", other),
    };
}
