using System.Text.Json.Nodes;

namespace Layers;

/// <summary>
/// The shared body of <see cref="Precision"/> and <see cref="Recall"/>: Keras' <c>thresholds</c>, <c>top_k</c> and
/// <c>class_id</c> arguments, float64 confusion counts per threshold, and a ratio of two of them as the result.
/// </summary>
public abstract class ThresholdMetric : PredictionMetric
{
    private readonly Lock _lock = new();
    private readonly ConfusionMatrix.Options _options;
    private readonly ConfusionCounts _counts;
    private readonly IReadOnlyList<double>? _initThresholds;
    private readonly bool _initScalar;

    private protected ThresholdMetric(string className, IReadOnlyList<double>? thresholds, bool scalarThreshold, int? topK, int? classId, string? name)
        : base(name ?? LayerNames.AutoName(className))
    {
        string owner = $"{className} '{Name}'";
        if (topK is <= 0) throw new ArgumentOutOfRangeException(nameof(topK), topK, $"{owner}: top_k must be a positive number of predictions.");
        if (classId is < 0) throw new ArgumentOutOfRangeException(nameof(classId), classId, $"{owner}: class_id must be >= 0.");
        _initThresholds = thresholds is null ? null : Layers.Thresholds.Checked(thresholds, owner);
        _initScalar = scalarThreshold;
        TopK = topK;
        ClassId = classId;
        double[] used = _initThresholds is null ? [topK is null ? 0.5 : Layers.Thresholds.NegativeInfinity] : [.. _initThresholds];
        _options = new ConfusionMatrix.Options(used, Layers.Thresholds.EvenlyDistributed(used), topK, classId);
        _counts = new ConfusionCounts(used.Length, 1);
    }

    /// <summary>The thresholds in use (0.5 by default; −1e10 with <see cref="TopK"/> and no thresholds).</summary>
    public IReadOnlyList<double> Thresholds => _options.Thresholds;

    public int? TopK { get; }

    public int? ClassId { get; }

    private string Description => $"{ClassName} '{Name}'";

    public override void Update(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null)
    {
        var batch = ConfusionMatrix.Batch(yTrue, yPred, sampleWeight, _options, 1, Description);
        lock (_lock) _counts.Add(batch);
    }

    /// <summary>The metric at each threshold from the confusion counts: a scalar for one threshold, else one value per threshold.</summary>
    public override Tensor Result()
    {
        var values = new float[_options.Thresholds.Length];
        lock (_lock)
            for (int i = 0; i < values.Length; i++)
                values[i] = (float)Ratio(_counts.TruePositives[i], _counts.FalsePositives[i], _counts.FalseNegatives[i]);
        return values.Length == 1 ? Tensor.Scalar(values[0]) : Tensor.FromArray(values, values.Length);
    }

    /// <summary>The metric from one threshold's true positives, false positives and false negatives.</summary>
    private protected abstract double Ratio(double truePositives, double falsePositives, double falseNegatives);

    private protected static double DivideNoNan(double a, double b) => b == 0 ? 0 : a / b;

    public override void Reset()
    {
        lock (_lock) _counts.Clear();
    }

    /// <summary>Keras' config: <c>thresholds</c> as given (null, a number or a list), <c>top_k</c>, <c>class_id</c>.</summary>
    public override Config GetConfig()
    {
        JsonNode? thresholds = _initThresholds switch
        {
            null => null,
            _ when _initScalar => JsonValue.Create(_initThresholds[0]),
            _ => new JsonArray([.. _initThresholds.Select(t => (JsonNode)JsonValue.Create(t))]),
        };
        return base.GetConfig().Set("thresholds", thresholds).Set("top_k", TopK).Set("class_id", ClassId);
    }

    /// <summary>Reads <c>thresholds</c> (null, a number or a list) from a Keras config.</summary>
    private protected static (double[]? Values, bool Scalar) ThresholdsFromConfig(Config config) => config.GetNode("thresholds") switch
    {
        null => (null, false),
        JsonArray list => ([.. list.Select((n, i) => n is JsonValue v && v.TryGetValue(out double d) ? d
            : throw config.Invalid("thresholds", "a number or a list of numbers", config.GetNode("thresholds")))], false),
        _ => ([config.GetDouble("thresholds")], true),
    };
}
