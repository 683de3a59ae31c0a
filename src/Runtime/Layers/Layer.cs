namespace Layers;

/// <summary>
/// The base class of every layer: Keras' <c>Layer</c> contract in C#.
/// <para>
/// A layer holds state (weights, created by <see cref="AddWeight"/>), computes in <c>Call</c>, and is
/// invoked through <see cref="Apply(Tensor, bool?, Tensor?)"/> (Keras' <c>__call__</c>), which builds it
/// from the first input's shape, checks <see cref="InputSpec"/>, casts float inputs to the compute dtype,
/// resolves <c>training</c> and <c>mask</c>, and collects losses.
/// </para>
/// <para>
/// Write layers as <c>partial</c> classes with <c>[Weight]</c> and <c>[SubLayer]</c> members and let the
/// source generator write tracking, building and configuration; or by hand, overriding
/// <see cref="OnBuild(Shape)"/> to call <see cref="AddWeight"/> and calling <see cref="TrackLayer{TLayer}"/>
/// for sublayers. The protected members marked "generator hook" are what generated code overrides.
/// </para>
/// </summary>
public abstract partial class Layer : ISerializable
{
    private readonly Lock _stateLock = new();
    private string _name;
    private bool _trainable;
    private volatile bool _built;
    private DTypePolicy _dtypePolicy;

    /// <param name="name">The layer's name; by default the snake_case class name made unique (<c>dense</c>, <c>dense_1</c>).</param>
    /// <param name="dtype">The dtype policy (a <see cref="DType"/> or name converts); by default <see cref="DTypePolicy.Global"/>.</param>
    /// <param name="trainable">Whether the layer's weights are trained.</param>
    /// <param name="dynamic">Kept for fidelity with tf.keras; every layer runs eagerly.</param>
    /// <param name="activityRegularizer">A penalty on the layer's outputs, added to <see cref="Losses"/>.</param>
    /// <param name="autocast">Whether float inputs are cast to the compute dtype before <c>Call</c>.</param>
    protected Layer(string? name = null, DTypePolicy? dtype = null, bool trainable = true, bool dynamic = false,
        Regularizer? activityRegularizer = null, bool autocast = true)
    {
        if (PendingIdentity.TakeFor(this) is { } pending)
        {
            name ??= pending.Name;
            dtype ??= pending.DType;
        }
        if (name is not null) LayerNames.Validate(name, "Layer");
        _name = name ?? LayerNames.AutoName(ClassName);
        _dtypePolicy = dtype ?? DTypePolicy.Global;
        _trainable = trainable;
        Dynamic = dynamic;
        ActivityRegularizer = activityRegularizer;
        Autocast = autocast;
    }

    /// <summary>Keras' class name, written to configs (<c>Dense</c>). Generated layers return their C# class name.</summary>
    public virtual string ClassName => GetType().Name;

    /// <summary>
    /// Keras' <c>registered_name</c> of a custom layer (<c>package&gt;ClassName</c>), written to its config so that
    /// loading finds this exact class even when another layer has the same class name. Generated layers return
    /// the name they register under; null (the default) looks the class up by <see cref="ClassName"/>.
    /// </summary>
    public virtual string? RegisteredName => null;

    /// <summary>The layer's name. Unique by default; can be changed until the layer is built.</summary>
    public string Name
    {
        get => _name;
        set
        {
            LayerNames.Validate(value, "Layer");
            if (_built)
                throw new InvalidOperationException($"Layer '{_name}' is already built; its name can only change before it is built.");
            _name = value;
        }
    }

    /// <summary>The dtype policy; its variable dtype is <see cref="DType"/>.</summary>
    public DTypePolicy DTypePolicy
    {
        get => _dtypePolicy;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            if (_built || HasOwnWeights)
                throw new InvalidOperationException($"Layer '{_name}' already has weights; set its dtype policy before they are created.");
            _dtypePolicy = value;
        }
    }

    /// <summary>The dtype of the layer's weights (Keras' <c>layer.dtype</c>).</summary>
    public DType DType => _dtypePolicy.VariableDType;

    /// <summary>The dtype float inputs are cast to before <c>Call</c>.</summary>
    public DType ComputeDType => _dtypePolicy.ComputeDType;

    /// <summary>Whether float inputs are cast to <see cref="ComputeDType"/>.</summary>
    public bool Autocast { get; }

    /// <summary>tf.keras' <c>dynamic</c>: kept for fidelity; every layer runs eagerly.</summary>
    public bool Dynamic { get; }

    /// <summary>True once the layer's state exists (after the first call or an explicit <see cref="Build(Shape)"/>).</summary>
    public bool Built => _built;

    /// <summary>The input constraints checked on every call before building and calling; null accepts anything.</summary>
    public InputSpec? InputSpec { get; set; }

    /// <summary>A penalty on outputs, divided by the batch size and added to <see cref="Losses"/>.</summary>
    public Regularizer? ActivityRegularizer { get; set; }

    /// <summary>
    /// Whether the layer is trained. Setting it sets the flag of every own weight created trainable
    /// (as Keras 3 does: a weight created non-trainable, such as a moving mean, never becomes trainable)
    /// and recurses into sublayers; <see cref="Weights"/> keeps its order.
    /// </summary>
    public bool Trainable
    {
        get => _trainable;
        set
        {
            _trainable = value;
            foreach (var weight in TrainableBucket) weight.Trainable = value;
            foreach (var layer in Layers) layer.Trainable = value;
            StateVersion.Bump();
        }
    }

    /// <summary>Keras' <c>&lt;Dense name=dense, built=False&gt;</c>.</summary>
    public override string ToString() => $"<{ClassName} name={Name}, built={(Built ? "True" : "False")}>";

    /// <summary>Throws unless the layer can still create state (before build, or during it).</summary>
    private protected void EnsureStateCanChange(string what)
    {
        if (_built && !_building)
            throw new InvalidOperationException(
                $"Layer '{Name}' ({ClassName}) is already built, so it cannot {what}. " +
                "All state must be created in the constructor or in Build (OnBuild), before the first call.");
    }
}
