using Layers;

namespace Parts;

public sealed partial class Doubler
{
    protected override Tensor Call(Tensor inputs) => inputs * Factor;
}
