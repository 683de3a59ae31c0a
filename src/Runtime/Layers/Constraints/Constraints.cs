namespace Layers;

/// <summary>Built-in constraints by Keras name (<c>"max_norm"</c>, <c>"non_neg"</c>…).</summary>
public static partial class Constraints
{
    /// <summary>The constraint a Keras identifier or class name names, with default arguments.</summary>
    public static Constraint Get(string name) => Identifiers.Get(Serialization.ConstraintRegistry, name, "constraint");

    public static Constraint MaxNorm(double maxValue = 2, params int[] axis) => new MaxNorm(maxValue, axis);

    public static Constraint MinMaxNorm(double minValue = 0.0, double maxValue = 1.0, double rate = 1.0, params int[] axis) =>
        new MinMaxNorm(minValue, maxValue, rate, axis);

    public static Constraint NonNeg() => new NonNeg();

    public static Constraint UnitNorm(params int[] axis) => new UnitNorm(axis);
}
