using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/Layers.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
