namespace Layers;

/// <summary>Splits arrays along their first axis into batches, in order or in a seeded shuffled order.</summary>
internal sealed class Batches
{
    private readonly Tensor[] _arrays;
    private int[]? _order;

    public Batches(int batchSize, params Tensor?[] arrays)
    {
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "batch_size must be at least 1.");
        _arrays = arrays.Where(a => a is not null).ToArray()!;
        BatchSize = batchSize;
        Samples = _arrays[0].Rank == 0
            ? throw new ArgumentException($"Inputs must have a batch dimension; got a scalar.")
            : _arrays[0].Shape[0];
    }

    public int BatchSize { get; }

    public int Samples { get; }

    public int Count => (Samples + BatchSize - 1) / BatchSize;

    /// <summary>Uses a fresh permutation drawn from <paramref name="seeds"/> for the following batches.</summary>
    public void Shuffle(SeedGenerator seeds)
    {
        var order = new int[Samples];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        var random = Tensor.RandomUniform(new Shape(Samples), seeds, dtype: DType.Float64).AsReadOnlySpan<double>();
        // Fisher–Yates driven by the seeded uniform stream, so a seed fixes the order on every machine.
        for (int i = order.Length - 1; i > 0; i--)
        {
            int j = Math.Min((int)(random[i] * (i + 1)), i);
            (order[i], order[j]) = (order[j], order[i]);
        }
        _order = order;
    }

    /// <summary>Batch <paramref name="index"/> of each array, in the order the arrays were given.</summary>
    public Tensor[] Get(int index)
    {
        int start = index * BatchSize;
        int length = Math.Min(BatchSize, Samples - start);
        var result = new Tensor[_arrays.Length];
        if (_order is null)
        {
            for (int i = 0; i < result.Length; i++) result[i] = Ops.Slice(_arrays[i], 0, start, length);
        }
        else
        {
            var indices = Tensor.FromSpan<int>(_order.AsSpan(start, length), new Shape(length));
            for (int i = 0; i < result.Length; i++) result[i] = Ops.Gather(_arrays[i], indices, 0);
        }
        return result;
    }
}
