namespace Layers;

/// <summary>The check every cross-entropy with Keras' <c>label_smoothing</c> applies to it.</summary>
internal static class LabelSmoothing
{
    public static double Check(double value, string owner) =>
        double.IsFinite(value) && value is >= 0 and <= 1
            ? value
            : throw new ArgumentOutOfRangeException("labelSmoothing", value, $"{owner}: label_smoothing must be in [0, 1] (0 disables it).");
}
