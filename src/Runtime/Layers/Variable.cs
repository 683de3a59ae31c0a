namespace Layers;

/// <summary>
/// Mutable state of a layer (Keras' <c>Variable</c>): a value tensor plus a name, a path
/// (<c>outer/inner/kernel</c>), a trainable flag, an optional regularizer and an optional constraint.
/// <para>
/// The value tensor is the variable's storage: <see cref="Assign"/>, <see cref="AssignAdd"/> and
/// <see cref="AssignSub"/> write into it in place, so its identity never changes and a
/// <see cref="GradientTape"/> can find it. Read <see cref="Numpy"/> (or <c>Value.Clone()</c>) for a
/// snapshot that later assignments will not change.
/// </para>
/// </summary>
public sealed class Variable
{
    private bool _trainable;

    public Variable(Tensor initialValue, string name = "variable", bool trainable = true,
        Regularizer? regularizer = null, Constraint? constraint = null)
    {
        ArgumentNullException.ThrowIfNull(initialValue);
        ValidateName(name);
        Value = initialValue.Clone();
        Value.Variable = this;
        Name = name;
        Path = name;
        _trainable = trainable;
        Regularizer = regularizer;
        Constraint = constraint;
    }

    /// <summary>The storage tensor. Ops read it directly; it is mutated only by the Assign methods.</summary>
    public Tensor Value { get; }

    /// <summary>The name given at creation (<c>kernel</c>, <c>variable_1</c>).</summary>
    public string Name { get; }

    /// <summary>
    /// The name prefixed with the names of the layers being called when it was created (<c>mlp_block/linear_1/w</c>),
    /// as Keras' <c>variable.path</c>. Weight files use structural keys instead (see docs/saving.md), because layer
    /// names come from a process-wide counter and differ between runs.
    /// </summary>
    public string Path { get; internal set; }

    public Shape Shape => Value.Shape;

    public DType DType => Value.DType;

    /// <summary>Whether optimizers update it and tapes watch it. Setting a layer's <c>Trainable</c> sets this.</summary>
    public bool Trainable
    {
        get => _trainable;
        set => _trainable = value;
    }

    /// <summary>Penalty added to the owning layer's losses while the variable is trainable.</summary>
    public Regularizer? Regularizer { get; }

    /// <summary>Projection applied by optimizers after each update (for example <c>max_norm</c>).</summary>
    public Constraint? Constraint { get; }

    /// <summary>Copies <paramref name="value"/> into the variable. Shape and dtype must match exactly.</summary>
    public void Assign(Tensor value)
    {
        CheckCompatible(value, nameof(Assign));
        Tensor.CopyStorage(value, Value);
    }

    /// <summary>Adds <paramref name="delta"/> in place (broadcast to the variable's shape).</summary>
    public void AssignAdd(Tensor delta) => AssignCombined(delta, nameof(AssignAdd), subtract: false);

    /// <summary>Subtracts <paramref name="delta"/> in place (broadcast to the variable's shape).</summary>
    public void AssignSub(Tensor delta) => AssignCombined(delta, nameof(AssignSub), subtract: true);

    /// <summary>A copy of the current value that later assignments will not change.</summary>
    public Tensor Numpy() => Value.Clone();

    /// <summary>Applies the constraint, if any, to the current value. Optimizers call this after every update.</summary>
    public void ApplyConstraint()
    {
        if (Constraint is null) return;
        using (GradientTape.NoGrad())
            Assign(Constraint.Apply(Value));
    }

    public static implicit operator Tensor(Variable variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        return variable.Value;
    }

    public static Tensor operator +(Variable a, Variable b) => Ops.Add(a, b);
    public static Tensor operator +(Variable a, double b) => Ops.Add(a, b);
    public static Tensor operator +(double a, Variable b) => Ops.Add(b, a);
    public static Tensor operator -(Variable a, Variable b) => Ops.Subtract(a, b);
    public static Tensor operator -(Variable a, double b) => Ops.Subtract(a, b);
    public static Tensor operator -(double a, Variable b) => Ops.Subtract(a, b);
    public static Tensor operator *(Variable a, Variable b) => Ops.Multiply(a, b);
    public static Tensor operator *(Variable a, double b) => Ops.Multiply(a, b);
    public static Tensor operator *(double a, Variable b) => Ops.Multiply(b, a);
    public static Tensor operator /(Variable a, Variable b) => Ops.Divide(a, b);
    public static Tensor operator /(Variable a, double b) => Ops.Divide(a, b);
    public static Tensor operator /(double a, Variable b) => Ops.Divide(a, b);
    public static Tensor operator -(Variable x) => Ops.Negate(x);

    public override string ToString() => $"<Variable path={Path}, shape={Shape}, dtype={DType.Name()}, value={Value.FormatValues()}>";

    private void AssignCombined(Tensor delta, string op, bool subtract)
    {
        ArgumentNullException.ThrowIfNull(delta);
        Tensor sum;
        using (GradientTape.NoGrad())
            sum = subtract ? Ops.Subtract(Value, delta) : Ops.Add(Value, delta);
        CheckCompatible(sum, op);
        Tensor.CopyStorage(sum, Value);
    }

    private void CheckCompatible(Tensor value, string op)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Shape != Shape)
            throw new ArgumentException(
                $"Variable.{op}: variable '{Path}' has shape {Shape} but the value has shape {value.Shape}.", nameof(value));
        if (value.DType != DType)
            throw new ArgumentException(
                $"Variable.{op}: variable '{Path}' has dtype {DType.Name()} but the value has dtype {value.DType.Name()}; cast it first.", nameof(value));
    }

    internal static void ValidateName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0)
            throw new ArgumentException("A variable name cannot be empty.", nameof(name));
        if (name.Contains('/'))
            throw new ArgumentException($"Variable name '{name}' contains '/'; '/' separates the layers of a path.", nameof(name));
    }
}
