using Layers;

namespace Partials;

public sealed partial class Piece : Layer
{
    protected override Tensor Call(Tensor inputs) => inputs;
}

public sealed partial class Split : Layer
{
    [SubLayer] private readonly Piece _firstPiece = new();

    [Weight(Shape = "inputs[-1]")]
    public partial Variable Early { get; }

    protected override Tensor Call(Tensor inputs) => _secondPiece.Apply(_firstPiece.Apply(inputs)) * Early * Late;
}
