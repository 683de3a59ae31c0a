namespace Layers;

/// <summary>Built-in constraints by Keras name (<c>"max_norm"</c>, <c>"non_neg"</c>…).</summary>
public static partial class Constraints
{
    /// <summary>The constraint a Keras identifier or class name names, with default arguments.</summary>
    public static Constraint Get(string name) => Identifiers.Get(Serialization.ConstraintRegistry, name, "constraint");
}
