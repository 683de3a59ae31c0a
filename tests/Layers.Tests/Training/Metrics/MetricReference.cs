namespace Layers.Tests.Training.Metrics;

/// <summary>
/// Float64 references for the metrics, written from Keras' documented formulas with plain loops; nothing here
/// calls the runtime.
/// </summary>
internal static class MetricReference
{
    public static double WeightedMean(double[] values, double[]? weights)
    {
        double total = 0, count = 0;
        for (int i = 0; i < values.Length; i++)
        {
            double w = weights?[i] ?? 1;
            total += values[i] * w;
            count += w;
        }
        return count == 0 ? 0 : total / count;
    }

    public static int ArgMax(double[] values, int row, int cols)
    {
        int best = 0;
        for (int c = 1; c < cols; c++)
            if (values[row * cols + c] > values[row * cols + best]) best = c;
        return best;
    }

    /// <summary>AUC's thresholds: −1e-7, i/(n−1) for i = 1…n−2, 1 + 1e-7.</summary>
    public static double[] AucThresholds(int n)
    {
        var thresholds = new double[n];
        thresholds[0] = -1e-7;
        for (int i = 1; i < n - 1; i++) thresholds[i] = (double)i / (n - 1);
        thresholds[n - 1] = 1 + 1e-7;
        return thresholds;
    }

    /// <summary>Weighted confusion counts at each threshold: positive prediction when p &gt; threshold.</summary>
    public static (double[] Tp, double[] Fp, double[] Tn, double[] Fn) Counts(double[] predictions, bool[] labels, double[] weights, double[] thresholds)
    {
        int n = thresholds.Length;
        double[] tp = new double[n], fp = new double[n], tn = new double[n], fn = new double[n];
        for (int t = 0; t < n; t++)
            for (int i = 0; i < predictions.Length; i++)
            {
                bool predicted = predictions[i] > thresholds[t];
                if (labels[i] && predicted) tp[t] += weights[i];
                else if (labels[i]) fn[t] += weights[i];
                else if (predicted) fp[t] += weights[i];
                else tn[t] += weights[i];
            }
        return (tp, fp, tn, fn);
    }

    private static double Ratio(double a, double b) => b == 0 ? 0 : a / b;

    /// <summary>Trapezoid rule over the ROC points (false-positive rate, recall).</summary>
    public static double RocAuc(double[] tp, double[] fp, double[] tn, double[] fn)
    {
        double area = 0;
        for (int i = 0; i < tp.Length - 1; i++)
        {
            double x0 = Ratio(fp[i], fp[i] + tn[i]), x1 = Ratio(fp[i + 1], fp[i + 1] + tn[i + 1]);
            double y0 = Ratio(tp[i], tp[i] + fn[i]), y1 = Ratio(tp[i + 1], tp[i + 1] + fn[i + 1]);
            area += (x0 - x1) * (y0 + y1) / 2;
        }
        return area;
    }

    /// <summary>Left/right Riemann sums over the PR points (recall, precision): the lower (minoring) or higher (majoring) height.</summary>
    public static double PrAucBound(double[] tp, double[] fp, double[] fn, bool majoring)
    {
        double area = 0;
        for (int i = 0; i < tp.Length - 1; i++)
        {
            double x0 = Ratio(tp[i], tp[i] + fn[i]), x1 = Ratio(tp[i + 1], tp[i + 1] + fn[i + 1]);
            double y0 = Ratio(tp[i], tp[i] + fp[i]), y1 = Ratio(tp[i + 1], tp[i + 1] + fp[i + 1]);
            area += (x0 - x1) * (majoring ? Math.Max(y0, y1) : Math.Min(y0, y1));
        }
        return area;
    }

    /// <summary>
    /// Davis &amp; Goadrich's interpolation as Keras documents it: in each interval [A, B] TP and P = TP + FP are linear,
    /// precision = (TP_A + slope·(P − P_A))/P, and the area is slope·(ΔTP + intercept·log(P_A/P_B)) / total positives,
    /// intercept = TP_B − slope·P_B; with P_B = 0 the log term is dropped.
    /// </summary>
    public static double PrAucInterpolated(double[] tp, double[] fp, double[] fn)
    {
        double area = 0;
        for (int i = 0; i < tp.Length - 1; i++)
        {
            double pA = tp[i] + fp[i], pB = tp[i + 1] + fp[i + 1];
            double dTp = tp[i] - tp[i + 1], dP = pA - pB;
            double slope = dP <= 0 ? 0 : dTp / dP;
            double intercept = tp[i + 1] - slope * pB;
            double log = pA > 0 && pB > 0 ? Math.Log(pA / pB) : 0;
            double positives = tp[i + 1] + fn[i + 1];
            area += positives <= 0 ? 0 : slope * (dTp + intercept * log) / positives;
        }
        return area;
    }

    /// <summary>The exact ROC AUC: the weighted share of (positive, negative) pairs ranked correctly, ties counting one half.</summary>
    public static double RankStatistic(double[] predictions, bool[] labels, double[] weights)
    {
        double correct = 0, pairs = 0;
        for (int i = 0; i < predictions.Length; i++)
        {
            if (!labels[i]) continue;
            for (int j = 0; j < predictions.Length; j++)
            {
                if (labels[j]) continue;
                double w = weights[i] * weights[j];
                pairs += w;
                correct += predictions[i] > predictions[j] ? w : predictions[i] == predictions[j] ? w / 2 : 0;
            }
        }
        return correct / pairs;
    }
}
