namespace Layers;

/// <summary>
/// The base of every optimizer (Keras 3's <c>BaseOptimizer</c>). <see cref="ApplyGradients"/> clips the
/// gradients (<c>clipnorm</c> per gradient, <c>global_clipnorm</c> across all, <c>clipvalue</c> per element),
/// applies decoupled weight decay (<c>w -= w · weight_decay · lr</c>), runs the optimizer's update for
/// each variable in place, counts the step, and applies each variable's constraint — in that order.
/// The learning rate is a constant or a <see cref="LearningRateSchedule"/> evaluated at <see cref="Iterations"/>.
/// </summary>
public abstract partial class Optimizer : ISerializable
{
    private readonly Dictionary<Variable, Tensor[]> _slots = new(ReferenceEqualityComparer.Instance);
    private readonly Lock _lock = new();
    private double _learningRate;

    protected Optimizer(string name, double learningRate, LearningRateSchedule? schedule, double? weightDecay,
        double? clipnorm, double? clipvalue, double? globalClipnorm)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (clipnorm is not null && globalClipnorm is not null)
            throw new ArgumentException($"{name}: only one of clipnorm and global_clipnorm can be set (got {clipnorm} and {globalClipnorm}).");
        RequirePositive(name, "clipnorm", clipnorm);
        RequirePositive(name, "clipvalue", clipvalue);
        RequirePositive(name, "global_clipnorm", globalClipnorm);
        if (weightDecay is < 0)
            throw new ArgumentOutOfRangeException(nameof(weightDecay), weightDecay, $"{name}: weight_decay must be >= 0.");
        if (schedule is null && !(learningRate > 0))
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, $"{name}: learning_rate must be > 0.");
        Name = name;
        _learningRate = learningRate;
        Schedule = schedule;
        WeightDecay = weightDecay;
        Clipnorm = clipnorm;
        Clipvalue = clipvalue;
        GlobalClipnorm = globalClipnorm;
    }

    public string Name { get; }

    /// <inheritdoc/>
    public abstract string ClassName { get; }

    /// <summary>Number of updates applied so far (Keras' <c>iterations</c>).</summary>
    public long Iterations { get; set; }

    /// <summary>The schedule the learning rate follows, or null for a constant rate.</summary>
    public LearningRateSchedule? Schedule { get; private set; }

    public double? WeightDecay { get; }
    public double? Clipnorm { get; }
    public double? Clipvalue { get; }
    public double? GlobalClipnorm { get; }

    /// <summary>
    /// The learning rate of the next update. Setting it replaces any schedule with a constant (what Keras'
    /// <c>LearningRateScheduler</c> and <c>ReduceLROnPlateau</c> callbacks do).
    /// </summary>
    public double LearningRate
    {
        get => Schedule?.Compute(Iterations) ?? _learningRate;
        set
        {
            if (!(value > 0)) throw new ArgumentOutOfRangeException(nameof(value), value, $"{Name}: learning_rate must be > 0.");
            _learningRate = value;
            Schedule = null;
        }
    }

    /// <summary>
    /// Applies one update: <paramref name="gradients"/>[i] is the gradient of the loss with respect to
    /// <paramref name="variables"/>[i]. A null gradient skips its variable (Keras ignores <c>None</c> gradients).
    /// Gradients are never modified.
    /// </summary>
    public void ApplyGradients(IReadOnlyList<Tensor?> gradients, IReadOnlyList<Variable> variables)
    {
        ArgumentNullException.ThrowIfNull(gradients);
        ArgumentNullException.ThrowIfNull(variables);
        if (gradients.Count != variables.Count)
            throw new ArgumentException($"{Name}.ApplyGradients: {gradients.Count} gradients for {variables.Count} variables.");
        for (int i = 0; i < variables.Count; i++)
        {
            var variable = variables[i] ?? throw new ArgumentException($"{Name}.ApplyGradients: variable {i} is null.", nameof(variables));
            if (gradients[i] is { } g && (g.Shape != variable.Shape || g.DType != variable.DType))
                throw new ArgumentException(
                    $"{Name}.ApplyGradients: the gradient for '{variable.Path}' has shape {g.Shape} and dtype {g.DType.Name()}, " +
                    $"but the variable has shape {variable.Shape} and dtype {variable.DType.Name()}.");
        }

        lock (_lock)
        {
            using var _ = GradientTape.NoGrad();
            var clipped = GradientClipping.Clip(gradients, Clipnorm, Clipvalue, GlobalClipnorm);
            double learningRate = LearningRate;
            for (int i = 0; i < variables.Count; i++)
            {
                if (clipped[i] is not { } gradient) continue;
                var variable = variables[i];
                if (WeightDecay is { } decay && decay > 0 && !ExcludedFromWeightDecay(variable))
                    OptimizerKernels.ScaleInPlace(variable.Value, 1 - decay * learningRate);
                Update(variable, gradient, learningRate, SlotsFor(variable));
            }
            Iterations++;
            for (int i = 0; i < variables.Count; i++)
                if (clipped[i] is not null) variables[i].ApplyConstraint();
        }
    }

    /// <summary>Variables whose name is in this set (bias, normalization scales…) are not decayed; Keras' <c>exclude_from_weight_decay</c>.</summary>
    public ISet<string> WeightDecayExcludedNames { get; } = new HashSet<string>(StringComparer.Ordinal);

    private bool ExcludedFromWeightDecay(Variable variable) => WeightDecayExcludedNames.Contains(variable.Name);

    /// <summary>The names of this optimizer's per-variable slots (<c>momentum</c>, <c>velocity</c>), in order.</summary>
    protected abstract IReadOnlyList<string> SlotNames { get; }

    /// <summary>Updates <paramref name="variable"/> in place from <paramref name="gradient"/>; <paramref name="slots"/> are its state tensors, zero-initialized.</summary>
    protected abstract void Update(Variable variable, Tensor gradient, double learningRate, Tensor[] slots);

    private Tensor[] SlotsFor(Variable variable)
    {
        if (_slots.TryGetValue(variable, out var slots)) return slots;
        slots = new Tensor[SlotNames.Count];
        for (int i = 0; i < slots.Length; i++) slots[i] = Tensor.Zeros(variable.Shape, variable.DType);
        _slots[variable] = slots;
        return slots;
    }

    /// <summary>
    /// The optimizer's state for saving: <c>iterations</c>, then each slot as <c>{variable path}/{slot name}</c>
    /// (copies). Variables the optimizer has not updated yet have no entries.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, Tensor>> GetState()
    {
        lock (_lock)
        {
            var state = new List<KeyValuePair<string, Tensor>> { new("iterations", Tensor.Scalar(Iterations)) };
            foreach (var (variable, slots) in _slots)
                for (int i = 0; i < slots.Length; i++)
                    state.Add(new($"{variable.Path}/{SlotNames[i]}", slots[i].Clone()));
            return state;
        }
    }

    /// <summary>
    /// Restores state saved by <see cref="GetState"/> for <paramref name="variables"/> (matched by path). All
    /// entries are checked (known keys, shapes, dtypes) before anything changes.
    /// </summary>
    public void SetState(IReadOnlyDictionary<string, Tensor> state, IReadOnlyList<Variable> variables)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(variables);
        var byPath = variables.ToDictionary(v => v.Path, StringComparer.Ordinal);
        var restored = new Dictionary<Variable, Tensor[]>(ReferenceEqualityComparer.Instance);
        long iterations = 0;
        foreach (var (key, value) in state)
        {
            if (key == "iterations")
            {
                if (value.Size != 1 || value.DType != DType.Int64)
                    throw new FormatException($"{Name} state: 'iterations' must be an int64 scalar; found {value.DType.Name()} {value.Shape}.");
                iterations = value.Item<long>();
                continue;
            }
            int slash = key.LastIndexOf('/');
            int slot = slash < 0 ? -1 : IndexOfSlot(key[(slash + 1)..]);
            if (slot < 0 || !byPath.TryGetValue(key[..slash], out var variable))
                throw new FormatException($"{Name} state: unexpected entry '{key}' (no such variable or slot; slots are {string.Join(", ", SlotNames)}).");
            if (value.Shape != variable.Shape || value.DType != variable.DType)
                throw new FormatException(
                    $"{Name} state: '{key}' has shape {value.Shape} and dtype {value.DType.Name()}, but variable '{variable.Path}' has {variable.Shape} and {variable.DType.Name()}.");
            if (!restored.TryGetValue(variable, out var slots)) restored[variable] = slots = new Tensor[SlotNames.Count];
            slots[slot] = value.Clone();
        }
        foreach (var (variable, slots) in restored)
            for (int i = 0; i < slots.Length; i++)
                slots[i] ??= Tensor.Zeros(variable.Shape, variable.DType);
        lock (_lock)
        {
            _slots.Clear();
            foreach (var (variable, slots) in restored) _slots[variable] = slots;
            Iterations = iterations;
        }
    }

    private int IndexOfSlot(string name)
    {
        for (int i = 0; i < SlotNames.Count; i++)
            if (SlotNames[i] == name) return i;
        return -1;
    }

    /// <summary>Keras' base optimizer config keys.</summary>
    public virtual Config GetConfig()
    {
        var config = new Config(ClassName).Set("name", Name);
        if (Schedule is not null) config.Set("learning_rate", Serialization.Serialize(Schedule));
        else config.Set("learning_rate", _learningRate);
        config.Set("weight_decay", WeightDecay)
            .Set("clipnorm", Clipnorm)
            .Set("global_clipnorm", GlobalClipnorm)
            .Set("clipvalue", Clipvalue)
            .Set("use_ema", false);
        return config;
    }

    /// <summary>Optimizers by Keras identifier (<c>"adam"</c>, <c>"sgd"</c>, <c>"rmsprop"</c>…), with default arguments.</summary>
    public static implicit operator Optimizer(string name) => Get(name);

    /// <summary>The optimizer a Keras identifier or class name names, with default arguments.</summary>
    public static Optimizer Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string className = name.ToLowerInvariant() switch
        {
            "sgd" => "SGD",
            "adam" => "Adam",
            "adamw" => "AdamW",
            "rmsprop" => "RMSprop",
            "adagrad" => "Adagrad",
            _ => name,
        };
        return Identifiers.Get(Serialization.OptimizerRegistry, className, "optimizer");
    }

    /// <summary>Reads <c>learning_rate</c> from a config: a number, or a serialized schedule.</summary>
    protected static (double LearningRate, LearningRateSchedule? Schedule) ReadLearningRate(Config config, double defaultValue)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.GetNode("learning_rate") is System.Text.Json.Nodes.JsonObject schedule)
            return (defaultValue, Serialization.DeserializeSchedule(schedule, $"{config.Owner}.learning_rate"));
        return (config.GetNullableDouble("learning_rate") ?? defaultValue, null);
    }

    private static void RequirePositive(string name, string what, double? value)
    {
        if (value is { } v && !(v > 0))
            throw new ArgumentOutOfRangeException(what, v, $"{name}: {what} must be > 0.");
    }
}
