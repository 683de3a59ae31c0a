using BenchmarkDotNet.Attributes;
using Layers;

namespace Layers.Benchmarks;

/// <summary>
/// One optimizer step (<c>ApplyGradients</c>) over a model-sized set of float32 variables: eight tensors of
/// 2¹⁷ elements (1M parameters), so the fused update streams memory as in real training. The peer is
/// PyTorch's <c>optimizer.step()</c> on the same shapes (benchmarks/peers/optimizer_step_torch.py).
/// </summary>
[MemoryDiagnoser]
public class OptimizerStepBenchmarks
{
    private Variable[] _variables = null!;
    private Tensor?[] _gradients = null!;
    private Optimizer _optimizer = null!;

    [Params("sgd_momentum", "adam", "adamw", "rmsprop", "adagrad")]
    public string Optimizer { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _variables = [.. Enumerable.Range(0, 8).Select(i => new Variable(Tensor.Full(new Shape(1 << 17), 0.5), $"w{i}"))];
        _gradients = [.. _variables.Select(v => (Tensor?)Tensor.Full(v.Shape, 0.01))];
        _optimizer = Optimizer switch
        {
            "sgd_momentum" => new SGD(0.01, momentum: 0.9),
            "adam" => new Adam(),
            "adamw" => new AdamW(),
            "rmsprop" => new RMSprop(),
            _ => new Adagrad(),
        };
        _optimizer.ApplyGradients(_gradients, _variables);
    }

    [Benchmark]
    public void Step() => _optimizer.ApplyGradients(_gradients, _variables);
}
