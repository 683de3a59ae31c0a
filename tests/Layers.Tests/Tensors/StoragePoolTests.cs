using System.Runtime.CompilerServices;

namespace Layers.Tests.Tensors;

/// <summary>Large tensor storage is recycled, but only once nothing can observe it.</summary>
public class StoragePoolTests
{
    private const int Large = 300_000;

    private static void CollectGarbage()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Span<float> SpanOfDroppedTensor(float value)
    {
        var tensor = Tensor.Full(new Shape(Large), value);
        return tensor.AsMutableSpan<float>();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Churn(float value, int count)
    {
        for (int i = 0; i < count; i++) GC.KeepAlive(Tensor.Full(new Shape(Large), value));
    }

    [Fact]
    public void Storage_is_recycled_after_its_tensor_is_garbage()
    {
        long hits = StoragePool.Hits;
        for (int round = 0; round < 4; round++)
        {
            Churn(round, 8);
            CollectGarbage();
        }
        Assert.True(StoragePool.Hits > hits, "large storage freed by the GC should be rented again");
    }

    [Fact]
    public void A_span_into_a_dropped_tensor_keeps_its_storage_out_of_the_pool()
    {
        var span = SpanOfDroppedTensor(3f);
        for (int round = 0; round < 4; round++)
        {
            CollectGarbage();
            Churn(-1f, 8);
        }
        foreach (float v in span) Assert.Equal(3f, v);
    }

    [Fact]
    public void Live_tensors_are_never_recycled()
    {
        var kept = Enumerable.Range(0, 6).Select(i => Tensor.Full(new Shape(Large + i * 1000), i)).ToList();
        for (int round = 0; round < 4; round++)
        {
            Churn(-7f, 10);
            CollectGarbage();
            Churn(-9f, 10);
        }
        for (int i = 0; i < kept.Count; i++)
            Assert.All(kept[i].ToArray<float>(), v => Assert.Equal(i, v));
    }

    [Fact]
    public void Recycled_storage_is_cleared_when_zeros_are_asked_for()
    {
        for (int round = 0; round < 3; round++)
        {
            Churn(5f, 8);
            CollectGarbage();
            var zeros = Tensor.Zeros(new Shape(Large));
            Assert.All(zeros.ToArray<float>(), v => Assert.Equal(0f, v));
        }
    }

    [Fact]
    public void Op_results_keep_value_semantics_under_recycling()
    {
        var x = Tensor.Full(new Shape(Large), 2f);
        var results = new List<Tensor>();
        for (int i = 0; i < 20; i++)
        {
            results.Add(Ops.Multiply(x, i));
            Churn(i, 2);
            if (i % 5 == 0) CollectGarbage();
        }
        for (int i = 0; i < results.Count; i++)
            Assert.All(results[i].ToArray<float>(), v => Assert.Equal(2f * i, v));
    }
}
