using System.Collections.Generic;
using Layers;

namespace Configs;

public enum Padding
{
    Valid,
    Same,
    CausalSame,
}

public sealed partial class Inner(int units = 4) : Layer
{
    public int Units { get; } = units;

    protected override Tensor Call(Tensor inputs) => inputs;
}

// Every supported constructor parameter type, required, nullable and with defaults; base keys forwarded.
public sealed partial class Everything(
    bool flag,
    int count,
    long big,
    short small,
    uint unsigned,
    float rate,
    double epsilon,
    string label,
    Padding padding,
    Shape kernelShape,
    int[] strides,
    Initializer initializer,
    Regularizer? regularizer,
    Constraint? constraint,
    ActivationFunction activation,
    Inner inner,
    IReadOnlyList<int> units,
    List<string> tags,
    Padding[] paddings,
    IReadOnlyList<Inner> blocks,
    bool? maybe = null,
    int? optionalCount = 3,
    float dropout = 0.5f,
    double momentum = 0.99,
    string? note = null,
    string mode = "fan_in",
    Padding defaultPadding = Padding.CausalSame,
    Shape? poolShape = null,
    ActivationFunction? recurrentActivation = null,
    Inner? optionalInner = null,
    List<int>? optionalList = null,
    string? name = null,
    DTypePolicy? dtype = null,
    bool trainable = true) : Layer(name: name, dtype: dtype, trainable: trainable)
{
    public bool Flag { get; } = flag;
    public int Count { get; } = count;
    public long Big { get; } = big;
    public short Small { get; } = small;
    public uint Unsigned { get; } = unsigned;
    public float Rate { get; } = rate;
    public double Epsilon { get; } = epsilon;
    public string Label { get; } = label;
    public Padding Padding { get; } = padding;
    public Shape KernelShape { get; } = kernelShape;
    public int[] Strides { get; } = strides;
    public Initializer Initializer { get; } = initializer;
    public Regularizer? Regularizer { get; } = regularizer;
    public Constraint? Constraint { get; } = constraint;
    public ActivationFunction Activation { get; } = activation;
    [SubLayer] public Inner Inner { get; } = inner;
    public IReadOnlyList<int> Units { get; } = units;
    public List<string> Tags { get; } = tags;
    public Padding[] Paddings { get; } = paddings;
    [SubLayer] public IReadOnlyList<Inner> Blocks { get; } = blocks;
    public bool? Maybe { get; } = maybe;
    public int? OptionalCount { get; } = optionalCount;
    public float Dropout { get; } = dropout;
    public double Momentum { get; } = momentum;
    public string? Note { get; } = note;
    public string Mode { get; } = mode;
    public Padding DefaultPadding { get; } = defaultPadding;
    public Shape? PoolShape { get; } = poolShape;
    public ActivationFunction? RecurrentActivation { get; } = recurrentActivation;
    [SubLayer] public Inner? OptionalInner { get; } = optionalInner;
    public List<int>? OptionalList { get; } = optionalList;

    protected override Tensor Call(Tensor inputs) => Activation.Call(Inner.Apply(inputs));
}
