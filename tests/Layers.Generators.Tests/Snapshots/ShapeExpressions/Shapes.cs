using Layers;

namespace Shapes;

// The shape language: literals, int properties, fields, constants, static members, primary-constructor
// parameters stored in members, call-argument dims by Call parameter name, + - * / and parentheses.
public sealed partial class Mixer(int heads, int keyDim) : Layer
{
    private const int Extra = 2;
    private static readonly int s_groups = 4;
    private readonly int _keyDim = keyDim;

    public int Heads { get; } = heads;

    [Weight(Shape = "Heads * _keyDim, a[-1]")]
    public partial Variable Query { get; }

    [Weight(Shape = "b[0], (a[-1] + Extra) / 2, heads")]
    public partial Variable Key { get; }

    [Weight(Shape = "s_groups - 1, 3 * (Heads + 1),")]
    public partial Variable Bias { get; }

    [Weight]
    public partial Variable Scalar { get; }

    private Tensor Call(Tensor a, Tensor b) => a + b;
}

// A layer called with one list of tensors indexes an item's shape: inputs[1][-1].
public sealed partial class Concat : Layer
{
    [Weight(Shape = "inputs[0][-1] + inputs[1][-1]", Initializer = "zeros")]
    public partial Variable Offset { get; }

    protected override Tensor Call(System.Collections.Generic.IReadOnlyList<Tensor> inputs) => inputs[0] + Offset;
}
