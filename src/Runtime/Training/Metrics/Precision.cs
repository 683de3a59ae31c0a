namespace Layers;

/// <summary>
/// <c>TP / (TP + FP)</c> at each threshold (Keras' <c>metrics.Precision</c>): a prediction is positive when it exceeds
/// the threshold (default 0.5). With <see cref="ThresholdMetric.TopK"/> only the k largest predictions of each row can
/// be positive; with <see cref="ThresholdMetric.ClassId"/> only that class is scored.
/// </summary>
public sealed class Precision : ThresholdMetric
{
    /// <param name="thresholds">One threshold in [0, 1].</param>
    public Precision(double thresholds, int? topK = null, int? classId = null, string? name = null)
        : base("Precision", [thresholds], true, topK, classId, name)
    {
    }

    /// <param name="thresholds">Thresholds in [0, 1] (one result per threshold), or null for 0.5.</param>
    public Precision(IReadOnlyList<double>? thresholds = null, int? topK = null, int? classId = null, string? name = null)
        : base("Precision", thresholds, false, topK, classId, name)
    {
    }

    public override string ClassName => "Precision";

    private protected override double Ratio(double truePositives, double falsePositives, double falseNegatives) =>
        DivideNoNan(truePositives, truePositives + falsePositives);

    internal static Precision FromConfig(Config config)
    {
        var (thresholds, scalar) = ThresholdsFromConfig(config);
        int? topK = config.GetNullableInt32("top_k"), classId = config.GetNullableInt32("class_id");
        string? name = config.GetNullableString("name");
        return scalar ? new Precision(thresholds![0], topK, classId, name) : new Precision(thresholds, topK, classId, name);
    }
}
