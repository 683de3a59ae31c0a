namespace Layers.Tests.Training;

/// <summary>
/// Keras 3's optimizer update rules as plain float64 loops over one variable, transcribed from
/// keras/src/optimizers/*.py (update_step) and base_optimizer.py (clipping, weight decay), independently of
/// the runtime's kernels. Slots are arrays in Keras' order; <c>t</c> is the 1-based step (<c>iterations + 1</c>).
/// </summary>
internal abstract class KerasReference
{
    /// <summary>Keras' slot names in order, and the value each starts from.</summary>
    public abstract (string Name, double Initial)[] Slots { get; }

    /// <summary>One update of <paramref name="w"/> in place.</summary>
    public abstract void Step(double[] w, double[] g, double lr, long t, double[][] slots);

    public sealed class Sgd(double momentum, bool nesterov) : KerasReference
    {
        public override (string, double)[] Slots => momentum == 0 ? [] : [("momentum", 0)];

        public override void Step(double[] w, double[] g, double lr, long t, double[][] slots)
        {
            for (int i = 0; i < w.Length; i++)
            {
                if (momentum == 0)
                {
                    w[i] -= g[i] * lr;
                    continue;
                }
                var m = slots[0];
                m[i] = m[i] * momentum - g[i] * lr;
                w[i] += nesterov ? m[i] * momentum - g[i] * lr : m[i];
            }
        }
    }

    public sealed class Adam(double beta1, double beta2, double epsilon, bool amsgrad) : KerasReference
    {
        public override (string, double)[] Slots =>
            amsgrad ? [("momentum", 0), ("velocity", 0), ("velocity_hat", 0)] : [("momentum", 0), ("velocity", 0)];

        public override void Step(double[] w, double[] g, double lr, long t, double[][] slots)
        {
            double alpha = lr * Math.Sqrt(1 - Math.Pow(beta2, t)) / (1 - Math.Pow(beta1, t));
            double[] m = slots[0], v = slots[1];
            for (int i = 0; i < w.Length; i++)
            {
                m[i] += (g[i] - m[i]) * (1 - beta1);
                v[i] += (g[i] * g[i] - v[i]) * (1 - beta2);
                double denominatorSquare = v[i];
                if (amsgrad)
                {
                    slots[2][i] = Math.Max(slots[2][i], v[i]);
                    denominatorSquare = slots[2][i];
                }
                w[i] -= m[i] * alpha / (Math.Sqrt(denominatorSquare) + epsilon);
            }
        }
    }

    public sealed class RmsProp(double rho, double momentum, double epsilon, bool centered) : KerasReference
    {
        public override (string, double)[] Slots =>
        [
            ("velocity", 0),
            .. momentum > 0 ? new[] { ("momentum", 0.0) } : [],
            .. centered ? new[] { ("average_gradient", 0.0) } : [],
        ];

        public override void Step(double[] w, double[] g, double lr, long t, double[][] slots)
        {
            double[] v = slots[0];
            for (int i = 0; i < w.Length; i++)
            {
                v[i] = rho * v[i] + (1 - rho) * (g[i] * g[i]);
                double denominator;
                if (centered)
                {
                    double[] a = slots[^1];
                    a[i] = rho * a[i] + (1 - rho) * g[i];
                    denominator = v[i] - a[i] * a[i] + epsilon;
                }
                else
                {
                    denominator = v[i] + epsilon;
                }
                double increment = lr * g[i] / Math.Sqrt(denominator);
                if (momentum > 0)
                {
                    slots[1][i] = momentum * slots[1][i] + increment;
                    w[i] -= slots[1][i];
                }
                else
                {
                    w[i] -= increment;
                }
            }
        }
    }

    public sealed class Adagrad(double initialAccumulatorValue, double epsilon) : KerasReference
    {
        public override (string, double)[] Slots => [("accumulator", initialAccumulatorValue)];

        public override void Step(double[] w, double[] g, double lr, long t, double[][] slots)
        {
            double[] accumulator = slots[0];
            for (int i = 0; i < w.Length; i++)
            {
                accumulator[i] += g[i] * g[i];
                w[i] -= lr * g[i] / Math.Sqrt(accumulator[i] + epsilon);
            }
        }
    }

    /// <summary>Keras' <c>_apply_weight_decay</c>: <c>w = w − w·wd·lr</c>.</summary>
    public static void WeightDecay(double[] w, double decay, double lr)
    {
        for (int i = 0; i < w.Length; i++) w[i] -= w[i] * decay * lr;
    }

    /// <summary>Keras' <c>_clip_by_norm</c>: <c>g·c / max(‖g‖, c)</c>.</summary>
    public static double[] ClipByNorm(double[] g, double clipnorm)
    {
        double norm = Math.Sqrt(g.Sum(x => x * x));
        return [.. g.Select(x => x * clipnorm / Math.Max(norm, clipnorm))];
    }

    /// <summary>Keras' <c>clip_by_global_norm</c>: every gradient times <c>c·min(1/‖all‖, 1/c)</c>.</summary>
    public static double[][] ClipByGlobalNorm(double[][] gradients, double clipnorm)
    {
        double norm = Math.Sqrt(gradients.Sum(g => g.Sum(x => x * x)));
        double scale = clipnorm * Math.Min(1 / norm, 1 / clipnorm);
        return [.. gradients.Select(g => g.Select(x => x * scale).ToArray())];
    }

    /// <summary>Keras' clipvalue: <c>clip(g, −c, c)</c>.</summary>
    public static double[] ClipByValue(double[] g, double clipvalue) => [.. g.Select(x => Math.Clamp(x, -clipvalue, clipvalue))];

    /// <summary>The learning rate Keras uses: its float32 variable's value.</summary>
    public static double Float32(double learningRate) => (float)learningRate;
}
