namespace Layers;

/// <summary>
/// A random orthogonal matrix (Keras' <c>Orthogonal</c>, Saxe et al. 2014): the Q of the QR decomposition
/// of a normal matrix, with signs fixed by R's diagonal so the result is uniformly distributed, times
/// <see cref="Gain"/>. Shapes of rank ≥ 2 are flattened to (product of leading dims, last dim).
/// </summary>
public sealed class Orthogonal(double gain = 1.0, long? seed = null) : RandomInitializer(seed)
{
    public double Gain { get; } = gain;

    public override string ClassName => "Orthogonal";

    public override Tensor Call(Shape shape, DType dtype)
    {
        if (shape.Rank < 2)
            throw new ArgumentException($"Orthogonal initializer needs a shape of rank 2 or more; got {shape}.", nameof(shape));
        int rows = 1;
        for (int i = 0; i < shape.Rank - 1; i++) rows *= shape[i];
        int cols = shape[-1];
        int tall = Math.Max(rows, cols), narrow = Math.Min(rows, cols);
        var a = Tensor.RandomNormal(new Shape(tall, narrow), 0, 1, EffectiveSeed, DType.Float64).ToArray<double>();
        var q = HouseholderQ(a, tall, narrow);
        var result = new double[rows * cols];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++)
                result[r * cols + c] = Gain * (rows >= cols ? q[r * narrow + c] : q[c * narrow + r]);
        return Ops.Cast(Tensor.FromSpan<double>(result, shape), dtype);
    }

    /// <summary>
    /// The thin Q (m×n, m ≥ n) of A = QR by Householder reflections in float64, with each column's sign
    /// chosen so that R's diagonal is positive (Keras multiplies Q by sign(diag(R))).
    /// </summary>
    private static double[] HouseholderQ(double[] a, int m, int n)
    {
        var r = (double[])a.Clone();
        var reflectors = new double[n][];
        for (int k = 0; k < n; k++)
        {
            var v = new double[m - k];
            double norm = 0;
            for (int i = k; i < m; i++)
            {
                v[i - k] = r[i * n + k];
                norm += v[i - k] * v[i - k];
            }
            norm = Math.Sqrt(norm);
            double alpha = v[0] >= 0 ? -norm : norm;
            v[0] -= alpha;
            double vNorm = 0;
            foreach (double x in v) vNorm += x * x;
            if (vNorm > 0)
            {
                for (int j = k; j < n; j++)
                {
                    double dot = 0;
                    for (int i = k; i < m; i++) dot += v[i - k] * r[i * n + j];
                    double f = 2 * dot / vNorm;
                    for (int i = k; i < m; i++) r[i * n + j] -= f * v[i - k];
                }
            }
            reflectors[k] = vNorm > 0 ? v : new double[m - k];
        }
        // Q = H0·H1·…·H(n-1) applied to the first n columns of the identity.
        var q = new double[m * n];
        for (int j = 0; j < n; j++) q[j * n + j] = 1;
        for (int k = n - 1; k >= 0; k--)
        {
            var v = reflectors[k];
            double vNorm = 0;
            foreach (double x in v) vNorm += x * x;
            if (vNorm == 0) continue;
            for (int j = 0; j < n; j++)
            {
                double dot = 0;
                for (int i = k; i < m; i++) dot += v[i - k] * q[i * n + j];
                double f = 2 * dot / vNorm;
                for (int i = k; i < m; i++) q[i * n + j] -= f * v[i - k];
            }
        }
        for (int j = 0; j < n; j++)
        {
            if (r[j * n + j] >= 0) continue;
            for (int i = 0; i < m; i++) q[i * n + j] = -q[i * n + j];
        }
        return q;
    }

    public override Config GetConfig() => new Config(ClassName).Set("gain", Gain).Set("seed", Seed);

    internal static Orthogonal FromConfig(Config c) => new(c.GetNullableDouble("gain") ?? 1.0, ReadSeed(c));
}

/// <summary>The identity matrix times <see cref="Gain"/> (Keras' <c>Identity</c>); 2-D shapes only (rectangular allowed).</summary>
public sealed class Identity(double gain = 1.0) : Initializer
{
    public double Gain { get; } = gain;

    public override string ClassName => "Identity";

    public override Tensor Call(Shape shape, DType dtype)
    {
        if (shape.Rank != 2)
            throw new ArgumentException($"Identity initializer needs a 2-D shape; got {shape}.", nameof(shape));
        var eye = Tensor.Eye(shape[0], shape[1], dtype: dtype);
        return Gain == 1.0 ? eye : Ops.Multiply(eye, Gain);
    }

    public override Config GetConfig() => new Config(ClassName).Set("gain", Gain);

    internal static Identity FromConfig(Config c) => new(c.GetNullableDouble("gain") ?? 1.0);
}
