namespace Layers;

/// <summary><c>l1 · Σ|x|</c> (Keras' <c>L1</c>, default 0.01).</summary>
public sealed class L1(double l1 = 0.01) : Regularizer
{
    public double Factor { get; } = RegularizerFactor.Check("L1", "l1", l1);

    public override string ClassName => "L1";

    public override Tensor Compute(Tensor x) => Ops.Multiply(Ops.Sum(Ops.Abs(x)), Factor);

    public override Config GetConfig() => new Config(ClassName).Set("l1", Factor);

    internal static L1 FromConfig(Config c) => new(c.GetNullableDouble("l1") ?? 0.01);
}

/// <summary><c>l2 · Σx²</c> (Keras' <c>L2</c>, default 0.01).</summary>
public sealed class L2(double l2 = 0.01) : Regularizer
{
    public double Factor { get; } = RegularizerFactor.Check("L2", "l2", l2);

    public override string ClassName => "L2";

    public override Tensor Compute(Tensor x) => Ops.Multiply(Ops.Sum(Ops.Square(x)), Factor);

    public override Config GetConfig() => new Config(ClassName).Set("l2", Factor);

    internal static L2 FromConfig(Config c) => new(c.GetNullableDouble("l2") ?? 0.01);
}

/// <summary><c>l1 · Σ|x| + l2 · Σx²</c> (Keras' <c>L1L2</c>, defaults 0 and 0).</summary>
public sealed class L1L2(double l1 = 0.0, double l2 = 0.0) : Regularizer
{
    public double L1Factor { get; } = RegularizerFactor.Check("L1L2", "l1", l1);
    public double L2Factor { get; } = RegularizerFactor.Check("L1L2", "l2", l2);

    public override string ClassName => "L1L2";

    public override Tensor Compute(Tensor x)
    {
        var penalty = Tensor.Scalar(0.0, x.DType);
        if (L1Factor != 0) penalty = Ops.Add(penalty, Ops.Multiply(Ops.Sum(Ops.Abs(x)), L1Factor));
        if (L2Factor != 0) penalty = Ops.Add(penalty, Ops.Multiply(Ops.Sum(Ops.Square(x)), L2Factor));
        return penalty;
    }

    public override Config GetConfig() => new Config(ClassName).Set("l1", L1Factor).Set("l2", L2Factor);

    internal static L1L2 FromConfig(Config c) => new(c.GetNullableDouble("l1") ?? 0.0, c.GetNullableDouble("l2") ?? 0.0);
}

internal static class RegularizerFactor
{
    public static double Check(string owner, string name, double value) =>
        value >= 0 && double.IsFinite(value)
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{owner}: {name} must be a finite number >= 0.");
}
