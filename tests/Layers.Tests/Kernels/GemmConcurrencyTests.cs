namespace Layers.Tests.Kernels;

/// <summary>
/// Several threads multiplying at once contend for the single parallel worker: the one that gets it
/// splits its product, the others run alone. Every result must still be right, and nobody may hang.
/// </summary>
public class GemmConcurrencyTests
{
    [Fact]
    public void Concurrent_large_products_are_all_correct()
    {
        const int threads = 4;
        var failures = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        var workers = new Thread[threads];
        for (int t = 0; t < threads; t++)
        {
            int id = t;
            workers[t] = new Thread(() =>
            {
                try
                {
                    for (int round = 0; round < 3; round++)
                    {
                        var (ta, tb) = GemmTests.Transposes[(id + round) % 4];
                        // Alternate forced two-thread runs with automatic ones, in both precisions.
                        GemmTests.Check<float>(150 + id, 170 + round, 130, ta, tb, GemmPath.Auto, GemmStrategy.Packed, threads: 2, accumulate: false, seed: id * 10 + round);
                        GemmTests.Check<double>(97, 130 + id, 111, ta, tb, GemmPath.Auto, GemmStrategy.Auto, threads: 0, accumulate: round == 1, seed: id * 10 + round);
                    }
                }
                catch (Exception exception)
                {
                    failures.Enqueue(exception);
                }
            });
            workers[t].Start();
        }
        foreach (var worker in workers)
            Assert.True(worker.Join(TimeSpan.FromMinutes(2)), "A GEMM thread did not finish: the parallel worker hand-off deadlocked.");
        Assert.Empty(failures);
    }

    [Fact]
    public void Concurrent_batched_matmuls_are_all_correct()
    {
        // Stacks of products small enough to be shared across threads batch-wise.
        var a = Support.TestData.Tensor(1, new Shape(24, 40, 33), DType.Float64);
        var b = Support.TestData.Tensor(2, new Shape(24, 33, 29), DType.Float64);
        var expected = Ops.MatMul(a, b);
        using (GemmConfig.Override(threads: 1))
        {
            var single = Ops.MatMul(a, b);
            Assert.Equal(expected.ToArray<double>(), single.ToArray<double>());
        }
        var results = new Tensor[6];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = results.Length }, i => results[i] = Ops.MatMul(a, b));
        foreach (var result in results)
            Assert.Equal(expected.ToArray<double>(), result.ToArray<double>());
    }
}
