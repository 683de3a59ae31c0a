namespace Layers.Tests.Saving;

/// <summary>y = x · kernel + bias, plus an integer weight whose shape follows <c>units</c>, so a different <c>units</c> is a shape mismatch.</summary>
internal sealed class Affine(int units = 3, string? name = null, DTypePolicy? dtype = null) : Layer(name, dtype)
{
    public int BuildCount { get; private set; }

    protected override void OnBuild(Shape inputShape)
    {
        BuildCount++;
        AddWeight(new Shape(inputShape[-1]), Initializers.Ones(), name: "kernel");
        AddWeight(new Shape(inputShape[-1]), Initializers.Zeros(), name: "bias");
        AddWeight(new Shape(units), Initializers.Zeros(), DType.Int64, trainable: false, name: "counts");
    }

    protected override Tensor Call(Tensor inputs) => inputs * Weights[0] + Weights[1];
}

/// <summary>A weight created in the constructor, so it exists before any build.</summary>
internal sealed class Counter : Layer
{
    public Counter() => Calls = AddWeight(Shape.Scalar, Initializers.Zeros(), DType.Int64, trainable: false, name: "calls");

    public Variable Calls { get; }

    protected override Tensor Call(Tensor inputs) => inputs;
}

/// <summary>Several <see cref="Affine"/> layers in a row, then a <see cref="Counter"/>.</summary>
internal sealed class Block : Layer
{
    public Block(int depth = 2, int units = 3, string? name = null) : base(name)
    {
        for (int i = 0; i < depth; i++) TrackLayer(new Affine(units));
        TrackLayer(new Counter());
    }

    protected override Tensor Call(Tensor inputs)
    {
        foreach (var layer in Layers) inputs = layer.Apply(inputs);
        return inputs;
    }
}

/// <summary>A block, then one more affine layer: three levels of nesting.</summary>
internal sealed class Outer : Layer
{
    public Outer(int depth = 2, int units = 3)
    {
        Block = TrackLayer(new Block(depth, units));
        Head = TrackLayer(new Affine(units));
    }

    public Block Block { get; }

    public Affine Head { get; }

    protected override Tensor Call(Tensor inputs) => Head.Apply(Block.Apply(inputs));
}

/// <summary>Holds the same sublayer twice, and shares it with another parent.</summary>
internal sealed class Twice : Layer
{
    public Twice(Layer shared)
    {
        TrackLayer(new Affine());
        TrackLayer(shared);
        TrackLayer(new Block(depth: 1, units: 2));
    }

    protected override Tensor Call(Tensor inputs)
    {
        foreach (var layer in Layers) inputs = layer.Apply(inputs);
        return inputs;
    }
}

/// <summary>A layer whose build always fails, to see how a load reports it.</summary>
internal sealed class Fussy : Layer
{
    protected override void OnBuild(Shape inputShape) =>
        throw new ArgumentException($"Fussy layers only accept rank 3, not {inputShape}.");

    protected override Tensor Call(Tensor inputs) => inputs;
}

/// <summary>A container around a <see cref="Fussy"/> whose weights the file claims.</summary>
internal sealed class FussyHolder : Layer
{
    public FussyHolder() => TrackLayer(new Fussy());

    protected override Tensor Call(Tensor inputs) => Layers[0].Apply(inputs);
}

/// <summary>Two weights with one name: their keys would collide.</summary>
internal sealed class SameNames : Layer
{
    public SameNames()
    {
        AddWeight(new Shape(1), Initializers.Zeros(), name: "w");
        AddWeight(new Shape(1), Initializers.Zeros(), name: "w");
    }

    protected override Tensor Call(Tensor inputs) => inputs;
}

internal static class LayerValues
{
    /// <summary>Gives every weight distinct seeded values, so a load that mixes weights up is visible.</summary>
    public static void Randomize(Layer layer, int seed)
    {
        var weights = layer.Weights;
        layer.SetWeights([.. weights.Select((w, i) => TensorAssert.Random(seed + i, w.Shape, w.DType))]);
    }

    public static byte[][] Snapshot(Layer layer) => [.. layer.Weights.Select(w => TensorAssert.Bytes(w.Value))];
}
