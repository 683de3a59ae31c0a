using System.Text.RegularExpressions;

namespace Layers;

/// <summary>
/// The base of every optimizer (Keras 3's <c>BaseOptimizer</c>). <see cref="ApplyGradients"/> clips the
/// gradients (<c>clipnorm</c> per gradient, <c>global_clipnorm</c> across all, or <c>clipvalue</c> per
/// element — at most one of the three, as in Keras), applies decoupled weight decay
/// (<c>w -= w · weight_decay · lr</c>, computed as one multiplication by <c>1 − weight_decay · lr</c>), runs
/// the optimizer's update for each variable in place, applies each variable's constraint, and counts the
/// step — in that order.
/// <para>
/// The learning rate is a constant or a <see cref="LearningRateSchedule"/> evaluated at <see cref="Iterations"/>.
/// Like Keras, whose learning rate is a <c>floatx</c> (float32) variable and whose schedules compute in
/// float32, the rate in use is always a float32 value, also when updating float64 variables.
/// </para>
/// </summary>
public abstract partial class Optimizer : ISerializable
{
    private readonly Dictionary<Variable, Tensor[]> _slots = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<Variable> _excludedFromWeightDecay = new(ReferenceEqualityComparer.Instance);
    private readonly Lock _lock = new();
    private float _learningRate;
    private LearningRateSchedule? _schedule;

    /// <param name="name">The optimizer's name; Keras' default is the snake_case class name, which subclasses pass.</param>
    protected Optimizer(string name, double learningRate, LearningRateSchedule? schedule, double? weightDecay,
        double? clipnorm, double? clipvalue, double? globalClipnorm)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        int clipArguments = (clipnorm is null ? 0 : 1) + (clipvalue is null ? 0 : 1) + (globalClipnorm is null ? 0 : 1);
        if (clipArguments > 1)
            throw new ArgumentException(
                $"{name}: only one of clipnorm, clipvalue and global_clipnorm can be set. " +
                $"Received: clipnorm={Show(clipnorm)}, clipvalue={Show(clipvalue)}, global_clipnorm={Show(globalClipnorm)}.");
        RequirePositive(name, "clipnorm", clipnorm);
        RequirePositive(name, "clipvalue", clipvalue);
        RequirePositive(name, "global_clipnorm", globalClipnorm);
        if (weightDecay is { } decay && !(decay >= 0 && double.IsFinite(decay)))
            throw new ArgumentOutOfRangeException(nameof(weightDecay), weightDecay, $"{name}: weight_decay must be a finite number >= 0.");
        if (schedule is null) RequireLearningRate(name, learningRate);
        Name = name;
        _learningRate = (float)learningRate;
        _schedule = schedule;
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

    /// <summary>
    /// The schedule the learning rate follows, or null for a constant rate. A schedule can replace a constant
    /// or another schedule, but not be removed (as in Keras, where assigning a schedule to
    /// <c>optimizer.learning_rate</c> is allowed and a float afterwards is not).
    /// </summary>
    public LearningRateSchedule? Schedule
    {
        get => _schedule;
        set => _schedule = value ?? throw new ArgumentNullException(nameof(value),
            $"{Name}: a schedule cannot be removed; create the optimizer with a constant learning_rate to set it later.");
    }

    public double? WeightDecay { get; }
    public double? Clipnorm { get; }
    public double? Clipvalue { get; }
    public double? GlobalClipnorm { get; }

    /// <summary>
    /// The learning rate of the next update, rounded to float32 like Keras' learning-rate variable. Setting it
    /// is what Keras' <c>LearningRateScheduler</c> and <c>ReduceLROnPlateau</c> callbacks do; as in Keras it
    /// throws when the optimizer follows a <see cref="Schedule"/>.
    /// </summary>
    public double LearningRate
    {
        get
        {
            var schedule = _schedule;
            return schedule is null ? _learningRate : (float)schedule.Compute(Iterations);
        }
        set
        {
            if (_schedule is not null)
                throw new InvalidOperationException(
                    $"{Name}: this optimizer was created with a LearningRateSchedule as its learning_rate, hence its learning rate " +
                    "is not settable. If you need the learning rate to be settable, create the optimizer with a constant learning_rate.");
            RequireLearningRate(Name, value);
            _learningRate = (float)value;
        }
    }

