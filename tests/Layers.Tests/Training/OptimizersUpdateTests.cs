using Layers.Tests.Support;

namespace Layers.Tests.Training;

/// <summary>
/// Every optimizer's fused in-place update against <see cref="KerasReference"/> (float64 transcriptions of
/// Keras 3's update_step) over several steps, on sizes that exercise the vector body and the scalar tail, in
/// float32 and float64. "Strong" hyperparameters (large ε, small ρ, β) make mistakes such as ε outside the
/// square root or a swapped β visible well above the tolerance.
/// </summary>
public class OptimizersUpdateTests
{
    private const int Steps = 6;
    private static readonly int[] Sizes = [1, 7, 16, 17, 33, 127, 1000];

    internal sealed record Case(Func<Optimizer> Create, KerasReference Reference, double LearningRate, double WeightDecay = 0);

    internal static Case Get(string name) => name switch
    {
        "sgd_defaults" => new(() => new SGD(), new KerasReference.Sgd(0, false), 0.01),
        "sgd" => new(() => new SGD(0.1), new KerasReference.Sgd(0, false), 0.1),
        "sgd_momentum" => new(() => new SGD(0.05, momentum: 0.9), new KerasReference.Sgd(0.9, false), 0.05),
        "sgd_nesterov" => new(() => new SGD(0.05, momentum: 0.7, nesterov: true), new KerasReference.Sgd(0.7, true), 0.05),
        "sgd_weight_decay" => new(() => new SGD(0.1, momentum: 0.5, weightDecay: 0.3), new KerasReference.Sgd(0.5, false), 0.1, 0.3),
        "adam_defaults" => new(() => new Adam(), new KerasReference.Adam(0.9, 0.999, 1e-7, false), 0.001),
        "adam_strong" => new(() => new Adam(0.02, beta1: 0.8, beta2: 0.9, epsilon: 1e-2), new KerasReference.Adam(0.8, 0.9, 1e-2, false), 0.02),
        "adam_amsgrad" => new(() => new Adam(0.02, beta1: 0.8, beta2: 0.9, epsilon: 1e-2, amsgrad: true),
            new KerasReference.Adam(0.8, 0.9, 1e-2, true), 0.02),
        "adamw_defaults" => new(() => new AdamW(), new KerasReference.Adam(0.9, 0.999, 1e-7, false), 0.001, 0.004),
        "adamw_strong" => new(() => new AdamW(0.05, weightDecay: 0.2, beta1: 0.8, beta2: 0.9, epsilon: 1e-2, amsgrad: true),
            new KerasReference.Adam(0.8, 0.9, 1e-2, true), 0.05, 0.2),
        "rmsprop_defaults" => new(() => new RMSprop(), new KerasReference.RmsProp(0.9, 0, 1e-7, false), 0.001),
        "rmsprop_strong" => new(() => new RMSprop(0.05, rho: 0.8, epsilon: 1e-2), new KerasReference.RmsProp(0.8, 0, 1e-2, false), 0.05),
        "rmsprop_momentum" => new(() => new RMSprop(0.05, rho: 0.8, momentum: 0.5, epsilon: 1e-2),
            new KerasReference.RmsProp(0.8, 0.5, 1e-2, false), 0.05),
        "rmsprop_centered" => new(() => new RMSprop(0.05, rho: 0.8, epsilon: 1e-2, centered: true),
            new KerasReference.RmsProp(0.8, 0, 1e-2, true), 0.05),
        "rmsprop_momentum_centered" => new(() => new RMSprop(0.05, rho: 0.7, momentum: 0.3, epsilon: 1e-2, centered: true),
            new KerasReference.RmsProp(0.7, 0.3, 1e-2, true), 0.05),
        "adagrad_defaults" => new(() => new Adagrad(), new KerasReference.Adagrad(0.1, 1e-7), 0.001),
        "adagrad_strong" => new(() => new Adagrad(0.1, initialAccumulatorValue: 0.3, epsilon: 1e-2), new KerasReference.Adagrad(0.3, 1e-2), 0.1),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    internal static readonly string[] CaseNames =
    [
        "sgd_defaults", "sgd", "sgd_momentum", "sgd_nesterov", "sgd_weight_decay", "adam_defaults", "adam_strong", "adam_amsgrad",
        "adamw_defaults", "adamw_strong", "rmsprop_defaults", "rmsprop_strong", "rmsprop_momentum", "rmsprop_centered",
        "rmsprop_momentum_centered", "adagrad_defaults", "adagrad_strong",
    ];

    public static TheoryData<string, DType> CasesAndDTypes()
    {
        var data = new TheoryData<string, DType>();
        foreach (var name in CaseNames)
        {
            data.Add(name, DType.Float32);
            data.Add(name, DType.Float64);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(CasesAndDTypes))]
    public void UpdatesMatchKerasFormulas(string name, DType dtype)
    {
        var testCase = Get(name);
        double lr = KerasReference.Float32(testCase.LearningRate);
        double rtol = dtype == DType.Float32 ? 2e-5 : 1e-12;
        double atol = dtype == DType.Float32 ? 2e-6 : 1e-14;
        foreach (int size in Sizes)
        {
            var optimizer = testCase.Create();
            var variable = new Variable(TestData.Tensor(size, new Shape(size), out var w, dtype, -1, 1), "w");
            var slots = testCase.Reference.Slots.Select(s => Enumerable.Repeat(s.Initial, size).ToArray()).ToArray();
            for (int step = 1; step <= Steps; step++)
            {
                // Gradients change scale from step to step, so the moment estimates do not settle.
                double scale = step % 3 == 0 ? 3 : step % 3 == 1 ? 0.5 : 1;
                var gradient = TestData.Tensor(size * 100 + step, new Shape(size), out var g, dtype, -scale, scale);
                optimizer.ApplyGradients([gradient], [variable]);
                if (testCase.WeightDecay > 0) KerasReference.WeightDecay(w, testCase.WeightDecay, lr);
                testCase.Reference.Step(w, g, lr, step, slots);
            }
            Assertions.Close(w, variable.Value, rtol, atol);
            Assert.Equal(Steps, optimizer.Iterations);
            var state = optimizer.GetState().ToDictionary(p => p.Key, p => p.Value);
            Assert.Equal(1 + slots.Length, state.Count);
            for (int s = 0; s < slots.Length; s++)
                Assertions.Close(slots[s], state[$"w/{testCase.Reference.Slots[s].Name}"], rtol, atol);
        }
    }

    /// <summary>
    /// All elements start equal and get equal gradients, so the vector body's lanes and the scalar tail
    /// (33 = 2·16 + 1 floats, 4·8 + 1 doubles) must end bit-for-bit equal: both compute the same expression.
    /// </summary>
    [Theory]
    [MemberData(nameof(CasesAndDTypes))]
    public void VectorBodyAndScalarTailAgreeBitForBit(string name, DType dtype)
    {
        var optimizer = Get(name).Create();
        var variable = new Variable(Tensor.Full(new Shape(33), 0.7, dtype), "w");
        for (int step = 1; step <= Steps; step++)
            optimizer.ApplyGradients([Tensor.Full(new Shape(33), 0.3 * step - 0.8, dtype)], [variable]);
        var bits = TestModels.Bits(variable.Value);
        Assert.All(bits, b => Assert.Equal(bits[0], b));
        Assert.NotEqual(TestModels.Bits(Tensor.Full(new Shape(1), 0.7, dtype))[0], bits[0]);
    }

    [Fact]
    public void SlotNamesFollowKeras()
    {
        string[] Slots(Optimizer optimizer)
        {
            var variable = new Variable(Tensor.Zeros(new Shape(2)), "kernel");
            optimizer.ApplyGradients([Tensor.Ones(new Shape(2))], [variable]);
            return [.. optimizer.GetState().Select(p => p.Key)];
        }

        Assert.Equal(["iterations"], Slots(new SGD()));
        Assert.Equal(["iterations", "kernel/momentum"], Slots(new SGD(momentum: 0.9)));
        Assert.Equal(["iterations", "kernel/momentum", "kernel/velocity"], Slots(new Adam()));
        Assert.Equal(["iterations", "kernel/momentum", "kernel/velocity", "kernel/velocity_hat"], Slots(new Adam(amsgrad: true)));
        Assert.Equal(["iterations", "kernel/momentum", "kernel/velocity"], Slots(new AdamW()));
        Assert.Equal(["iterations", "kernel/velocity"], Slots(new RMSprop()));
        Assert.Equal(["iterations", "kernel/velocity", "kernel/momentum", "kernel/average_gradient"],
            Slots(new RMSprop(momentum: 0.9, centered: true)));
        Assert.Equal(["iterations", "kernel/velocity", "kernel/average_gradient"], Slots(new RMSprop(centered: true)));
        Assert.Equal(["iterations", "kernel/accumulator"], Slots(new Adagrad()));
    }

    [Fact]
    public void AdagradAccumulatorStartsAtItsInitialValue()
    {
        var optimizer = new Adagrad(initialAccumulatorValue: 0.25);
        var variable = new Variable(Tensor.Zeros(new Shape(3), DType.Float64), "w");
        optimizer.ApplyGradients([Tensor.FromArray(new[] { 0.0, 1.0, -2.0 }, 3)], [variable]);
        Assertions.Close([0.25, 1.25, 4.25], optimizer.GetState()[1].Value, 0, 0);
    }
}
