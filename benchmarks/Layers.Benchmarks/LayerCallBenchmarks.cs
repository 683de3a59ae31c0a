using BenchmarkDotNet.Attributes;
using Layers;

namespace Layers.Benchmarks;

/// <summary>
/// The cost of <c>Layer.Apply</c> itself — dispatch, call context, build check, InputSpec, autocast
/// check, mask and loss bookkeeping — on a layer whose <c>Call</c> returns its input. The peer is
/// PyTorch's empty <c>nn.Module.__call__</c> (benchmarks/peers/module_call_torch.py).
/// </summary>
[MemoryDiagnoser]
public class LayerCallBenchmarks
{
    private sealed class Identity : Layer
    {
        protected override Tensor Call(Tensor inputs) => inputs;
    }

    private Identity _layer = null!;
    private Tensor _input = null!;

    [GlobalSetup]
    public void Setup()
    {
        _layer = new Identity();
        _input = Tensor.Ones(1, 8);
        _layer.Apply(_input);
    }

    [Benchmark]
    public Tensor ApplyIdentity() => _layer.Apply(_input);
}
