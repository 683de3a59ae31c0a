using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using Layers;

namespace Layers.Benchmarks;

/// <summary>
/// The cost of the Tensor layer on element-wise ops: <c>Ops.Add</c> (same shape) and <c>Ops.Relu</c> on 10⁶
/// float32 against calling <c>TensorPrimitives</c> directly. An op returns a new tensor, so the fair peer writes
/// into a freshly allocated array (<c>new float[]</c>, the obvious C#, and <c>GC.AllocateUninitializedArray</c>,
/// which skips the zeroing our storage also skips); the preallocated-destination peer shows what the
/// allocation itself costs.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkDotNet.Configs.BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
[SimpleJob(warmupCount: 5, iterationCount: 20, invocationCount: 256)]
public class ElementwiseBenchmarks
{
    private const int N = 1_000_000;

    private Tensor _a = null!;
    private Tensor _b = null!;
    private float[] _x = null!;
    private float[] _y = null!;
    private float[] _destination = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _x = new float[N];
        _y = new float[N];
        for (int i = 0; i < N; i++)
        {
            _x[i] = (float)(random.NextDouble() * 2 - 1);
            _y[i] = (float)(random.NextDouble() * 2 - 1);
        }
        _a = Tensor.FromArray(_x);
        _b = Tensor.FromArray(_y);
        _destination = new float[N];
    }

    /// <summary>Storage-pool counters for the results file: how many large allocations were recycled.</summary>
    [GlobalCleanup]
    public void ReportPool() =>
        Console.WriteLine($"// StoragePool: {StoragePool.Hits} hits, {StoragePool.Misses} misses, {StoragePool.Collections} induced gen-2 collections");

    [Benchmark(Baseline = true), BenchmarkCategory("Add")]
    public float[] AddTensorPrimitivesNewArray()
    {
        var destination = new float[N];
        TensorPrimitives.Add(_x, _y, destination);
        return destination;
    }

    [Benchmark, BenchmarkCategory("Add")]
    public float[] AddTensorPrimitivesUninitialized()
    {
        var destination = GC.AllocateUninitializedArray<float>(N);
        TensorPrimitives.Add(_x, _y, destination);
        return destination;
    }

    [Benchmark, BenchmarkCategory("Add")]
    public float[] AddTensorPrimitivesPreallocated()
    {
        TensorPrimitives.Add(_x, _y, _destination);
        return _destination;
    }

    [Benchmark, BenchmarkCategory("Add")]
    public Tensor AddOps() => Ops.Add(_a, _b);

    /// <summary>TensorPrimitives.Sum accumulates in float (fast, but drifts on long runs); Ops.Sum accumulates in double.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("Sum")]
    public float SumTensorPrimitives() => TensorPrimitives.Sum(_x);

    [Benchmark, BenchmarkCategory("Sum")]
    public Tensor SumOps() => Ops.Sum(_a);

    [Benchmark(Baseline = true), BenchmarkCategory("Relu")]
    public float[] ReluTensorPrimitivesNewArray()
    {
        var destination = new float[N];
        TensorPrimitives.Max(_x, 0f, destination);
        return destination;
    }

    [Benchmark, BenchmarkCategory("Relu")]
    public float[] ReluTensorPrimitivesUninitialized()
    {
        var destination = GC.AllocateUninitializedArray<float>(N);
        TensorPrimitives.Max(_x, 0f, destination);
        return destination;
    }

    [Benchmark, BenchmarkCategory("Relu")]
    public float[] ReluTensorPrimitivesPreallocated()
    {
        TensorPrimitives.Max(_x, 0f, _destination);
        return _destination;
    }

    [Benchmark, BenchmarkCategory("Relu")]
    public Tensor ReluOps() => Ops.Relu(_a);
}
