using BenchmarkDotNet.Attributes;
using Layers;

namespace Layers.Benchmarks;

/// <summary>
/// Sparse categorical cross-entropy from logits at batch 128 × 10 classes — the loss of every training step of a
/// small classifier. Forward + backward through <see cref="Loss.Compute"/> (the fused kernel), the same loss composed
/// of generic ops (one-hot · log-softmax), and the forward pass alone. The peer is PyTorch's
/// <c>F.cross_entropy(...).backward()</c> (benchmarks/peers/cross_entropy_torch.py).
/// </summary>
[MemoryDiagnoser]
public class LossBenchmarks
{
    private readonly SparseCategoricalCrossentropy _loss = new(fromLogits: true);
    private Tensor _logits = null!;
    private Tensor _labels = null!;
    private Tensor _oneHot = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(0);
        _logits = Tensor.FromArray(Enumerable.Range(0, 1280).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray(), 128, 10);
        _labels = Tensor.FromArray(Enumerable.Range(0, 128).Select(_ => random.Next(10)).ToArray(), 128);
        _oneHot = Ops.OneHot(_labels, 10);
    }

    [Benchmark(Baseline = true)]
    public Tensor FusedForwardBackward()
    {
        using var tape = new GradientTape();
        tape.Watch(_logits);
        var loss = _loss.Compute(_labels, _logits);
        return tape.Gradient(loss, [_logits])[0];
    }

    [Benchmark]
    public Tensor ComposedForwardBackward()
    {
        using var tape = new GradientTape();
        tape.Watch(_logits);
        var loss = Ops.Divide(Ops.Negate(Ops.Sum(Ops.Multiply(_oneHot, Ops.LogSoftmax(_logits)))), 128.0);
        return tape.Gradient(loss, [_logits])[0];
    }

    [Benchmark]
    public Tensor FusedForward() => _loss.Compute(_labels, _logits);
}
