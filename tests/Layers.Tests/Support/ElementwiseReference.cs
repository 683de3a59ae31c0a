namespace Layers.Tests.Support;

/// <summary>
/// Scalar float64 references for the element-wise, reduction and softmax ops. They use textbook formulas and
/// different numerical routes from the runtime (C-library tanh/atanh identities for expm1/log1p, a 28-digit
/// decimal series for erf), so a shared mistake is unlikely.
/// </summary>
public static class ElementwiseReference
{
    public static double Sigmoid(double x) => x >= 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x));

    /// <summary>log(1 + x) = 2·atanh(x / (2 + x)), exact in relative terms for small x.</summary>
    public static double Log1p(double x) => 2 * Math.Atanh(x / (2 + x));

    /// <summary>exp(x) - 1 = 2·tanh(x/2) / (1 - tanh(x/2)).</summary>
    public static double Expm1(double x)
    {
        double t = Math.Tanh(x / 2);
        return 2 * t / (1 - t);
    }

    public static double Softplus(double x) => Math.Max(x, 0) + Log1p(Math.Exp(-Math.Abs(x)));

    public static double Silu(double x) => x * Sigmoid(x);

    public static double Elu(double x, double alpha) => x > 0 ? x : alpha * Expm1(x);

    /// <summary>0.5x(1 + tanh u); for u &lt; 0, 1 + tanh u is rewritten as 2e²ᵘ/(1 + e²ᵘ), which does not cancel.</summary>
    public static double GeluTanh(double x)
    {
        double u = Math.Sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x);
        double onePlusTanh = u >= 0 ? 1 + Math.Tanh(u) : 2 * Math.Exp(2 * u) / (1 + Math.Exp(2 * u));
        return 0.5 * x * onePlusTanh;
    }

    /// <summary>Exact GELU x·Φ(x), with Φ from the decimal erf series (valid for |x| ≤ 6).</summary>
    public static double Gelu(double x) => x * NormalCdf(x);

    /// <summary>Φ(x) = (1 + erf(x/√2)) / 2 evaluated in 28-digit decimal arithmetic; for |x| ≤ 6.</summary>
    public static double NormalCdf(double x)
    {
        if (Math.Abs(x) > 6) throw new ArgumentOutOfRangeException(nameof(x), "The decimal series is only accurate for |x| <= 6.");
        decimal z = (decimal)x / 1.4142135623730950488016887242m;
        decimal z2 = z * z;
        decimal term = z;
        decimal sum = z;
        for (int n = 1; n < 500; n++)
        {
            term = term * -z2 / n;
            decimal contribution = term / (2 * n + 1);
            sum += contribution;
            if (Math.Abs(contribution) < 1e-27m) break;
        }
        decimal erf = sum * 1.1283791670955125738961589031m;
        return (double)((1 + erf) / 2);
    }

    /// <summary>Sign with NaN kept and zeros kept.</summary>
    public static double Sign(double x) => x > 0 ? 1 : x < 0 ? -1 : x;

    /// <summary>Reduces <paramref name="values"/> of <paramref name="shape"/> over <paramref name="axes"/> with a fold on a list of the reduced values.</summary>
    public static double[] Reduce(double[] values, int[] shape, int[] axes, Func<List<double>, double> fold, out int[] keptShape)
    {
        int rank = shape.Length;
        var reduced = new bool[rank];
        foreach (int a in axes) reduced[(a % rank + rank) % rank] = true;
        keptShape = shape.Select((d, i) => reduced[i] ? 1 : d).ToArray();
        var groups = new List<double>[Reference.Size(keptShape)];
        for (int i = 0; i < groups.Length; i++) groups[i] = [];
        for (int flat = 0; flat < values.Length; flat++)
        {
            var index = Reference.Unravel(flat, shape);
            for (int i = 0; i < rank; i++)
                if (reduced[i]) index[i] = 0;
            int target = 0;
            for (int i = 0; i < rank; i++) target = target * keptShape[i] + index[i];
            groups[target].Add(values[flat]);
        }
        return groups.Select(fold).ToArray();
    }

    /// <summary>Softmax (or log-softmax) of every slice along <paramref name="axis"/>.</summary>
    public static double[] Softmax(double[] values, int[] shape, int axis, bool log)
    {
        int rank = shape.Length;
        axis = (axis % rank + rank) % rank;
        var result = new double[values.Length];
        int stride = 1;
        for (int i = axis + 1; i < rank; i++) stride *= shape[i];
        for (int flat = 0; flat < values.Length; flat++)
        {
            var index = Reference.Unravel(flat, shape);
            if (index[axis] != 0) continue;
            var slice = Enumerable.Range(0, shape[axis]).Select(k => values[flat + k * stride]).ToArray();
            double max = slice.Max();
            double sum = slice.Sum(v => Math.Exp(v - max));
            for (int k = 0; k < slice.Length; k++)
                result[flat + k * stride] = log ? slice[k] - max - Math.Log(sum) : Math.Exp(slice[k] - max) / sum;
        }
        return result;
    }

    /// <summary>Every subset of {0, …, rank-1}, including the empty one.</summary>
    public static IEnumerable<int[]> AxisSubsets(int rank)
    {
        for (int mask = 0; mask < 1 << rank; mask++)
            yield return Enumerable.Range(0, rank).Where(i => (mask & (1 << i)) != 0).ToArray();
    }
}
