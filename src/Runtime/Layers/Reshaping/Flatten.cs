namespace Layers;

/// <summary>
/// Flattens every dimension but the batch one (Keras' <c>Flatten</c>): (N, 8, 8) → (N, 64); a rank-1 input
/// becomes (N, 1). With <c>data_format="channels_first"</c>, channels are moved last first, as Keras does.
/// </summary>
public sealed partial class Flatten(string? dataFormat = null, string? name = null, DTypePolicy? dtype = null, bool trainable = true)
    : Layer(name, dtype, trainable)
{
    public string DataFormat { get; } = dataFormat switch
    {
        null or "channels_last" => "channels_last",
        "channels_first" => "channels_first",
        _ => throw new ArgumentException($"Flatten: data_format must be \"channels_last\" or \"channels_first\"; got \"{dataFormat}\".", nameof(dataFormat)),
    };

    private static readonly InputSpec AtLeastOneDimension = new(minNdim: 1);

    protected override Tensor Call(Tensor inputs)
    {
        AtLeastOneDimension.Check(inputs, 0, Name);
        var x = inputs;
        if (DataFormat == "channels_first" && x.Rank > 2)
        {
            var perm = new int[x.Rank];
            perm[0] = 0;
            for (int i = 1; i < x.Rank - 1; i++) perm[i] = i + 1;
            perm[^1] = 1;
            x = Ops.Transpose(x, perm);
        }
        return Ops.Reshape(x, x.Shape[0], x.Rank == 1 ? 1 : -1);
    }

    public override Shape ComputeOutputShape(Shape inputShape)
    {
        if (inputShape.Rank <= 1) return new Shape(inputShape.Rank == 0 ? Shape.Unknown : inputShape[0], 1);
        long size = 1;
        for (int i = 1; i < inputShape.Rank; i++)
        {
            if (inputShape[i] == Shape.Unknown) return new Shape(inputShape[0], Shape.Unknown);
            size *= inputShape[i];
        }
        return new Shape(inputShape[0], checked((int)size));
    }
}
