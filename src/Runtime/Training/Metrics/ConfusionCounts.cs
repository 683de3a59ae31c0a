namespace Layers;

/// <summary>
/// True/false positive/negative totals per threshold (and per label for multi-label AUC), in float64: element
/// <c>[t·Labels + l]</c> of each array.
/// </summary>
internal sealed class ConfusionCounts(int thresholds, int labels)
{
    public int ThresholdCount { get; } = thresholds;

    public int Labels { get; } = labels;

    public double[] TruePositives { get; } = new double[thresholds * labels];

    public double[] FalsePositives { get; } = new double[thresholds * labels];

    public double[] TrueNegatives { get; } = new double[thresholds * labels];

    public double[] FalseNegatives { get; } = new double[thresholds * labels];

    public void Add(ConfusionCounts batch)
    {
        for (int i = 0; i < TruePositives.Length; i++)
        {
            TruePositives[i] += batch.TruePositives[i];
            FalsePositives[i] += batch.FalsePositives[i];
            TrueNegatives[i] += batch.TrueNegatives[i];
            FalseNegatives[i] += batch.FalseNegatives[i];
        }
    }

    public void Clear()
    {
        Array.Clear(TruePositives);
        Array.Clear(FalsePositives);
        Array.Clear(TrueNegatives);
        Array.Clear(FalseNegatives);
    }
}
