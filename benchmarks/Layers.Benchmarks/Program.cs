using BenchmarkDotNet.Running;
using Layers.Benchmarks;

// dotnet run -c Release --project benchmarks/Layers.Benchmarks -- --filter '*'
// dotnet run -c Release --project benchmarks/Layers.Benchmarks -- elementwise-latency [nopool]
if (args is ["elementwise-latency", ..])
{
    ElementwiseLatency.Run(args[1..]);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
