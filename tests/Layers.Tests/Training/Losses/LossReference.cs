namespace Layers.Tests.Training.Losses;

/// <summary>
/// Float64 scalar references for the losses, written from the formulas in Keras' documentation with plain loops
/// over (rows, classes) row-major data. Nothing here calls the runtime.
/// </summary>
internal static class LossReference
{
    public const double Epsilon = 1e-7;

    public static double[] Mse(double[] t, double[] p, int rows, int cols) =>
        PerRow(rows, cols, (r, c) => Math.Pow(t[r * cols + c] - p[r * cols + c], 2));

    public static double[] Mae(double[] t, double[] p, int rows, int cols) =>
        PerRow(rows, cols, (r, c) => Math.Abs(t[r * cols + c] - p[r * cols + c]));

    public static double[] Huber(double[] t, double[] p, int rows, int cols, double delta) => PerRow(rows, cols, (r, c) =>
    {
        double e = Math.Abs(p[r * cols + c] - t[r * cols + c]);
        return e <= delta ? 0.5 * e * e : delta * e - 0.5 * delta * delta;
    });

    /// <summary>Binary cross-entropy per element, averaged over each row.</summary>
    public static double[] Bce(double[] t, double[] p, int rows, int cols, bool fromLogits, double smoothing = 0) => PerRow(rows, cols, (r, c) =>
    {
        double label = t[r * cols + c] * (1 - smoothing) + 0.5 * smoothing;
        double x = p[r * cols + c];
        if (fromLogits)
        {
            // log(1 + e^x) − x·t, with the exponent kept non-positive.
            double softplus = x > 0 ? x + Log1p(Math.Exp(-x)) : Log1p(Math.Exp(x));
            return softplus - x * label;
        }
        double q = Math.Clamp(x, Epsilon, 1 - Epsilon);
        return -(label * Math.Log(q) + (1 - label) * Math.Log(1 - q));
    });

    /// <summary>Categorical cross-entropy of each row; labels smoothed to t·(1 − s) + s/cols.</summary>
    public static double[] Cce(double[] t, double[] p, int rows, int cols, bool fromLogits, double smoothing = 0)
    {
        var result = new double[rows];
        for (int r = 0; r < rows; r++)
        {
            var logProbabilities = LogProbabilities(p, r, cols, fromLogits);
            double sum = 0;
            for (int c = 0; c < cols; c++)
                sum -= (t[r * cols + c] * (1 - smoothing) + smoothing / cols) * logProbabilities[c];
            result[r] = sum;
        }
        return result;
    }

    /// <summary>Sparse cross-entropy of each row against its class id; rows whose id equals <paramref name="ignore"/> give 0.</summary>
    public static double[] Sparse(long[] ids, double[] p, int cols, bool fromLogits, long? ignore = null)
    {
        var result = new double[ids.Length];
        for (int r = 0; r < ids.Length; r++)
            result[r] = ids[r] == ignore ? 0 : -LogProbabilities(p, r, cols, fromLogits)[ids[r]];
        return result;
    }

    /// <summary>Log-softmax by the max-shift (logits), or log of the normalized, clipped row (probabilities).</summary>
    public static double[] LogProbabilities(double[] p, int r, int cols, bool fromLogits)
    {
        var row = new double[cols];
        if (fromLogits)
        {
            double max = double.NegativeInfinity;
            for (int c = 0; c < cols; c++) max = Math.Max(max, p[r * cols + c]);
            double sum = 0;
            for (int c = 0; c < cols; c++) sum += Math.Exp(p[r * cols + c] - max);
            for (int c = 0; c < cols; c++) row[c] = (p[r * cols + c] - max) - Math.Log(sum);
            return row;
        }
        double total = 0;
        for (int c = 0; c < cols; c++) total += p[r * cols + c];
        for (int c = 0; c < cols; c++) row[c] = Math.Log(Math.Clamp(p[r * cols + c] / total, Epsilon, 1 - Epsilon));
        return row;
    }

    /// <summary>Keras' reductions of per-sample values with one weight per value (or none).</summary>
    public static double Reduce(double[] values, double[]? weights, LossReduction reduction)
    {
        double total = 0, weightSum = 0;
        for (int i = 0; i < values.Length; i++)
        {
            double w = weights?[i] ?? 1;
            total += values[i] * w;
            weightSum += w;
        }
        return reduction switch
        {
            LossReduction.Sum => total,
            LossReduction.MeanWithSampleWeight when weights is not null => weightSum == 0 ? 0 : total / weightSum,
            _ => values.Length == 0 ? 0 : total / values.Length,
        };
    }

    /// <summary>log(1 + x) keeping relative precision for tiny x.</summary>
    public static double Log1p(double x) => Math.Abs(x) < 1e-4 ? x - x * x / 2 + x * x * x / 3 - x * x * x * x / 4 : Math.Log(1 + x);

    private static double[] PerRow(int rows, int cols, Func<int, int, double> element)
    {
        var result = new double[rows];
        for (int r = 0; r < rows; r++)
        {
            double sum = 0;
            for (int c = 0; c < cols; c++) sum += element(r, c);
            result[r] = sum / cols;
        }
        return result;
    }
}