    /// <summary>
    /// Applies one update: <paramref name="gradients"/>[i] is the gradient of the loss with respect to
    /// <paramref name="variables"/>[i]. A null gradient skips its variable (Keras ignores <c>None</c> gradients),
    /// but at least one must be given; an empty list is a no-op. Gradients are never modified.
    /// </summary>
    public void ApplyGradients(IReadOnlyList<Tensor?> gradients, IReadOnlyList<Variable> variables)
    {
        ArgumentNullException.ThrowIfNull(gradients);
        ArgumentNullException.ThrowIfNull(variables);
        if (gradients.Count != variables.Count)
            throw new ArgumentException($"{Name}.ApplyGradients: {gradients.Count} gradients for {variables.Count} variables.");
        if (gradients.Count == 0) return;
        bool any = false;
        for (int i = 0; i < variables.Count; i++)
        {
            var variable = variables[i] ?? throw new ArgumentException($"{Name}.ApplyGradients: variable {i} is null.", nameof(variables));
            if (gradients[i] is not { } g) continue;
            any = true;
            if (g.Shape != variable.Shape || g.DType != variable.DType)
                throw new ArgumentException(
                    $"{Name}.ApplyGradients: the gradient for '{variable.Path}' has shape {g.Shape} and dtype {g.DType.Name()}, " +
                    $"but the variable has shape {variable.Shape} and dtype {variable.DType.Name()}.");
            if (!variable.DType.IsFloating())
                throw new ArgumentException($"{Name}.ApplyGradients: variable '{variable.Path}' is {variable.DType.Name()}; only float variables can be optimized.");
        }
        if (!any)
            throw new ArgumentException(
                $"{Name}.ApplyGradients: no gradients provided for any variable ({string.Join(", ", variables.Select(v => v.Path))}).");

        lock (_lock)
        {
            using var _ = GradientTape.NoGrad();
            var clipped = GradientClipping.Clip(gradients, Clipnorm, Clipvalue, GlobalClipnorm);
            double learningRate = LearningRate;
            for (int i = 0; i < variables.Count; i++)
            {
                if (clipped[i] is not { } gradient) continue;
                var variable = variables[i];
                double decayFactor = WeightDecay is { } decay && decay > 0 && UsesWeightDecay(variable) ? 1 - decay * learningRate : 1;
                Update(variable, gradient, learningRate, SlotsFor(variable), decayFactor);
            }
            for (int i = 0; i < variables.Count; i++)
                if (clipped[i] is not null) variables[i].ApplyConstraint();
            Iterations++;
        }
    }

