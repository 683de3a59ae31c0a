using System.Runtime;
using BenchmarkDotNet.Attributes;
using Layers;

namespace Layers.Benchmarks;

/// <summary>
/// A 784-256-256-10 ReLU MLP: one SGD training step at batch 128 (forward, sparse softmax cross-entropy,
/// backward, update) and inference of one sample. Peer: benchmarks/peers/mlp_torch.py, same shapes.
/// </summary>
[MemoryDiagnoser]
public class MlpBenchmarks
{
    private Sequential _model = null!;
    private Tensor _x = null!;
    private Tensor _y = null!;
    private Tensor _sample = null!;

    [GlobalSetup]
    public virtual void Setup()
    {
        SeedGenerator.SetGlobalSeed(0);
        _model = new Sequential([
            new InputLayer(shape: new Shape(784)),
            new Dense(256, activation: "relu"),
            new Dense(256, activation: "relu"),
            new Dense(10),
        ]);
        _model.Compile(new SGD(0.01), new SparseCategoricalCrossentropy(fromLogits: true));
        _x = Tensor.RandomNormal(new Shape(128, 784), seed: 1);
        _y = Ops.Cast(Ops.Multiply(Tensor.RandomUniform(new Shape(128), seed: 2), 10), DType.Int32);
        _sample = Tensor.RandomNormal(new Shape(1, 784), seed: 3);
    }

    [Benchmark]
    public double TrainStepBatch128() => _model.TrainOnBatch(_x, _y)["loss"];

    [Benchmark]
    public Tensor InferenceBatch1()
    {
        using var _ = GradientTape.NoGrad();
        return _model.Apply(_sample);
    }
}

/// <summary>
/// The same benchmarks with blocking collections, as <c>samples/Digits</c> runs. Set at run time, because
/// BenchmarkDotNet 0.14's <c>[GcConcurrent(false)]</c> left the benchmark process on the background GC here.
/// </summary>
public class MlpBenchmarksBlockingGc : MlpBenchmarks
{
    public override void Setup()
    {
        GCSettings.LatencyMode = GCLatencyMode.Batch;
        base.Setup();
    }
}
