namespace Layers;

/// <summary>
/// Factories by name for one kind of serializable object (layers, initializers, regularizers,
/// constraints, activations) — how a config names a class without reflection. Built-in classes are
/// keyed by Keras' <c>class_name</c> (module <c>keras.layers</c>…); custom ones by their
/// <c>registered_name</c> (<c>package&gt;ClassName</c>), as Keras' <c>register_keras_serializable</c> does.
/// </summary>
public sealed class SerializableRegistry<T> where T : class
{
    private readonly Dictionary<string, Entry> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Entry> _byClassName = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    internal SerializableRegistry(string kind, string builtInModule)
    {
        Kind = kind;
        BuiltInModule = builtInModule;
    }

    /// <summary>What is registered, for messages (<c>layer</c>, <c>initializer</c>).</summary>
    public string Kind { get; }

    /// <summary>The Keras module of built-in classes of this kind (<c>keras.layers</c>).</summary>
    public string BuiltInModule { get; }

    /// <summary>One registered class.</summary>
    public sealed record Entry(string ClassName, string? Module, string? RegisteredName, Func<Config, T> Factory);

    /// <summary>Registers a built-in class (module <see cref="BuiltInModule"/>, no registered name).</summary>
    public void RegisterBuiltIn(string className, Func<Config, T> factory) =>
        Add(new Entry(className, BuiltInModule, null, factory));

    /// <summary>Registers a built-in class that Keras places in another module (<c>Sequential</c> is in <c>keras</c>).</summary>
    public void RegisterBuiltIn(string className, string module, Func<Config, T> factory) =>
        Add(new Entry(className, module, null, factory));

    /// <summary>
    /// Registers a custom class under <c>package&gt;className</c> (Keras' default package is <c>Custom</c>).
    /// Registering the same name again replaces the factory.
    /// </summary>
    public void Register(string package, string className, Func<Config, T> factory)
    {
        ArgumentException.ThrowIfNullOrEmpty(package);
        Add(new Entry(className, null, $"{package}>{className}", factory));
    }

    private void Add(Entry entry)
    {
        ArgumentException.ThrowIfNullOrEmpty(entry.ClassName);
        ArgumentNullException.ThrowIfNull(entry.Factory);
        lock (_lock)
        {
            _byKey[entry.RegisteredName ?? entry.ClassName] = entry;
            _byClassName[entry.ClassName] = entry;
        }
    }

    /// <summary>The entry for an object's class name, if it was registered.</summary>
    public Entry? FindByClassName(string className)
    {
        lock (_lock) return _byClassName.GetValueOrDefault(className);
    }

    /// <summary>The factory for a serialized <c>class_name</c> / <c>registered_name</c> pair, or an error that says how to register it.</summary>
    public Entry Resolve(string className, string? registeredName, string context)
    {
        lock (_lock)
        {
            if (registeredName is not null && _byKey.TryGetValue(registeredName, out var custom)) return custom;
            if (_byKey.TryGetValue(className, out var builtIn)) return builtIn;
        }
        string named = registeredName is null ? $"'{className}'" : $"'{className}' (registered name '{registeredName}')";
        throw new FormatException(
            $"{context}: unknown {Kind} class {named}. Known {Kind}s: {string.Join(", ", KnownNames())}. " +
            $"A custom {Kind} must be registered before loading: layers written with [Weight]/[SubLayer] register themselves " +
            $"when their assembly is first used; otherwise call Serialization.{RegistryPropertyName}.Register(package, className, factory).");
    }

    /// <summary>Every registered key, sorted.</summary>
    public IReadOnlyList<string> KnownNames()
    {
        lock (_lock) return [.. _byKey.Keys.Order(StringComparer.Ordinal)];
    }

    private string RegistryPropertyName => Kind switch
    {
        "layer" => "LayerRegistry",
        "initializer" => "InitializerRegistry",
        "regularizer" => "RegularizerRegistry",
        "constraint" => "ConstraintRegistry",
        "optimizer" => "OptimizerRegistry",
        "loss" => "LossRegistry",
        _ => "ScheduleRegistry",
    };
}
