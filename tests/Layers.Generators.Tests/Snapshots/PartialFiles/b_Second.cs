using Layers;

namespace Partials;

// The second file by path: its weights come after a_First.cs's, whatever order the compiler sees the files in.
public sealed partial class Split
{
    [Weight(Shape = "inputs[-1]")]
    public partial Variable Late { get; }

    [SubLayer] private readonly Piece _secondPiece = new();
}
