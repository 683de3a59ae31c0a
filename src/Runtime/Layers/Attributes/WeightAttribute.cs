namespace Layers;

/// <summary>
/// Declares a weight of a generated layer on a <c>public partial Variable X { get; }</c> property. The
/// source generator writes the property body, creates the weight (at construction when its shape names no
/// call argument, otherwise while building) and gives it its slot in <see cref="Layer.Weights"/>.
/// Everything here is read at compile time; nothing reads this attribute at run time.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class WeightAttribute : Attribute
{
    /// <summary>
    /// The weight's shape as comma-separated dimensions: integer literals, int members of the layer
    /// (<c>Units</c>), dimensions of <c>Call</c>'s tensor arguments by parameter name (<c>inputs[-1]</c>,
    /// <c>b[0]</c>), <c>+ - * /</c> and parentheses. Empty (the default) is a scalar.
    /// </summary>
    public string Shape { get; set; } = "";

    /// <summary>A built-in initializer (<c>"zeros"</c>, <c>"glorot_uniform"</c>…) or <c>nameof(Member)</c> naming a member holding an <see cref="Layers.Initializer"/>. Default: <c>glorot_uniform</c>.</summary>
    public string? Initializer { get; set; }

    /// <summary>Whether optimizers train the weight. Default true.</summary>
    public bool Trainable { get; set; } = true;

    /// <summary>A built-in regularizer (<c>"l2"</c>…) or <c>nameof(Member)</c> naming a member holding a <see cref="Layers.Regularizer"/>.</summary>
    public string? Regularizer { get; set; }

    /// <summary>A built-in constraint (<c>"max_norm"</c>…) or <c>nameof(Member)</c> naming a member holding a <see cref="Layers.Constraint"/>.</summary>
    public string? Constraint { get; set; }

    /// <summary>The weight's name; by default the snake_case name of the property (<c>KernelWeights</c> → <c>kernel_weights</c>).</summary>
    public string? Name { get; set; }
}