    /// <summary>
    /// Keras' <c>var_names</c> of <c>exclude_from_weight_decay</c>: a variable whose name contains a match of
    /// any of these regular expressions (<c>"bias"</c>, <c>"gamma|beta"</c>) is not decayed.
    /// </summary>
    public ISet<string> WeightDecayExcludedNames { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// Keras' <c>exclude_from_weight_decay(var_list, var_names)</c>: replaces the excluded variables and name
    /// patterns (a pattern excludes every variable whose name it matches anywhere, as <c>re.search</c>).
    /// </summary>
    public void ExcludeFromWeightDecay(IEnumerable<Variable>? varList = null, IEnumerable<string>? varNames = null)
    {
        lock (_lock)
        {
            _excludedFromWeightDecay.Clear();
            foreach (var variable in varList ?? []) _excludedFromWeightDecay.Add(variable ?? throw new ArgumentException("A variable in var_list is null.", nameof(varList)));
            WeightDecayExcludedNames.Clear();
            foreach (var pattern in varNames ?? [])
            {
                _ = new Regex(pattern ?? throw new ArgumentException("A name in var_names is null.", nameof(varNames)), RegexOptions.CultureInvariant);
                WeightDecayExcludedNames.Add(pattern);
            }
        }
    }

    private bool UsesWeightDecay(Variable variable)
    {
        if (_excludedFromWeightDecay.Contains(variable)) return false;
        foreach (var pattern in WeightDecayExcludedNames)
            if (Regex.IsMatch(variable.Name, pattern, RegexOptions.CultureInvariant)) return false;
        return true;
    }

    /// <summary>The names of this optimizer's per-variable slots (Keras' optimizer variable names: <c>momentum</c>, <c>velocity</c>), in order.</summary>
    protected abstract IReadOnlyList<string> SlotNames { get; }

    /// <summary>The value slot <paramref name="slot"/> starts from; zero unless the optimizer says otherwise (Adagrad's accumulator).</summary>
    protected virtual double InitialSlotValue(int slot) => 0;

    /// <summary>Updates <paramref name="variable"/> in place from <paramref name="gradient"/>; <paramref name="slots"/> are its state tensors.</summary>
    protected abstract void Update(Variable variable, Tensor gradient, double learningRate, Tensor[] slots);

    /// <summary>
    /// Decays then updates <paramref name="variable"/>: <c>w *= <paramref name="decayFactor"/></c> (1 when
    /// there is no weight decay for it), then <see cref="Update(Variable, Tensor, double, Tensor[])"/>. The
    /// built-in optimizers override this to do both in one pass over memory, with the same result.
    /// </summary>
    protected virtual void Update(Variable variable, Tensor gradient, double learningRate, Tensor[] slots, double decayFactor)
    {
        ArgumentNullException.ThrowIfNull(variable);
        if (decayFactor != 1) OptimizerKernels.ScaleInPlace(variable.Value, decayFactor);
        Update(variable, gradient, learningRate, slots);
    }

    private Tensor[] SlotsFor(Variable variable)
    {
        if (_slots.TryGetValue(variable, out var slots)) return slots;
        slots = new Tensor[SlotNames.Count];
        for (int i = 0; i < slots.Length; i++) slots[i] = NewSlot(variable, i);
        _slots[variable] = slots;
        return slots;
    }

    private Tensor NewSlot(Variable variable, int slot)
    {
        double initial = InitialSlotValue(slot);
        return initial == 0 ? Tensor.Zeros(variable.Shape, variable.DType) : Tensor.Full(variable.Shape, initial, variable.DType);
    }

    /// <summary>
    /// The optimizer's state for saving: <c>iterations</c> (an int64 scalar), then each slot as
    /// <c>{variable path}/{slot name}</c> (copies). Variables the optimizer has not updated yet have no entries.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, Tensor>> GetState() => GetState(v => v.Path);

    /// <summary>
    /// As <see cref="GetState()"/>, with each variable named by <paramref name="keyOf"/> (a model archive uses
    /// structural weight keys); variables it maps to null are left out.
    /// </summary>
    internal IReadOnlyList<KeyValuePair<string, Tensor>> GetState(Func<Variable, string?> keyOf)
    {
        lock (_lock)
        {
            var state = new List<KeyValuePair<string, Tensor>> { new("iterations", Tensor.Scalar(Iterations)) };
            foreach (var (variable, slots) in _slots)
            {
                if (keyOf(variable) is not { } key) continue;
                for (int i = 0; i < slots.Length; i++)
                    state.Add(new($"{key}/{SlotNames[i]}", slots[i].Clone()));
            }
            return state;
        }
    }

    /// <summary>
    /// Restores state saved by <see cref="GetState()"/> for <paramref name="variables"/> (matched by path). All
    /// entries are checked (known keys, shapes, dtypes) before anything changes. Slots the state lacks start
    /// from their initial value; variables it lacks have no state, as before their first update.
    /// </summary>
    public void SetState(IReadOnlyDictionary<string, Tensor> state, IReadOnlyList<Variable> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var byPath = new Dictionary<string, Variable>(StringComparer.Ordinal);
        foreach (var variable in variables)
        {
            ArgumentNullException.ThrowIfNull(variable, nameof(variables));
            if (!byPath.TryAdd(variable.Path, variable) && !ReferenceEquals(byPath[variable.Path], variable))
                throw new ArgumentException($"{Name}.SetState: two variables have the path '{variable.Path}', so state cannot be matched to them.", nameof(variables));
        }
        SetState(state, byPath);
    }

    /// <summary>As <see cref="SetState(IReadOnlyDictionary{string, Tensor}, IReadOnlyList{Variable})"/>, with variables by the keys <see cref="GetState(Func{Variable, string?})"/> used.</summary>
    internal void SetState(IReadOnlyDictionary<string, Tensor> state, IReadOnlyDictionary<string, Variable> byKey)
    {
        ArgumentNullException.ThrowIfNull(state);
        var restored = new Dictionary<Variable, Tensor[]>(ReferenceEqualityComparer.Instance);
        long iterations = 0;
        foreach (var (key, value) in state)
        {
            if (value is null) throw new FormatException($"{Name} state: the value of '{key}' is null.");
            if (key == "iterations")
            {
                if (value.Size != 1 || value.DType != DType.Int64)
                    throw new FormatException($"{Name} state: 'iterations' must be an int64 scalar; found {value.DType.Name()} {value.Shape}.");
                iterations = value.Item<long>();
                if (iterations < 0) throw new FormatException($"{Name} state: 'iterations' is negative ({iterations}).");
                continue;
            }
            int slash = key.LastIndexOf('/');
            int slot = slash < 0 ? -1 : IndexOfSlot(key[(slash + 1)..]);
            if (slot < 0 || !byKey.TryGetValue(key[..slash], out var variable))
                throw new FormatException(
                    $"{Name} state: unexpected entry '{key}' (no such variable or slot; slots are {(SlotNames.Count == 0 ? "none" : string.Join(", ", SlotNames))}).");
            if (value.Shape != variable.Shape || value.DType != variable.DType)
                throw new FormatException(
                    $"{Name} state: '{key}' has shape {value.Shape} and dtype {value.DType.Name()}, but variable '{variable.Path}' has {variable.Shape} and {variable.DType.Name()}.");
            if (!restored.TryGetValue(variable, out var slots)) restored[variable] = slots = new Tensor[SlotNames.Count];
            slots[slot] = value.Clone();
        }
        foreach (var (variable, slots) in restored)
            for (int i = 0; i < slots.Length; i++)
                slots[i] ??= NewSlot(variable, i);
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

    /// <summary>
    /// Keras' base optimizer config keys. A constant <c>learning_rate</c> is written as its float32 value
    /// widened to double (<c>0.001</c> → <c>0.0010000000474974513</c>), as Keras writes its variable's value.
    /// </summary>
    public virtual Config GetConfig()
    {
        var config = new Config(ClassName).Set("name", Name);
        if (_schedule is { } schedule) config.Set("learning_rate", Serialization.Serialize(schedule));
        else config.Set("learning_rate", (double)_learningRate);
        config.Set("weight_decay", WeightDecay)
            .Set("clipnorm", Clipnorm)
            .Set("global_clipnorm", GlobalClipnorm)
            .Set("clipvalue", Clipvalue)
            .Set("use_ema", false)
            .Set("ema_momentum", 0.99)
            .Set("ema_overwrite_frequency", (double?)null)
            .Set("loss_scale_factor", (double?)null)
            .Set("gradient_accumulation_steps", (int?)null);
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

    /// <summary>
    /// Rejects the base config keys this library cannot honour (EMA, loss scaling, gradient accumulation)
    /// instead of silently training differently from the Keras model the config came from.
    /// </summary>
    protected static void RejectUnsupported(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.GetNullableBoolean("use_ema") == true)
            throw new NotSupportedException($"{config.Owner}: use_ema=True is not supported.");
        if (config.GetNullableDouble("loss_scale_factor") is { } scale && scale != 1)
            throw new NotSupportedException($"{config.Owner}: loss_scale_factor={scale} is not supported.");
        if (config.GetNullableInt64("gradient_accumulation_steps") is { } steps && steps > 1)
            throw new NotSupportedException($"{config.Owner}: gradient_accumulation_steps={steps} is not supported.");
    }

    private static void RequireLearningRate(string name, double value)
    {
        if (!(value >= 0 && double.IsFinite(value)))
            throw new ArgumentOutOfRangeException("learningRate", value, $"{name}: learning_rate must be a finite number >= 0.");
    }

    private static void RequirePositive(string name, string what, double? value)
    {
        if (value is { } v && !(v > 0))
            throw new ArgumentOutOfRangeException(what, v, $"{name}: {what} must be > 0.");
    }

    private static string Show(double? value) => value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "None";
}
