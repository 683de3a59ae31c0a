namespace Layers;

/// <summary>The weighted mean of every value seen (Keras' <c>Mean</c>), accumulated in float64.</summary>
public class Mean(string name = "mean") : Metric(name)
{
    private readonly Lock _lock = new();
    private double _total;
    private double _count;

    /// <summary>Adds every element of <paramref name="values"/>, each weighted by <paramref name="sampleWeight"/> (broadcast) or 1.</summary>
    public void Update(Tensor values, Tensor? sampleWeight = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        double total = 0, count = 0;
        if (sampleWeight is null)
        {
            for (int i = 0; i < values.Size; i++) total += values.GetAsDouble(i);
            count = values.Size;
        }
        else
        {
            Tensor weights;
            using (GradientTape.NoGrad())
                weights = Ops.Add(Tensor.ZerosLike(Ops.Cast(values, DType.Float64)), Ops.Cast(sampleWeight, DType.Float64));
            for (int i = 0; i < values.Size; i++)
            {
                double w = weights.GetAsDouble(i);
                total += values.GetAsDouble(i) * w;
                count += w;
            }
        }
        lock (_lock)
        {
            _total += total;
            _count += count;
        }
    }

    public override Tensor Result()
    {
        lock (_lock) return Tensor.Scalar(_count == 0 ? 0f : (float)(_total / _count));
    }

    public override void Reset()
    {
        lock (_lock) _total = _count = 0;
    }
}
