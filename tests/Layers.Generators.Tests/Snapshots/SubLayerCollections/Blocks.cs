using System.Collections.Generic;
using Layers;

namespace Composition;

public sealed partial class Scale : Layer
{
    [Weight(Shape = "inputs[-1]", Initializer = "ones")]
    public partial Variable Kernel { get; }

    protected override Tensor Call(Tensor inputs) => inputs * Kernel;
}

// Sublayers of every supported form: a field, a property, an array, IReadOnlyList<T>, List<T>, a nullable
// member. Tracked in declaration order, list items in list order.
public sealed partial class Stack : Layer
{
    [SubLayer] private readonly Scale _first = new();

    [SubLayer] public Scale? Optional { get; set; }

    [SubLayer] private readonly Scale[] _array = [new(), new()];

    [SubLayer] public IReadOnlyList<Scale> ReadOnlyBlocks { get; } = [new Scale()];

    [SubLayer] private readonly List<Layer> _mutable = new() { new Scale() };

    protected override Tensor Call(Tensor inputs)
    {
        var x = _first.Apply(inputs);
        if (Optional is not null) x = Optional.Apply(x);
        foreach (var layer in _array) x = layer.Apply(x);
        foreach (var layer in ReadOnlyBlocks) x = layer.Apply(x);
        foreach (var layer in _mutable) x = layer.Apply(x);
        return x;
    }
}
