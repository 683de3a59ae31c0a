namespace Layers.Tests.LayerContract;

/// <summary>Small hand-written layers (no generator) used by the contract tests.</summary>
internal sealed class ScaleLayer(string? name = null, DTypePolicy? dtype = null, bool autocast = true) : Layer(name, dtype, autocast: autocast)
{
    public Variable Kernel { get; private set; } = null!;
    public Variable Steps { get; private set; } = null!;
    public int BuildCount;
    public DType? SeenDType;

    protected override void OnBuild(Shape inputShape)
    {
        Interlocked.Increment(ref BuildCount);
        Thread.Sleep(5); // widen the window in which concurrent first calls could build twice
        Kernel = AddWeight(new Shape(inputShape[-1]), Initializers.Constant(2), name: "kernel");
        Steps = AddWeight(Shape.Scalar, Initializers.Zeros(), DType.Int64, trainable: false, name: "steps");
    }

    protected override Tensor Call(Tensor inputs)
    {
        SeenDType = inputs.DType;
        return inputs * Kernel;
    }
}

/// <summary>Records what the base resolved for training and mask.</summary>
internal sealed class ProbeLayer(bool defaultTraining = false) : Layer
{
    public bool? SeenTraining;
    public Tensor? SeenMask;
    public int Calls;

    protected override bool DefaultTraining => defaultTraining;

    protected override Tensor Call(Tensor inputs, bool training, Tensor? mask)
    {
        Calls++;
        SeenTraining = training;
        SeenMask = mask;
        return inputs + 0;
    }
}

/// <summary>A container whose Call does not take training, wrapping a probe.</summary>
internal sealed class Wrapper : Layer
{
    public Wrapper(Layer inner) => Inner = TrackLayer(inner);

    public Layer Inner { get; }

    protected override Tensor Call(Tensor inputs) => Inner.Apply(inputs);
}

/// <summary>Adds a loss of (mean of inputs) on every call, and calls an optional inner layer twice.</summary>
internal sealed class LossAdder(Layer? inner = null) : Layer
{
    private readonly Layer? _inner = inner;

    public LossAdder Track()
    {
        if (_inner is not null) TrackLayer(_inner);
        return this;
    }

    protected override Tensor Call(Tensor inputs)
    {
        AddLoss(Tensor.Scalar((float)inputs[0, 0]));
        if (_inner is null) return inputs;
        return _inner.Apply(_inner.Apply(inputs));
    }
}

internal sealed class Conv2D : Layer
{
    protected override Tensor Call(Tensor inputs) => inputs;
}

internal sealed class MyCustomLayer2D : Layer
{
    protected override Tensor Call(Tensor inputs) => inputs;
}

/// <summary>Sum of |x| · rate as a float64 scalar loop: an independent test regularizer.</summary>
internal sealed class AbsSumRegularizer(double rate) : Regularizer
{
    public override string ClassName => "AbsSum";

    public override Tensor Compute(Tensor x)
    {
        double sum = 0;
        for (int i = 0; i < x.Size; i++) sum += Math.Abs(x.GetAsDouble(i));
        return Tensor.Scalar((float)(rate * sum));
    }

    public override Config GetConfig() => new Config(ClassName).Set("rate", rate);
}
