namespace Layers;

/// <summary>A locked float64 total and count: the state of <see cref="Mean"/> and of every mean metric.</summary>
internal sealed class MeanState
{
    private readonly Lock _lock = new();
    private double _total;
    private double _count;

    public void Add(double total, double count)
    {
        lock (_lock)
        {
            _total += total;
            _count += count;
        }
    }

    /// <summary>total / count, 0 when nothing was counted (Keras' <c>divide_no_nan</c>).</summary>
    public Tensor Result()
    {
        lock (_lock) return Tensor.Scalar(_count == 0 ? 0f : (float)(_total / _count));
    }

    public void Reset()
    {
        lock (_lock) _total = _count = 0;
    }
}
