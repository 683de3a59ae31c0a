namespace Layers;

/// <summary>Built-in activations by Keras name.</summary>
public static partial class Activations
{
    private static readonly Dictionary<string, ActivationFunction> s_byName = new(StringComparer.Ordinal);
    private static readonly Lock s_lock = new();

    static Activations() => RegisterBuiltIns();

    /// <summary>The activation named <paramref name="name"/> (<c>"relu"</c>); <c>null</c> or <c>"linear"</c> is the identity.</summary>
    public static ActivationFunction Get(string? name)
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
    public static void Register(ActivationFunction activation)
    {
        ArgumentNullException.ThrowIfNull(activation);
        lock (s_lock) s_byName[activation.Name] = activation;
    }

    /// <summary>An activation from a name and a function.</summary>
    public static ActivationFunction Create(string name, Func<Tensor, Tensor> function) => new FunctionActivation(name, function);

    /// <summary>SELU's constants (Klambauer et al. 2017), as Keras defines them.</summary>
    private const double SeluAlpha = 1.6732632423543772848170429916717;
    private const double SeluScale = 1.0507009873554804934193349852946;

    private static void RegisterBuiltIns()
    {
        Register(new FunctionActivation("linear", static x => x));
        Register(new FunctionActivation("relu", Ops.Relu, InPlaceKernels.Relu));
        Register(new FunctionActivation("relu6", static x => Ops.Clip(x, 0, 6)));
        Register(new FunctionActivation("leaky_relu", static x => LeakyRelu(x, 0.2)));
        Register(new FunctionActivation("elu", static x => Ops.Elu(x)));
        Register(new FunctionActivation("selu", static x => Ops.Multiply(Ops.Elu(x, SeluAlpha), SeluScale)));
        Register(new FunctionActivation("gelu", static x => Ops.Gelu(x)));
        Register(new FunctionActivation("silu", Ops.Silu));
        Register(new FunctionActivation("swish", Ops.Silu));
        Register(new FunctionActivation("sigmoid", Ops.Sigmoid));
        Register(new FunctionActivation("hard_sigmoid", static x => Ops.Clip(Ops.Add(Ops.Multiply(x, 1.0 / 6), 0.5), 0, 1)));
        Register(new FunctionActivation("tanh", Ops.Tanh));
        Register(new FunctionActivation("softplus", Ops.Softplus));
        Register(new FunctionActivation("softsign", static x => Ops.Divide(x, Ops.Add(Ops.Abs(x), 1))));
        Register(new FunctionActivation("softmax", static x => Ops.Softmax(x)));
        Register(new FunctionActivation("log_softmax", static x => Ops.LogSoftmax(x)));
        Register(new FunctionActivation("exponential", Ops.Exp));
    }

    /// <summary><c>x</c> where x ≥ 0, <c>negativeSlope · x</c> elsewhere (Keras' default slope is 0.2).</summary>
    public static Tensor LeakyRelu(Tensor x, double negativeSlope = 0.2)
    {
        ArgumentNullException.ThrowIfNull(x);
        return Ops.Where(Ops.GreaterEqual(x, Tensor.Scalar(0.0, x.DType)), x, Ops.Multiply(x, negativeSlope));
    }

    /// <param name="onTemporary">The same function computed over its argument's own storage, where there is one.</param>
    private sealed class FunctionActivation(string name, Func<Tensor, Tensor> function, Func<Tensor, Tensor>? onTemporary = null)
        : ActivationFunction
    {
        public override string Name { get; } = name ?? throw new ArgumentNullException(nameof(name));

        public override Tensor Call(Tensor x) => function(x);

        internal override Tensor CallOnTemporary(Tensor x) => (onTemporary ?? function)(x);
    }
}
