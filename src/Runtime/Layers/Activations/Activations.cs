namespace Layers;

/// <summary>Built-in activations by Keras name.</summary>
public static partial class Activations
{
    private static readonly Dictionary<string, Activation> s_byName = new(StringComparer.Ordinal);
    private static readonly Lock s_lock = new();

    static Activations() => RegisterBuiltIns();

    /// <summary>The activation named <paramref name="name"/> (<c>"relu"</c>); <c>null</c> or <c>"linear"</c> is the identity.</summary>
    public static Activation Get(string? name)
    {
        name ??= "linear";
        lock (s_lock)
        {
            if (s_byName.TryGetValue(name, out var activation)) return activation;
            throw new ArgumentException(
                $"Unknown activation '{name}'. Known activations: {string.Join(", ", s_byName.Keys.Order(StringComparer.Ordinal))}.", nameof(name));
        }
    }

    /// <summary>Every registered name, sorted.</summary>
    public static IReadOnlyList<string> Names
    {
        get
        {
            lock (s_lock) return [.. s_byName.Keys.Order(StringComparer.Ordinal)];
        }
    }

    /// <summary>Registers a custom activation under its <see cref="Activation.Name"/> (replacing one of that name).</summary>
    public static void Register(Activation activation)
    {
        ArgumentNullException.ThrowIfNull(activation);
        lock (s_lock) s_byName[activation.Name] = activation;
    }

    /// <summary>An activation from a name and a function.</summary>
    public static Activation Create(string name, Func<Tensor, Tensor> function) => new FunctionActivation(name, function);

    private static void RegisterBuiltIns()
    {
        Register(new FunctionActivation("linear", static x => x));
    }

    private sealed class FunctionActivation(string name, Func<Tensor, Tensor> function) : Activation
    {
        public override string Name { get; } = name ?? throw new ArgumentNullException(nameof(name));

        public override Tensor Call(Tensor x) => function(x);
    }
}
