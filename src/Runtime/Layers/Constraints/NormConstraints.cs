namespace Layers;

/// <summary>Shared by the norm constraints: Keras' fuzz factor and the norm along the constrained axes.</summary>
internal static class ConstraintMath
{
    /// <summary>Keras' <c>backend.epsilon()</c>.</summary>
    public const double Epsilon = 1e-7;

    public static Tensor Norms(Tensor w, int[] axes) => Ops.Sqrt(Ops.Sum(Ops.Square(w), axes, keepDims: true));

    public static int[] Axes(Config c, string owner)
    {
        var axes = c.GetNullableInt32Array("axis") ?? [0];
        return axes.Length > 0 ? axes : throw new FormatException($"{owner} config: 'axis' must name at least one axis.");
    }
}

/// <summary>Rescales slices whose norm along <see cref="Axis"/> exceeds <see cref="MaxValue"/> (Keras' <c>MaxNorm</c>, defaults 2, axis 0).</summary>
public sealed class MaxNorm(double maxValue = 2, params int[] axis) : Constraint
{
    public double MaxValue { get; } = maxValue;
    public int[] Axis { get; } = axis is { Length: > 0 } ? axis : [0];

    public override string ClassName => "MaxNorm";

    public override Tensor Apply(Tensor w)
    {
        var norms = ConstraintMath.Norms(w, Axis);
        var desired = Ops.Clip(norms, 0, MaxValue);
        return Ops.Multiply(w, Ops.Divide(desired, Ops.Add(norms, ConstraintMath.Epsilon)));
    }

    public override Config GetConfig() => new Config(ClassName).Set("max_value", MaxValue).Set("axis", AxisConfig(Axis));

    internal static MaxNorm FromConfig(Config c) => new(c.GetNullableDouble("max_value") ?? 2, ConstraintMath.Axes(c, "MaxNorm"));

    internal static System.Text.Json.Nodes.JsonNode AxisConfig(int[] axis) =>
        axis.Length == 1 ? System.Text.Json.Nodes.JsonValue.Create(axis[0]) : new System.Text.Json.Nodes.JsonArray([.. axis.Select(a => (System.Text.Json.Nodes.JsonNode)a)]);
}

/// <summary>
/// Moves slice norms into [<see cref="MinValue"/>, <see cref="MaxValue"/>] at <see cref="Rate"/> per update
/// (Keras' <c>MinMaxNorm</c>, defaults 0, 1, rate 1, axis 0).
/// </summary>
public sealed class MinMaxNorm(double minValue = 0.0, double maxValue = 1.0, double rate = 1.0, params int[] axis) : Constraint
{
    public double MinValue { get; } = minValue;
    public double MaxValue { get; } = maxValue;
    public double Rate { get; } = rate;
    public int[] Axis { get; } = axis is { Length: > 0 } ? axis : [0];

    public override string ClassName => "MinMaxNorm";

    public override Tensor Apply(Tensor w)
    {
        var norms = ConstraintMath.Norms(w, Axis);
        var desired = Ops.Add(Ops.Multiply(Ops.Clip(norms, MinValue, MaxValue), Rate), Ops.Multiply(norms, 1 - Rate));
        return Ops.Multiply(w, Ops.Divide(desired, Ops.Add(norms, ConstraintMath.Epsilon)));
    }

    public override Config GetConfig() => new Config(ClassName)
        .Set("min_value", MinValue).Set("max_value", MaxValue).Set("rate", Rate).Set("axis", MaxNorm.AxisConfig(Axis));

    internal static MinMaxNorm FromConfig(Config c) => new(c.GetNullableDouble("min_value") ?? 0, c.GetNullableDouble("max_value") ?? 1,
        c.GetNullableDouble("rate") ?? 1, ConstraintMath.Axes(c, "MinMaxNorm"));
}

/// <summary>Zeroes negative weights (Keras' <c>NonNeg</c>).</summary>
public sealed class NonNeg : Constraint
{
    public override string ClassName => "NonNeg";

    public override Tensor Apply(Tensor w) => Ops.Multiply(w, Ops.Cast(Ops.GreaterEqual(w, Tensor.Scalar(0.0, w.DType)), w.DType));

    public override Config GetConfig() => new(ClassName);
}

/// <summary>Scales slices to unit norm along <see cref="Axis"/> (Keras' <c>UnitNorm</c>, axis 0).</summary>
public sealed class UnitNorm(params int[] axis) : Constraint
{
    public int[] Axis { get; } = axis is { Length: > 0 } ? axis : [0];

    public override string ClassName => "UnitNorm";

    public override Tensor Apply(Tensor w) => Ops.Divide(w, Ops.Add(ConstraintMath.Norms(w, Axis), ConstraintMath.Epsilon));

    public override Config GetConfig() => new Config(ClassName).Set("axis", MaxNorm.AxisConfig(Axis));

    internal static UnitNorm FromConfig(Config c) => new(ConstraintMath.Axes(c, "UnitNorm"));
}
