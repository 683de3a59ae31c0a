using Layers;

namespace Seeds;

// The seed's activity regularization layer: only Call and a constructor argument.
public sealed partial class ActivityRegularization(float rate = 1e-2f) : Layer
{
    public float Rate { get; } = rate;

    protected override Tensor Call(Tensor inputs)
    {
        AddLoss(inputs * Rate);
        return inputs;
    }
}

// Not partial: an ordinary hand-written layer the generator leaves alone.
public sealed class HandWritten : Layer
{
    protected override Tensor Call(Tensor inputs) => inputs;
}
