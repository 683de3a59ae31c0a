namespace Layers;

/// <summary>
/// Whether a metric improves upward or downward, by its Keras default name. Keras 3 keeps this on each metric
/// (<c>metric._direction</c>) and <c>mode="auto"</c> reads it from the compiled metrics; this table stands in
/// for it until <see cref="Metric"/> exposes a direction. Unknown names have no direction, and
/// <c>mode="auto"</c> then asks for an explicit mode, as Keras does for custom metrics.
/// </summary>
internal static class MetricDirections
{
    private static readonly HashSet<string> Up = new(StringComparer.Ordinal)
    {
        "accuracy", "acc", "binary_accuracy", "categorical_accuracy", "sparse_categorical_accuracy",
        "top_k_categorical_accuracy", "sparse_top_k_categorical_accuracy",
        "auc", "precision", "recall", "precision_at_recall", "recall_at_precision",
        "sensitivity_at_specificity", "specificity_at_sensitivity",
        "f1_score", "fbeta_score", "r2_score", "cosine_similarity", "pearson_correlation", "concordance_correlation",
        "iou", "binary_iou", "mean_iou", "one_hot_iou", "one_hot_mean_iou",
    };

    private static readonly HashSet<string> Down = new(StringComparer.Ordinal)
    {
        "loss", "mean_squared_error", "mse", "mean_absolute_error", "mae", "mean_absolute_percentage_error", "mape",
        "mean_squared_logarithmic_error", "msle", "root_mean_squared_error", "logcosh", "log_cosh",
        "hinge", "squared_hinge", "categorical_hinge",
        "binary_crossentropy", "categorical_crossentropy", "sparse_categorical_crossentropy",
        "binary_focal_crossentropy", "categorical_focal_crossentropy",
        "kl_divergence", "kld", "kullback_leibler_divergence", "poisson", "huber", "huber_loss",
    };

    /// <summary>True when higher is better, false when lower is, null when unknown.</summary>
    public static bool? HigherIsBetter(string metricName) =>
        Up.Contains(metricName) ? true : Down.Contains(metricName) ? false : null;
}
