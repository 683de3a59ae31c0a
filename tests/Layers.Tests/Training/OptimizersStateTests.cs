using Layers.Tests.Support;

namespace Layers.Tests.Training;

/// <summary>GetState/SetState: a restored optimizer continues bit-identically; bad state is refused before anything changes.</summary>
public class OptimizersStateTests
{
    public static TheoryData<string, DType> CasesAndDTypes() => OptimizersUpdateTests.CasesAndDTypes();

    [Theory]
    [MemberData(nameof(CasesAndDTypes))]
    public void RestoredStateContinuesBitIdentically(string name, DType dtype)
    {
        var create = OptimizersUpdateTests.Get(name).Create;
        var original = create();
        var a = new Variable(TestData.Tensor(1, new Shape(3, 7), dtype), "kernel");
        var b = new Variable(TestData.Tensor(2, new Shape(5), dtype), "bias");
        Tensor Gradient(int seed, Variable v) => TestData.Tensor(seed, v.Shape, dtype);
        for (int step = 0; step < 3; step++) original.ApplyGradients([Gradient(10 + step, a), Gradient(20 + step, b)], [a, b]);

        var state = original.GetState().ToDictionary(p => p.Key, p => p.Value);
        var a2 = new Variable(a.Value, "kernel");
        var b2 = new Variable(b.Value, "bias");
        var restored = create();
        restored.SetState(state, [a2, b2]);
        Assert.Equal(3, restored.Iterations);

        for (int step = 3; step < 7; step++)
        {
            original.ApplyGradients([Gradient(10 + step, a), Gradient(20 + step, b)], [a, b]);
            restored.ApplyGradients([Gradient(10 + step, a2), Gradient(20 + step, b2)], [a2, b2]);
        }
        Assert.Equal(TestModels.Bits(a.Value), TestModels.Bits(a2.Value));
        Assert.Equal(TestModels.Bits(b.Value), TestModels.Bits(b2.Value));
        Assert.NotEqual(TestModels.Bits(a.Value), TestModels.Bits(TestData.Tensor(1, new Shape(3, 7), dtype)));
    }

    /// <summary>Without the state the continuation differs, so the bit-identical test above depends on the state.</summary>
    [Theory]
    [InlineData("sgd_momentum")]
    [InlineData("adam_strong")]
    [InlineData("rmsprop_momentum_centered")]
    [InlineData("adagrad_strong")]
    public void ContinuingWithoutStateDiffers(string name)
    {
        var create = OptimizersUpdateTests.Get(name).Create;
        var original = create();
        var a = new Variable(TestData.Tensor(1, new Shape(9)), "w");
        for (int step = 0; step < 3; step++) original.ApplyGradients([TestData.Tensor(10 + step, a.Shape)], [a]);
        var fresh = create();
        var a2 = new Variable(a.Value, "w");
        original.ApplyGradients([TestData.Tensor(13, a.Shape)], [a]);
        fresh.ApplyGradients([TestData.Tensor(13, a.Shape)], [a2]);
        Assert.NotEqual(TestModels.Bits(a.Value), TestModels.Bits(a2.Value));
    }

    [Fact]
    public void GetStateReturnsCopies()
    {
        var optimizer = new SGD(momentum: 0.9);
        var w = new Variable(Tensor.Ones(new Shape(2)), "w");
        optimizer.ApplyGradients([Tensor.Ones(new Shape(2))], [w]);
        var momentum = optimizer.GetState()[1].Value;
        momentum.AsMutableSpan<float>()[0] = 1000;
        Assert.NotEqual(1000f, optimizer.GetState()[1].Value.ToArray<float>()[0]);
    }

    [Fact]
    public void SetStateFillsMissingSlotsWithTheirInitialValue()
    {
        var optimizer = new Adagrad(initialAccumulatorValue: 0.5);
        var w = new Variable(Tensor.Zeros(new Shape(2), DType.Float64), "w");
        optimizer.SetState(new Dictionary<string, Tensor> { ["iterations"] = Tensor.Scalar(4L), ["w/accumulator"] = Tensor.Full(new Shape(2), 2.0, DType.Float64) }, [w]);
        Assertions.Close([2, 2], optimizer.GetState()[1].Value, 0, 0);
        var rms = new RMSprop(momentum: 0.5);
        rms.SetState(new Dictionary<string, Tensor> { ["w/momentum"] = Tensor.Full(new Shape(2), 3.0, DType.Float64) }, [w]);
        var state = rms.GetState().ToDictionary(p => p.Key, p => p.Value);
        Assertions.Close([0, 0], state["w/velocity"], 0, 0);
        Assertions.Close([3, 3], state["w/momentum"], 0, 0);
        Assert.Equal(0, rms.Iterations);
    }

    [Fact]
    public void BadStateIsRefusedAndChangesNothing()
    {
        var optimizer = new Adam();
        var w = new Variable(Tensor.Ones(new Shape(2)), "w");
        optimizer.ApplyGradients([Tensor.Ones(new Shape(2))], [w]);
        var before = optimizer.GetState().ToDictionary(p => p.Key, p => TestModels.Bits(p.Value));

        var good = new Dictionary<string, Tensor> { ["iterations"] = Tensor.Scalar(7L), ["w/momentum"] = Tensor.Full(new Shape(2), 5.0) };
        Assertions.Throws<FormatException>(() => optimizer.SetState(new Dictionary<string, Tensor>(good) { ["w/accumulator"] = Tensor.Zeros(new Shape(2)) }, [w]),
            "unexpected entry 'w/accumulator'", "momentum, velocity");
        Assertions.Throws<FormatException>(() => optimizer.SetState(new Dictionary<string, Tensor>(good) { ["v/momentum"] = Tensor.Zeros(new Shape(2)) }, [w]),
            "unexpected entry 'v/momentum'");
        Assertions.Throws<FormatException>(() => optimizer.SetState(new Dictionary<string, Tensor>(good) { ["w/velocity"] = Tensor.Zeros(new Shape(3)) }, [w]),
            "'w/velocity' has shape (3,)", "(2,)");
        Assertions.Throws<FormatException>(() => optimizer.SetState(new Dictionary<string, Tensor>(good) { ["w/velocity"] = Tensor.Zeros(new Shape(2), DType.Float64) }, [w]),
            "float64");
        Assertions.Throws<FormatException>(() => optimizer.SetState(new Dictionary<string, Tensor>(good) { ["iterations"] = Tensor.Scalar(1.0f) }, [w]),
            "'iterations' must be an int64 scalar");

        Assert.Equal(1, optimizer.Iterations);
        var after = optimizer.GetState().ToDictionary(p => p.Key, p => TestModels.Bits(p.Value));
        Assert.Equal(before.Keys, after.Keys);
        foreach (var (key, bits) in before) Assert.Equal(bits, after[key]);
    }

    [Fact]
    public void SetStateRefusesAmbiguousPaths()
    {
        var optimizer = new SGD();
        Assertions.Throws<ArgumentException>(
            () => optimizer.SetState(new Dictionary<string, Tensor>(), [new Variable(Tensor.Ones(new Shape(1)), "w"), new Variable(Tensor.Ones(new Shape(1)), "w")]),
            "two variables have the path 'w'");
    }
}
