using System.ComponentModel;

namespace Layers;

public abstract partial class Layer
{
    /// <summary>Weights created by this layer, in Keras' two buckets, each ordered by (declaration slot, creation).</summary>
    private readonly List<OwnedWeight> _trainableBucket = [];
    private readonly List<OwnedWeight> _nonTrainableBucket = [];
    private readonly List<Layer> _trackedLayers = [];
    private StateSnapshot? _snapshot;
    private bool _eagerWeightsCreated;
    private bool _creatingEagerWeights;
    private bool _building;
    private int _creationCounter;

    private readonly record struct OwnedWeight(Variable Variable, int Slot, int Sequence);

    /// <summary>What <see cref="Weights"/> and friends return, cached until any layer's structure changes.</summary>
    private sealed class StateSnapshot(int version, Layer[] layers, Variable[] weights, Variable[] trainable, Variable[] nonTrainable)
    {
        public int Version { get; } = version;
        public Layer[] Layers { get; } = layers;
        public Variable[] Weights { get; } = weights;
        public Variable[] Trainable { get; } = trainable;
        public Variable[] NonTrainable { get; } = nonTrainable;
    }

    /// <summary>
    /// Every weight: this layer's trainable-bucket weights, then its non-trainable ones (each in declaration
    /// order, then creation order), then each sublayer's <see cref="Weights"/> in tracking order,
    /// deduplicated. Freezing never reorders it (Keras 3).
    /// </summary>
    public IReadOnlyList<Variable> Weights => Snapshot().Weights;

    /// <summary>The trainable subset of <see cref="Weights"/>; empty when the layer is frozen.</summary>
    public IReadOnlyList<Variable> TrainableWeights => Snapshot().Trainable;

    /// <summary>The rest of <see cref="Weights"/>; all of them when the layer is frozen.</summary>
    public IReadOnlyList<Variable> NonTrainableWeights => Snapshot().NonTrainable;

    /// <summary>Keras' <c>variables</c>: the same list as <see cref="Weights"/>.</summary>
    public IReadOnlyList<Variable> Variables => Weights;

    /// <summary>The direct sublayers, in tracking order: declared (<c>[SubLayer]</c>) ones, then explicitly tracked ones.</summary>
    public IReadOnlyList<Layer> Layers => Snapshot().Layers;

    private bool HasOwnWeights => _trainableBucket.Count + _nonTrainableBucket.Count > 0;

    /// <summary>This layer's own weights created trainable (Keras' <c>_trainable_variables</c>).</summary>
    private Variable[] TrainableBucket
    {
        get
        {
            lock (_stateLock) return [.. _trainableBucket.Select(w => w.Variable)];
        }
    }

    /// <summary>
    /// Creates a weight owned by this layer (Keras' <c>add_weight</c>). Allowed in the constructor and
    /// while building; afterwards state is locked.
    /// </summary>
    /// <param name="shape">Default <c>()</c>, a scalar.</param>
    /// <param name="initializer">Default <c>glorot_uniform</c> for float weights and <c>zeros</c> otherwise.</param>
    /// <param name="dtype">Default: the layer's variable dtype.</param>
    /// <param name="name">Default: <c>variable</c>, <c>variable_1</c>… (process-wide, as Keras).</param>
    public Variable AddWeight(Shape? shape = null, Initializer? initializer = null, DType? dtype = null, bool trainable = true,
        Regularizer? regularizer = null, Constraint? constraint = null, string? name = null) =>
        CreateWeight(int.MaxValue, shape ?? Shape.Scalar, initializer, dtype, trainable, regularizer, constraint, name);

