namespace Layers;

/// <summary>Reshapes each sample to <see cref="TargetShape"/>, keeping the batch dimension (Keras' <c>Reshape</c>); one entry may be -1.</summary>
public sealed partial class Reshape(int[] targetShape, string? name = null, DTypePolicy? dtype = null, bool trainable = true)
    : Layer(name, dtype, trainable)
{
    public int[] TargetShape { get; } = Validate(targetShape);

    protected override Tensor Call(Tensor inputs) => Ops.Reshape(inputs, [inputs.Shape[0], .. TargetShape]);

    public override Shape ComputeOutputShape(Shape inputShape)
    {
        var dims = new int[TargetShape.Length + 1];
        dims[0] = inputShape.Rank > 0 ? inputShape[0] : Shape.Unknown;
        int unknownAt = Array.IndexOf(TargetShape, -1);
        long known = 1;
        for (int i = 0; i < TargetShape.Length; i++)
        {
            dims[i + 1] = TargetShape[i];
            if (i != unknownAt) known *= TargetShape[i];
        }
        if (unknownAt >= 0)
        {
            long total = 1;
            bool allKnown = true;
            for (int i = 1; i < inputShape.Rank; i++)
            {
                if (inputShape[i] == Shape.Unknown) allKnown = false;
                else total *= inputShape[i];
            }
            dims[unknownAt + 1] = allKnown && known > 0 ? checked((int)(total / known)) : Shape.Unknown;
        }
        return new Shape(dims);
    }

    private static int[] Validate(int[] targetShape)
    {
        ArgumentNullException.ThrowIfNull(targetShape);
        if (targetShape.Count(d => d == -1) > 1 || targetShape.Any(d => d < -1))
            throw new ArgumentException(
                $"Reshape: target_shape ({string.Join(", ", targetShape)}) may contain non-negative sizes and at most one -1.", nameof(targetShape));
        return targetShape;
    }
}
