using Layers.Tests.Support;

namespace Layers.Tests.Training;

/// <summary>
/// The base optimizer's steps around the update — clipping, decoupled weight decay, constraints, null
/// gradients, the float32 learning rate and schedules — against float64 transcriptions of Keras 3.
/// </summary>
public class OptimizersBaseTests
{
    private static (Variable[] Variables, Tensor[] Gradients, double[][] W, double[][] G) Problem(DType dtype, double gradientScale = 3)
    {
        int[] sizes = [7, 33, 1];
        var variables = new Variable[sizes.Length];
        var gradients = new Tensor[sizes.Length];
        var w = new double[sizes.Length][];
        var g = new double[sizes.Length][];
        for (int i = 0; i < sizes.Length; i++)
        {
            variables[i] = new Variable(TestData.Tensor(40 + i, new Shape(sizes[i]), out w[i], dtype), $"v{i}");
            // The one-element gradient is smaller, so a clip norm can sit between it and the others.
            double scale = sizes[i] == 1 ? gradientScale / 6 : gradientScale;
            gradients[i] = TestData.Tensor(50 + i, new Shape(sizes[i]), out g[i], dtype, -scale, scale);
        }
        return (variables, gradients, w, g);
    }

    private static void Expect(double[][] expected, Variable[] variables, DType dtype)
    {
        for (int i = 0; i < variables.Length; i++)
            Assertions.Close(expected[i], variables[i].Value, dtype == DType.Float32 ? 1e-6 : 1e-13, dtype == DType.Float32 ? 1e-7 : 1e-15);
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void ClipnormClipsEachGradientToItsNorm(DType dtype)
    {
        var (variables, gradients, w, g) = Problem(dtype);
        // Just above the norm of the one-element gradient, far below those of the two larger ones: both branches run.
        const double clipnorm = 1.0;
        Assert.True(Norm(g[0]) > 2 * clipnorm && Norm(g[1]) > 2 * clipnorm && Norm(g[2]) < clipnorm);
        new SGD(0.1, clipnorm: clipnorm).ApplyGradients(gradients, variables);
        for (int i = 0; i < w.Length; i++) new KerasReference.Sgd(0, false).Step(w[i], KerasReference.ClipByNorm(g[i], clipnorm), KerasReference.Float32(0.1), 1, []);
        Expect(w, variables, dtype);
    }

    private static double Norm(double[] g) => Math.Sqrt(g.Sum(x => x * x));

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void GlobalClipnormScalesAllGradientsTogether(DType dtype)
    {
        var (variables, gradients, w, g) = Problem(dtype);
        new SGD(0.1, globalClipnorm: 2.0).ApplyGradients(gradients, variables);
        var clipped = KerasReference.ClipByGlobalNorm(g, 2.0);
        for (int i = 0; i < w.Length; i++) new KerasReference.Sgd(0, false).Step(w[i], clipped[i], KerasReference.Float32(0.1), 1, []);
        Expect(w, variables, dtype);
    }

    [Fact]
    public void GlobalClipnormLeavesSmallGradientsAlone()
    {
        var (variables, gradients, w, g) = Problem(DType.Float64, gradientScale: 0.01);
        new SGD(0.1, globalClipnorm: 2.0).ApplyGradients(gradients, variables);
        for (int i = 0; i < w.Length; i++) new KerasReference.Sgd(0, false).Step(w[i], g[i], KerasReference.Float32(0.1), 1, []);
        Expect(w, variables, DType.Float64);
    }

    [Fact]
    public void GlobalClipnormOfAnInfiniteNormMakesEveryGradientNaN()
    {
        var w = new Variable(Tensor.Zeros(new Shape(2)), "w");
        var u = new Variable(Tensor.Zeros(new Shape(2)), "u");
        new SGD(0.1, globalClipnorm: 1).ApplyGradients([Tensor.FromArray(new[] { float.PositiveInfinity, 1f }, 2), Tensor.Ones(new Shape(2))], [w, u]);
        Assert.All(w.Value.ToArray<float>(), v => Assert.True(float.IsNaN(v)));
        Assert.All(u.Value.ToArray<float>(), v => Assert.True(float.IsNaN(v)));
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void ClipvalueClampsEachElement(DType dtype)
    {
        var (variables, gradients, w, g) = Problem(dtype);
        new SGD(0.1, clipvalue: 0.75).ApplyGradients(gradients, variables);
        for (int i = 0; i < w.Length; i++) new KerasReference.Sgd(0, false).Step(w[i], KerasReference.ClipByValue(g[i], 0.75), KerasReference.Float32(0.1), 1, []);
        Expect(w, variables, dtype);
    }

    [Fact]
    public void ClippingNeverChangesTheGivenGradients()
    {
        foreach (var optimizer in new Optimizer[] { new SGD(clipnorm: 0.1), new SGD(globalClipnorm: 0.1), new SGD(clipvalue: 0.1) })
        {
            var (variables, gradients, _, g) = Problem(DType.Float64);
            optimizer.ApplyGradients(gradients, variables);
            for (int i = 0; i < g.Length; i++) Assertions.Close(g[i], gradients[i], 0, 0);
        }
    }

    [Fact]
    public void OnlyOneKindOfClippingIsAllowed()
    {
        Assertions.Throws<ArgumentException>(() => new SGD(clipnorm: 1, clipvalue: 1), "only one of clipnorm, clipvalue and global_clipnorm",
            "clipnorm=1, clipvalue=1, global_clipnorm=None");
        Assertions.Throws<ArgumentException>(() => new Adam(clipnorm: 1, globalClipnorm: 1), "only one of");
        Assertions.Throws<ArgumentException>(() => new RMSprop(clipvalue: 1, globalClipnorm: 1), "only one of");
        Assertions.Throws<ArgumentOutOfRangeException>(() => new SGD(clipnorm: 0), "clipnorm must be > 0");
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void WeightDecayIsDecoupledAndAppliedBeforeTheUpdate(DType dtype)
    {
        var (variables, gradients, w, g) = Problem(dtype);
        var optimizer = new Adam(0.05, weightDecay: 0.5, epsilon: 1e-2);
        optimizer.ApplyGradients(gradients, variables);
        double lr = KerasReference.Float32(0.05);
        var reference = new KerasReference.Adam(0.9, 0.999, 1e-2, false);
        for (int i = 0; i < w.Length; i++)
        {
            KerasReference.WeightDecay(w[i], 0.5, lr);
            reference.Step(w[i], g[i], lr, 1, [new double[w[i].Length], new double[w[i].Length]]);
        }
        Expect(w, variables, dtype);
    }

    /// <summary>An optimizer that only implements the basic update, so the base decays in a separate pass first.</summary>
    private sealed class Unfused(string kind, double weightDecay) : Optimizer("unfused", 0.05, null, weightDecay, null, null, null)
    {
        public override string ClassName => "Unfused";

        protected override IReadOnlyList<string> SlotNames => kind switch
        {
            "sgd" => ["momentum"],
            "adam" => ["momentum", "velocity", "velocity_hat"],
            "rmsprop" => ["velocity", "momentum", "average_gradient"],
            _ => ["accumulator"],
        };

        protected override void Update(Variable variable, Tensor gradient, double learningRate, Tensor[] slots)
        {
            var w = variable.Value;
            switch (kind)
            {
                case "sgd": OptimizerKernels.SgdMomentum(w, slots[0], gradient, learningRate, 0.9, true, 1); break;
                case "plain": OptimizerKernels.Sgd(w, gradient, learningRate, 1); break;
                case "adam":
                    long t = Iterations + 1;
                    double alpha = learningRate * Math.Sqrt(1 - Math.Pow(0.9, t)) / (1 - Math.Pow(0.8, t));
                    OptimizerKernels.Adam(w, slots[0], slots[1], slots[2], gradient, alpha, 0.8, 0.9, 1e-3, 1);
                    break;
                case "rmsprop": OptimizerKernels.RmsProp(w, slots[0], slots[1], slots[2], gradient, learningRate, 0.8, 0.5, 1e-3, 1); break;
                default: OptimizerKernels.Adagrad(w, slots[0], gradient, learningRate, 1e-3, 1); break;
            }
        }
    }

    [Theory]
    [InlineData("plain", DType.Float32)]
    [InlineData("sgd", DType.Float32)]
    [InlineData("adam", DType.Float32)]
    [InlineData("rmsprop", DType.Float64)]
    [InlineData("adagrad", DType.Float64)]
    public void FusedWeightDecayGivesTheBitsOfDecayingFirst(string kind, DType dtype)
    {
        Optimizer fused = kind switch
        {
            "plain" => new SGD(0.05, weightDecay: 0.7),
            "sgd" => new SGD(0.05, momentum: 0.9, nesterov: true, weightDecay: 0.7),
            "adam" => new AdamW(0.05, weightDecay: 0.7, beta1: 0.8, beta2: 0.9, epsilon: 1e-3, amsgrad: true),
            "rmsprop" => new RMSprop(0.05, rho: 0.8, momentum: 0.5, epsilon: 1e-3, centered: true, weightDecay: 0.7),
            _ => new Adagrad(0.05, initialAccumulatorValue: 0, epsilon: 1e-3, weightDecay: 0.7),
        };
        var unfused = new Unfused(kind, 0.7);
        var a = new Variable(TestData.Tensor(5, new Shape(37), dtype), "w");
        var b = new Variable(a.Value, "w");
        for (int step = 0; step < 4; step++)
        {
            var g = TestData.Tensor(60 + step, a.Shape, dtype);
            fused.ApplyGradients([g], [a]);
            unfused.ApplyGradients([g], [b]);
        }
        Assert.Equal(TestModels.Bits(b.Value), TestModels.Bits(a.Value));
        Assert.NotEqual(TestModels.Bits(TestData.Tensor(5, new Shape(37), dtype)), TestModels.Bits(a.Value));
    }

    [Fact]
    public void ExcludedVariablesAreNotDecayed()
    {
        var kernel = new Variable(Tensor.Ones(new Shape(2), DType.Float64), "kernel");
        var bias = new Variable(Tensor.Ones(new Shape(2), DType.Float64), "bias");
        var gamma = new Variable(Tensor.Ones(new Shape(2), DType.Float64), "layer_norm_gamma");
        var zero = Tensor.Zeros(new Shape(2), DType.Float64);
        var optimizer = new SGD(0.5, weightDecay: 0.1);
        optimizer.ExcludeFromWeightDecay(varList: [kernel], varNames: ["bias", "gam+a"]);
        optimizer.ApplyGradients([zero, zero, zero], [kernel, bias, gamma]);
        Assertions.Close([1, 1], kernel.Value, 0, 0);
        Assertions.Close([1, 1], bias.Value, 0, 0);
        Assertions.Close([1, 1], gamma.Value, 0, 0);

        optimizer.ExcludeFromWeightDecay(varNames: ["^bias$"]);
        optimizer.ApplyGradients([zero, zero, zero], [kernel, bias, gamma]);
        double decayed = 1 - 1 * 0.1 * 0.5;
        Assertions.Close([decayed, decayed], kernel.Value, 1e-15, 0);
        Assertions.Close([1, 1], bias.Value, 0, 0);
        Assertions.Close([decayed, decayed], gamma.Value, 1e-15, 0);
        Assertions.Throws<ArgumentException>(() => optimizer.ExcludeFromWeightDecay(varNames: ["("]));
    }

    [Fact]
    public void ConstraintsApplyAfterTheUpdate()
    {
        var w = new Variable(Tensor.FromArray(new[] { 0.5, 0.5, -0.5 }, 3), "w", constraint: Constraints.NonNeg());
        new SGD(1.0).ApplyGradients([Tensor.FromArray(new[] { 1.0, -1.0, -2.0 }, 3)], [w]);
        // 0.5 − 1 = −0.5 → 0; 0.5 + 1 = 1.5; −0.5 + 2 = 1.5 (negative before, kept because the update made it positive).
        Assertions.Close([0, 1.5, 1.5], w.Value, 0, 0);
    }

    [Fact]
    public void NullGradientsSkipTheirVariableButNotAll()
    {
        var w = new Variable(Tensor.Ones(new Shape(2)), "w", constraint: Constraints.NonNeg());
        var u = new Variable(Tensor.FromArray(new[] { -1f, 2f }, 2), "u", constraint: Constraints.NonNeg());
        var optimizer = new SGD(0.5, momentum: 0.9);
        optimizer.ApplyGradients([Tensor.Ones(new Shape(2)), null], [w, u]);
        Assertions.Close([0.5, 0.5], w.Value, 0, 0);
        Assertions.Close([-1, 2], u.Value, 0, 0);
        Assert.Equal(["iterations", "w/momentum"], optimizer.GetState().Select(p => p.Key));
        Assertions.Throws<ArgumentException>(() => optimizer.ApplyGradients([null, null], [w, u]), "no gradients provided for any variable", "w, u");
        optimizer.ApplyGradients([], []);
        Assert.Equal(1, optimizer.Iterations);
    }

    [Fact]
    public void GradientsMustMatchTheirVariables()
    {
        var w = new Variable(Tensor.Ones(new Shape(2)), "w");
        Assertions.Throws<ArgumentException>(() => new SGD().ApplyGradients([Tensor.Ones(new Shape(3))], [w]), "'w' has shape (3,)", "(2,)");
        Assertions.Throws<ArgumentException>(() => new SGD().ApplyGradients([Tensor.Ones(new Shape(2), DType.Float64)], [w]), "float64");
        Assertions.Throws<ArgumentException>(() => new SGD().ApplyGradients([Tensor.Ones(new Shape(2)), null], [w]), "2 gradients for 1 variables");
        var counter = new Variable(Tensor.Zeros(new Shape(2), DType.Int64), "counter");
        Assertions.Throws<ArgumentException>(() => new SGD().ApplyGradients([Tensor.Zeros(new Shape(2), DType.Int64)], [counter]), "only float variables");
    }

    [Fact]
    public void TheLearningRateIsAFloat32Value()
    {
        var optimizer = new SGD(0.1);
        Assert.Equal((double)0.1f, optimizer.LearningRate);
        Assert.Equal((double)0.1f, optimizer.GetConfig().GetDouble("learning_rate"));
        optimizer.LearningRate = 0.003;
        Assert.Equal((double)0.003f, optimizer.LearningRate);
        var w = new Variable(Tensor.Ones(new Shape(1), DType.Float64), "w");
        optimizer.ApplyGradients([Tensor.Ones(new Shape(1), DType.Float64)], [w]);
        Assert.Equal(1 - (double)0.003f, w.Value.ToArray<double>()[0]);
        Assertions.Throws<ArgumentOutOfRangeException>(() => optimizer.LearningRate = -1, "learning_rate must be a finite number >= 0");
        Assertions.Throws<ArgumentOutOfRangeException>(() => optimizer.LearningRate = double.NaN);
    }

    [Fact]
    public void ASchedulePicksTheRateByIterationAndCannotBeOverwrittenByANumber()
    {
        var schedule = new PiecewiseConstantDecay([1], [0.5, 0.25]);
        var optimizer = new SGD(schedule: schedule);
        var w = new Variable(Tensor.Zeros(new Shape(1), DType.Float64), "w");
        var one = Tensor.Ones(new Shape(1), DType.Float64);
        double[] seen = new double[3];
        for (int step = 0; step < 3; step++)
        {
            seen[step] = optimizer.LearningRate;
            optimizer.ApplyGradients([one], [w]);
        }
        Assert.Equal([0.5, 0.5, 0.25], seen);
        Assert.Equal(-1.25, w.Value.ToArray<double>()[0]);
        Assertions.Throws<InvalidOperationException>(() => optimizer.LearningRate = 0.1, "LearningRateSchedule", "not settable");
        optimizer.Schedule = new ExponentialDecay(0.1, 10, 0.5);
        Assert.Equal((double)(float)(0.1 * Math.Pow(0.5, 0.3)), optimizer.LearningRate);
        Assert.Throws<ArgumentNullException>(() => optimizer.Schedule = null);
    }

    [Fact]
    public void DefaultNamesAreKerasConstructorDefaults()
    {
        // keras/src/optimizers/*.py: SGD(name="SGD"), Adam(name="adam"), AdamW(name="adamw"), RMSprop(name="rmsprop"), Adagrad(name="adagrad").
        Assert.Equal("SGD", new SGD().Name);
        Assert.Equal("adam", new Adam().Name);
        Assert.Equal("adamw", new AdamW().Name);
        Assert.Equal("rmsprop", new RMSprop().Name);
        Assert.Equal("adagrad", new Adagrad().Name);
        Assert.Equal("mine", new Adagrad(name: "mine").Name);
    }

    [Fact]
    public void HyperparametersAreValidated()
    {
        Assertions.Throws<ArgumentOutOfRangeException>(() => new SGD(momentum: 1.5), "momentum");
        Assertions.Throws<ArgumentOutOfRangeException>(() => new Adam(beta1: 1), "beta_1");
        Assertions.Throws<ArgumentOutOfRangeException>(() => new RMSprop(rho: -0.1), "rho");
        Assertions.Throws<ArgumentOutOfRangeException>(() => new RMSprop(epsilon: -1), "epsilon");
        Assertions.Throws<ArgumentOutOfRangeException>(() => new Adagrad(initialAccumulatorValue: -1), "initial_accumulator_value");
        Assertions.Throws<ArgumentOutOfRangeException>(() => new AdamW(weightDecay: -0.1), "weight_decay");
        Assertions.Throws<ArgumentOutOfRangeException>(() => new SGD(learningRate: double.PositiveInfinity), "learning_rate");
    }
}
