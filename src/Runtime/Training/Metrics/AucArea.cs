namespace Layers;

/// <summary>Keras' AUC formulas (<c>AUC.result</c>, <c>AUC.interpolate_pr_auc</c>) over float64 confusion counts, per label.</summary>
internal static class AucArea
{
    /// <summary>Σ over adjacent thresholds of (x[i] − x[i+1]) × height, for the ROC, PR or PR-gain curve.</summary>
    public static double[] Riemann(ConfusionCounts c, AucCurve curve, AucSummationMethod method)
    {
        int T = c.ThresholdCount, L = c.Labels;
        var areas = new double[L];
        for (int label = 0; label < L; label++)
        {
            var x = new double[T];
            var y = new double[T];
            for (int t = 0; t < T; t++)
            {
                int i = t * L + label;
                double tp = c.TruePositives[i], fp = c.FalsePositives[i], tn = c.TrueNegatives[i], fn = c.FalseNegatives[i];
                double recall = DivideNoNan(tp, tp + fn);
                switch (curve)
                {
                    case AucCurve.ROC:
                        x[t] = DivideNoNan(fp, fp + tn);
                        y[t] = recall;
                        break;
                    case AucCurve.PR:
                        x[t] = recall;
                        y[t] = DivideNoNan(tp, tp + fp);
                        break;
                    default:
                        // Keras' PR-gain with its fixes: no true positives give recall gain 0 and precision gain 1;
                        // a negative recall gain is raised to 0.
                        double scaling = DivideNoNan(tp + fn, tn + fp);
                        double recallGain = tp == 0 ? 0 : 1 - scaling * DivideNoNan(fn, tp);
                        double precisionGain = tp == 0 ? 1 : 1 - scaling * DivideNoNan(fp, tp);
                        x[t] = Math.Max(recallGain, 0);
                        y[t] = precisionGain;
                        break;
                }
            }
            double area = 0;
            for (int t = 0; t < T - 1; t++)
            {
                double height = method switch
                {
                    AucSummationMethod.Minoring => Math.Min(y[t], y[t + 1]),
                    AucSummationMethod.Majoring => Math.Max(y[t], y[t + 1]),
                    _ => (y[t] + y[t + 1]) / 2,
                };
                area += (x[t] - x[t + 1]) * height;
            }
            areas[label] = area;
        }
        return areas;
    }

    /// <summary>
    /// Davis &amp; Goadrich's PR interpolation in Keras' closed form: within each interval TP and P = TP + FP vary
    /// linearly, giving <c>slope·(ΔTP + intercept·log(P_A / P_B)) / (TP_B + FN_B)</c>.
    /// </summary>
    public static double[] InterpolatedPrecisionRecall(ConfusionCounts c)
    {
        int T = c.ThresholdCount, L = c.Labels;
        var areas = new double[L];
        for (int label = 0; label < L; label++)
        {
            double area = 0;
            for (int t = 0; t < T - 1; t++)
            {
                int a = t * L + label, b = (t + 1) * L + label;
                double dtp = c.TruePositives[a] - c.TruePositives[b];
                double pa = c.TruePositives[a] + c.FalsePositives[a];
                double pb = c.TruePositives[b] + c.FalsePositives[b];
                double slope = DivideNoNan(dtp, Math.Max(pa - pb, 0));
                double intercept = c.TruePositives[b] - slope * pb;
                double ratio = pa > 0 && pb > 0 ? DivideNoNan(pa, Math.Max(pb, 0)) : 1;
                area += DivideNoNan(slope * (dtp + intercept * Math.Log(ratio)), Math.Max(c.TruePositives[b] + c.FalseNegatives[b], 0));
            }
            areas[label] = area;
        }
        return areas;
    }

    /// <summary>One label's area as it is; several averaged, or weighted by <paramref name="labelWeights"/>.</summary>
    public static double Combine(double[] perLabel, double[]? labelWeights, bool multiLabel)
    {
        if (!multiLabel) return perLabel[0];
        if (labelWeights is null) return perLabel.Average();
        if (labelWeights.Length != perLabel.Length)
            throw new InvalidOperationException($"AUC: {labelWeights.Length} label_weights for {perLabel.Length} labels; expected one per label.");
        double weighted = 0;
        for (int i = 0; i < perLabel.Length; i++) weighted += perLabel[i] * labelWeights[i];
        return DivideNoNan(weighted, labelWeights.Sum());
    }

    private static double DivideNoNan(double a, double b) => b == 0 ? 0 : a / b;
}
