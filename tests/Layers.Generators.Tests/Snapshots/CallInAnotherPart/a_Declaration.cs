using Layers;

namespace Parts;

// The base list is on this part; Call is on the other one, which the generator still finds.
public sealed partial class Doubler(float factor = 2f) : Layer
{
    public float Factor { get; } = factor;
}
