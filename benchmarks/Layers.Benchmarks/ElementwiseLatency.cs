using System.Diagnostics;
using System.Numerics.Tensors;
using Layers;

namespace Layers.Benchmarks;

/// <summary>
/// Per-call latency of Ops.Add / Ops.Relu on 10⁶ float32 against TensorPrimitives, interleaved in one process:
/// median and mean of 3,000 timed calls, induced gen-2 collections, and allocated bytes per call. Medians stay
/// readable on a busy machine where BenchmarkDotNet's means swing by 2×.
/// <code>dotnet run -c Release --project benchmarks/Layers.Benchmarks -- elementwise-latency [nopool]</code>
/// </summary>
public static class ElementwiseLatency
{
    private const int N = 1_000_000;
    private const int Calls = 3_000;

    public static void Run(string[] args)
    {
        // The switch is read once, when the pool is first touched, so it must be set before any tensor exists.
        if (args.Contains("nopool")) AppContext.SetSwitch("Layers.DisableStoragePool", true);
        var random = new Random(42);
        var x = new float[N];
        var y = new float[N];
        for (int i = 0; i < N; i++)
        {
            x[i] = (float)(random.NextDouble() * 2 - 1);
            y[i] = (float)(random.NextDouble() * 2 - 1);
        }
        var a = Tensor.FromArray(x);
        var b = Tensor.FromArray(y);
        var preallocated = new float[N];
        Console.WriteLine($"storage pool {(StoragePool.Enabled ? "on" : "off")}; {N:N0} float32; {Calls:N0} calls each");
        for (int round = 0; round < 2; round++)
        {
            Measure("TensorPrimitives.Add, new float[]", () =>
            {
                var destination = new float[N];
                TensorPrimitives.Add(x, y, destination);
                return destination;
            });
            Measure("TensorPrimitives.Add, preallocated", () =>
            {
                TensorPrimitives.Add(x, y, preallocated);
                return preallocated;
            });
            Measure("Ops.Add", () => Ops.Add(a, b));
            Measure("TensorPrimitives.Max(x, 0), new float[]", () =>
            {
                var destination = new float[N];
                TensorPrimitives.Max(x, 0f, destination);
                return destination;
            });
            Measure("TensorPrimitives.Max(x, 0), preallocated", () =>
            {
                TensorPrimitives.Max(x, 0f, preallocated);
                return preallocated;
            });
            Measure("Ops.Relu", () => Ops.Relu(a));
        }
        Console.WriteLine($"StoragePool: {StoragePool.Hits} hits, {StoragePool.Misses} misses, {StoragePool.Collections} induced gen-2 collections");
    }

    private static void Measure(string name, Func<object> call)
    {
        object? result = null;
        for (int i = 0; i < 300; i++) result = call();
        var samples = new double[Calls];
        int collections = GC.CollectionCount(2);
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        var total = Stopwatch.StartNew();
        for (int i = 0; i < samples.Length; i++)
        {
            long start = Stopwatch.GetTimestamp();
            result = call();
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }
        double mean = total.Elapsed.TotalMicroseconds / Calls;
        long bytesPerCall = (GC.GetAllocatedBytesForCurrentThread() - allocated) / Calls;
        GC.KeepAlive(result);
        Array.Sort(samples);
        Console.WriteLine($"{name,-42} median {samples[Calls / 2],8:F1} us   mean {mean,8:F1} us   gen-2 GCs {GC.CollectionCount(2) - collections,4}   {bytesPerCall,9:N0} B/call");
    }
}
