using Layers;

namespace Nesting;

// Layers nested in generic, struct and record types; a generic layer. None can be registered by name
// except the one nested in a non-generic public type.
public partial class Model<T>
{
    public sealed partial class Block(int units) : Layer
    {
        public int Units { get; } = units;

        [Weight(Shape = "x[-1], Units")]
        public partial Variable Kernel { get; }

        protected override Tensor Call(Tensor x) => x * Kernel;
    }
}

public partial struct Holder
{
    internal sealed partial class Inner : Layer
    {
        [Weight(Shape = "2")]
        public partial Variable Gain { get; }

        protected override Tensor Call(Tensor x) => x * Gain;
    }
}

public partial record Settings
{
    private sealed partial class Hidden : Layer
    {
        protected override Tensor Call(Tensor x) => x;
    }
}

public sealed partial class Wrapper<TLayer> : Layer where TLayer : Layer, new()
{
    [SubLayer] public TLayer Inner { get; } = new();

    protected override Tensor Call(Tensor x) => Inner.Apply(x);
}
