namespace Layers.Tests.Training;

/// <summary>
/// y = x·kernel + bias with seeded Glorot weights — a stand-in for Dense until it lands — registered as
/// <c>Tests&gt;TestDense</c> so models built from it can be saved and loaded.
/// </summary>
internal sealed class TestDense : Layer
{
    static TestDense() => Serialization.LayerRegistry.Register("Tests", "TestDense",
        config => FromConfigCore(config, () => new TestDense(config.GetInt32("units"), config.GetInt64("seed"))));

    public TestDense(int units, long seed = 1, string? name = null) : base(name)
    {
        Units = units;
        Seed = seed;
    }

    public int Units { get; }

    public long Seed { get; }

    public override string ClassName => "TestDense";

    protected override void OnBuild(Shape inputShape)
    {
        AddWeight(new Shape(inputShape[-1], Units), Initializers.GlorotUniform(Seed), name: "kernel");
        AddWeight(new Shape(Units), Initializers.Constant(0.01 * Seed), name: "bias");
    }

    protected override Tensor Call(Tensor inputs) => Ops.Add(Ops.MatMul(inputs, Weights[0]), Weights[1]);

    public override Shape ComputeOutputShape(Shape inputShape) => inputShape.WithDim(-1, Units);

    public override Config GetConfig() => base.GetConfig().Set("units", Units).Set("seed", Seed);
}

/// <summary>tanh, so a stack of <see cref="TestDense"/> layers is not one linear map.</summary>
internal sealed class TestTanh : Layer
{
    static TestTanh() => Serialization.LayerRegistry.Register("Tests", "TestTanh", config => FromConfigCore(config, () => new TestTanh()));

    public TestTanh(string? name = null) : base(name)
    {
    }

    public override string ClassName => "TestTanh";

    protected override Tensor Call(Tensor inputs) => Ops.Tanh(inputs);

    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;
}

/// <summary>Mean squared error written with ops, registered as <c>Tests&gt;TestMse</c> (the built-in losses are not on this branch yet).</summary>
internal sealed class TestMse : Loss
{
    static TestMse() => Serialization.LossRegistry.Register("Tests", "TestMse", _ => new TestMse());

    public TestMse() : base("test_mse")
    {
    }

    public override string ClassName => "TestMse";

    public override Tensor Call(Tensor yTrue, Tensor yPred) => Ops.Mean(Ops.Square(Ops.Subtract(yPred, yTrue)), -1);
}

/// <summary>The mean of the predictions, a metric with a name of its own (registered as <c>test_mean_prediction</c>).</summary>
internal sealed class TestMeanPrediction() : PredictionMetric("test_mean_prediction")
{
    private readonly Mean _mean = new("test_mean_prediction");

    static TestMeanPrediction() => MetricCatalog.Register(() => new TestMeanPrediction(), "test_mean_prediction");

    public override string ClassName => "TestMeanPrediction";

    public override void Update(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null) => _mean.Update(yPred, sampleWeight);

    public override Tensor Result() => _mean.Result();

    public override void Reset() => _mean.Reset();
}

/// <summary>Small models and data for training tests.</summary>
internal static class TestModels
{
    /// <summary>4 → 5 → tanh → 2, built, seeded weights.</summary>
    public static Sequential Mlp(long seed = 1)
    {
        var model = new Sequential([new InputLayer(new Shape(4)), new TestDense(5, seed), new TestTanh(), new TestDense(2, seed + 1)]);
        return model;
    }

    /// <summary>Inputs and targets from a fixed teacher; <paramref name="seed"/> picks the samples.</summary>
    public static (Tensor X, Tensor Y) Data(int samples, int seed = 3)
    {
        var x = Support.TestData.Tensor(seed, new Shape(samples, 4));
        var teacher = Support.TestData.Tensor(99, new Shape(4, 2));
        var y = Ops.Tanh(Ops.MatMul(x, teacher));
        return (x, y);
    }

    /// <summary>Forces the static constructors that register the test classes, before anything is deserialized.</summary>
    public static void RegisterAll()
    {
        _ = new TestDense(1);
        _ = new TestTanh();
        _ = new TestMse();
        _ = new TestMeanPrediction();
    }

    /// <summary>Every weight of <paramref name="layer"/> as raw bits, for bit-for-bit comparison.</summary>
    public static long[][] Bits(Layer layer) => [.. layer.Weights.Select(w => Bits(w.Value))];

    public static long[] Bits(Tensor tensor) => tensor.DType switch
    {
        DType.Float32 => [.. tensor.ToArray<float>().Select(v => (long)BitConverter.SingleToInt32Bits(v))],
        DType.Float64 => [.. tensor.ToArray<double>().Select(BitConverter.DoubleToInt64Bits)],
        DType.Int64 => tensor.ToArray<long>(),
        _ => throw new ArgumentOutOfRangeException(nameof(tensor)),
    };
}
