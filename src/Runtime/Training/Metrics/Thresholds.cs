namespace Layers;

/// <summary>Keras' threshold rules for the confusion-matrix metrics (<c>metrics_utils</c>).</summary>
internal static class Thresholds
{
    /// <summary>Keras' <c>NEG_INF</c>: the threshold of a top-k metric, so every kept prediction is positive.</summary>
    public const double NegativeInfinity = -1e10;

    /// <summary>Keras' fuzz factor, which widens AUC's end thresholds to below 0 and above 1.</summary>
    public const double Epsilon = 1e-7;

    /// <summary>Checks that every threshold is in [0, 1] (Keras' <c>assert_thresholds_range</c>).</summary>
    public static double[] Checked(IReadOnlyList<double> thresholds, string owner)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        if (thresholds.Count == 0) throw new ArgumentException($"{owner}: thresholds is empty; give at least one value in [0, 1].", nameof(thresholds));
        var invalid = thresholds.Where(t => !(t is >= 0 and <= 1)).ToArray();
        if (invalid.Length > 0)
            throw new ArgumentOutOfRangeException(nameof(thresholds), $"{owner}: threshold values must be in [0, 1]; got {string.Join(", ", invalid)}.");
        return [.. thresholds];
    }

    /// <summary>
    /// Keras' <c>is_evenly_distributed_thresholds</c>: at least 3 values matching <c>i/(n−1)</c> within 1e-7 (and NumPy's
    /// default relative tolerance) — then predictions can be bucketed instead of compared with every threshold.
    /// </summary>
    public static bool EvenlyDistributed(IReadOnlyList<double> thresholds)
    {
        int n = thresholds.Count;
        if (n < 3) return false;
        for (int i = 0; i < n; i++)
        {
            double even = (float)i / (n - 1);
            if (!(Math.Abs(thresholds[i] - even) <= Epsilon + 1e-5 * Math.Abs(even))) return false;
        }
        return true;
    }
}