    /// <summary>Generator hook: creates a declared weight in its declaration slot.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected Variable AddDeclaredWeight(int slot, string name, Shape shape, Initializer? initializer, bool trainable,
        Regularizer? regularizer, Constraint? constraint, DType? dtype = null) =>
        CreateWeight(slot, shape, initializer, dtype, trainable, regularizer, constraint, name);

    private Variable CreateWeight(int slot, Shape shape, Initializer? initializer, DType? dtype, bool trainable,
        Regularizer? regularizer, Constraint? constraint, string? name)
    {
        if (name is not null) LayerNames.Validate(name, $"Layer '{Name}' weight");
        EnsureStateCanChange($"create weight '{name ?? "variable"}'");
        if (!shape.IsFullyDefined)
            throw new ArgumentException(
                $"Layer '{Name}' weight '{name ?? "variable"}': shape {shape} has unknown dimensions; a weight's shape must be fully known when it is created.",
                nameof(shape));
        var variableDType = dtype ?? DType;
        initializer ??= Initializers.Get(variableDType.IsFloating() ? "glorot_uniform" : "zeros");
        Tensor value;
        using (GradientTape.NoGrad())
            value = initializer.Call(shape, variableDType);
        if (value.Shape != shape || value.DType != variableDType)
            throw new InvalidOperationException(
                $"Initializer {initializer.ClassName} returned shape {value.Shape} and dtype {value.DType.Name()} for weight '{name}' of layer '{Name}', which asked for {shape} and {variableDType.Name()}.");
        var variable = new Variable(value, name ?? LayerNames.Uniquify("variable"), trainable, regularizer, constraint);
        variable.Path = WeightScopePath() + "/" + variable.Name;
        lock (_stateLock)
        {
            var bucket = trainable ? _trainableBucket : _nonTrainableBucket;
            int position = bucket.Count;
            while (position > 0 && bucket[position - 1].Slot > slot) position--;
            bucket.Insert(position, new OwnedWeight(variable, slot, _creationCounter++));
        }
        StateVersion.Bump();
        return variable;
    }

    /// <summary>The scope a weight created now gets: the layers being called, ending with this one.</summary>
    private string WeightScopePath()
    {
        var scope = CallContext.ScopePath();
        if (scope is null) return Name;
        return scope == Name || scope.EndsWith("/" + Name, StringComparison.Ordinal) ? scope : scope + "/" + Name;
    }

    /// <summary>
    /// Tracks <paramref name="layer"/> as a sublayer of a hand-written layer (Keras tracks attributes
    /// automatically; generated layers track <c>[SubLayer]</c> members). Returns it, for
    /// <c>_dense = TrackLayer(new Dense(4));</c>.
    /// </summary>
    protected TLayer TrackLayer<TLayer>(TLayer layer) where TLayer : Layer
    {
        ArgumentNullException.ThrowIfNull(layer);
        if (ReferenceEquals(layer, this))
            throw new ArgumentException($"Layer '{Name}' cannot track itself as a sublayer.", nameof(layer));
        EnsureStateCanChange($"track sublayer '{layer.Name}'");
        lock (_stateLock)
        {
            if (!_trackedLayers.Contains(layer)) _trackedLayers.Add(layer);
        }
        StateVersion.Bump();
        return layer;
    }

    /// <summary>Stops tracking a sublayer tracked with <see cref="TrackLayer{TLayer}"/> (used by <c>Sequential.Pop</c>).</summary>
    protected void UntrackLayer(Layer layer)
    {
        lock (_stateLock) _trackedLayers.Remove(layer);
        StateVersion.Bump();
    }

    /// <summary>Generator hook: appends the <c>[SubLayer]</c> members in declaration order (base class members first).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected virtual void CollectDeclaredLayers(List<Layer> layers)
    {
    }

    /// <summary>Generator hook: creates the declared weights whose shapes name no call argument.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected virtual void CreateEagerWeights()
    {
    }

    /// <summary>Generator hook: creates the declared weights whose shapes depend on the call arguments' shapes.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected virtual void CreateBuildWeights(IReadOnlyList<Shape> inputShapes)
    {
    }

    /// <summary>
    /// Generator hook behind a declared weight's property: creates the eager weights if needed and returns
    /// the field, or explains that the weight is created when the layer is built.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected Variable GetDeclaredWeight(ref Variable? field, string name)
    {
        EnsureEagerWeights();
        return field ?? throw new InvalidOperationException(
            $"Weight '{name}' of layer '{Name}' does not exist yet: its shape depends on the input, so it is created when the layer " +
            "is built — on the first call, or by Build(inputShape).");
    }

    /// <summary>Creates the eager declared weights once (weights whose shapes are known at construction).</summary>
    private void EnsureEagerWeights()
    {
        if (_eagerWeightsCreated) return;
        lock (_stateLock)
        {
            if (_eagerWeightsCreated || _creatingEagerWeights) return;
            _creatingEagerWeights = true;
            try
            {
                CreateEagerWeights();
                _eagerWeightsCreated = true;
            }
            finally
            {
                _creatingEagerWeights = false;
            }
        }
    }

    private StateSnapshot Snapshot()
    {
        var snapshot = _snapshot;
        if (snapshot is not null && snapshot.Version == StateVersion.Current) return snapshot;
        EnsureEagerWeights();
        int version = StateVersion.Current;

        var layers = new List<Layer>();
        CollectDeclaredLayers(layers);
        lock (_stateLock) layers.AddRange(_trackedLayers);
        var uniqueLayers = new List<Layer>(layers.Count);
        var seenLayers = new HashSet<Layer>(ReferenceEqualityComparer.Instance) { this };
        foreach (var layer in layers)
            if (layer is not null && seenLayers.Add(layer)) uniqueLayers.Add(layer);

        var weights = new List<Variable>();
        var seen = new HashSet<Variable>(ReferenceEqualityComparer.Instance);
        lock (_stateLock)
        {
            foreach (var w in _trainableBucket) if (seen.Add(w.Variable)) weights.Add(w.Variable);
            foreach (var w in _nonTrainableBucket) if (seen.Add(w.Variable)) weights.Add(w.Variable);
        }
        foreach (var layer in uniqueLayers)
            foreach (var w in layer.Weights)
                if (seen.Add(w)) weights.Add(w);

        Variable[] trainable, nonTrainable;
        if (_trainable)
        {
            trainable = weights.Where(w => w.Trainable).ToArray();
            nonTrainable = weights.Where(w => !w.Trainable).ToArray();
        }
        else
        {
            trainable = [];
            nonTrainable = [.. weights];
        }
        snapshot = new StateSnapshot(version, [.. uniqueLayers], [.. weights], trainable, nonTrainable);
        _snapshot = snapshot;
        return snapshot;
    }
}
