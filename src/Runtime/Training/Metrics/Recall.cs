namespace Layers;

/// <summary>
/// <c>TP / (TP + FN)</c> at each threshold (Keras' <c>metrics.Recall</c>): a prediction is positive when it exceeds
/// the threshold (default 0.5). <see cref="ThresholdMetric.TopK"/> and <see cref="ThresholdMetric.ClassId"/> work as in
/// <see cref="Precision"/>.
/// </summary>
public sealed class Recall : ThresholdMetric
{
    /// <param name="thresholds">One threshold in [0, 1].</param>
    public Recall(double thresholds, int? topK = null, int? classId = null, string? name = null)
        : base("Recall", [thresholds], true, topK, classId, name)
    {
    }

    /// <param name="thresholds">Thresholds in [0, 1] (one result per threshold), or null for 0.5.</param>
    public Recall(IReadOnlyList<double>? thresholds = null, int? topK = null, int? classId = null, string? name = null)
        : base("Recall", thresholds, false, topK, classId, name)
    {
    }

    public override string ClassName => "Recall";

    private protected override double Ratio(double truePositives, double falsePositives, double falseNegatives) =>
        DivideNoNan(truePositives, truePositives + falseNegatives);

    internal static Recall FromConfig(Config config)
    {
        var (thresholds, scalar) = ThresholdsFromConfig(config);
        int? topK = config.GetNullableInt32("top_k"), classId = config.GetNullableInt32("class_id");
        string? name = config.GetNullableString("name");
        return scalar ? new Recall(thresholds![0], topK, classId, name) : new Recall(thresholds, topK, classId, name);
    }
}
