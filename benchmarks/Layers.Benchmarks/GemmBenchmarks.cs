using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Layers;

namespace Layers.Benchmarks;

/// <summary>
/// Square SGEMM, C = A·B with C preallocated, as benchmarks/peers/sgemm_numpy.py times
/// np.matmul(a, b, out=c). <see cref="Threads"/> caps the GEMM at 1 or 2 threads.
/// dotnet run -c Release --project benchmarks/Layers.Benchmarks -- --filter '*GemmBenchmarks*'
/// GEMM_SIZES=512 GEMM_THREADS=2 (comma lists) select cases, so a session can alternate single cases
/// with the peer's on a shared, noisy machine.
/// </summary>
[Config(typeof(GemmBenchmarkConfig))]
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 5, iterationCount: 15)]
public unsafe class GemmBenchmarks
{
    private float* _a;
    private float* _b;
    private float* _c;

    [ParamsSource(nameof(Sizes))]
    public int Size { get; set; }

    [ParamsSource(nameof(ThreadCounts))]
    public int Threads { get; set; }

    public static IEnumerable<int> Sizes => FromEnvironment("GEMM_SIZES", [256, 512, 1024, 2048]);

    public static IEnumerable<int> ThreadCounts => FromEnvironment("GEMM_THREADS", [1, 2]);

    private static int[] FromEnvironment(string name, int[] defaults) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } list
            ? list.Split(',').Select(item => int.Parse(item, System.Globalization.CultureInfo.InvariantCulture)).ToArray()
            : defaults;

    [GlobalSetup]
    public void Setup()
    {
        nuint bytes = (nuint)Size * (nuint)Size * sizeof(float);
        _a = (float*)NativeMemory.AlignedAlloc(bytes, 64);
        _b = (float*)NativeMemory.AlignedAlloc(bytes, 64);
        _c = (float*)NativeMemory.AlignedAlloc(bytes, 64);
        var random = new Random(0);
        for (int i = 0; i < Size * Size; i++)
        {
            _a[i] = (float)(random.NextDouble() * 2 - 1);
            _b[i] = (float)(random.NextDouble() * 2 - 1);
        }
        GemmConfig.MaxThreads = Threads;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        NativeMemory.AlignedFree(_a);
        NativeMemory.AlignedFree(_b);
        NativeMemory.AlignedFree(_c);
    }

    [Benchmark]
    public void Sgemm() =>
        Gemm.Multiply(GemmProblem<float>.RowMajor(Size, Size, Size, _a, Size, false, _b, Size, false, _c, Size));
}

/// <summary>Adds a GFLOP/s column (2·n³ / median time) and the median next to BenchmarkDotNet's timings.</summary>
public sealed class GemmBenchmarkConfig : ManualConfig
{
    public GemmBenchmarkConfig() => AddColumn(StatisticColumn.Median, new GflopsColumn());

    private sealed class GflopsColumn : IColumn
    {
        public string Id => "GFLOPs";
        public string ColumnName => "GFLOP/s";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => "Billions of floating-point operations per second, 2·Size³ / Median (the median resists another tenant's bursts)";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
        {
            var statistics = summary[benchmarkCase]?.ResultStatistics;
            if (statistics is null || benchmarkCase.Parameters["Size"] is not int size) return "-";
            double flops = 2.0 * size * size * size;
            return (flops / statistics.Median).ToString("F1", System.Globalization.CultureInfo.InvariantCulture);   // Median is in ns
        }

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;
    }
}
