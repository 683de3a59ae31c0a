namespace Layers;

/// <summary>
/// Randomly zeroes a fraction <see cref="Rate"/> of its inputs during training and scales the rest by
/// <c>1 / (1 − rate)</c> (Keras' <c>Dropout</c>); the identity when not training. With a
/// <see cref="Seed"/>, the sequence of masks is reproducible; <see cref="NoiseShape"/> shares one mask
/// value along axes of size 1 (Keras' <c>noise_shape</c>; unknown entries take the input's size).
/// </summary>
public sealed partial class Dropout(double rate, long? seed = null, int[]? noiseShape = null, string? name = null,
    DTypePolicy? dtype = null, bool trainable = true)
    : Layer(name, dtype, trainable)
{
    private readonly SeedGenerator _seeds = seed is { } s ? new SeedGenerator(s) : new SeedGenerator();

    public double Rate { get; } = rate is >= 0 and <= 1
        ? rate
        : throw new ArgumentOutOfRangeException(nameof(rate), rate, "Dropout: invalid value received for argument rate; expected a float value between 0 and 1.");

    public long? Seed { get; } = seed;

    public int[]? NoiseShape { get; } = noiseShape;

    protected override Tensor Call(Tensor inputs, bool training)
    {
        if (!training || Rate == 0) return inputs;
        if (Rate == 1) return Ops.Multiply(inputs, 0.0);
        double keep = 1 - Rate;
        var noise = Tensor.RandomUniform(MaskShape(inputs.Shape), _seeds, dtype: inputs.DType);
        Tensor scale;
        using (GradientTape.NoGrad())
            scale = Ops.Multiply(Ops.Cast(Ops.Less(noise, Tensor.Scalar(keep, inputs.DType)), inputs.DType), 1 / keep);
        return Ops.Multiply(inputs, scale);
    }

    private Shape MaskShape(Shape input)
    {
        if (NoiseShape is null) return input;
        if (NoiseShape.Length != input.Rank)
            throw new ArgumentException($"Dropout '{Name}': noise_shape ({string.Join(", ", NoiseShape)}) has rank {NoiseShape.Length} but the input has shape {input}.");
        var dims = new int[input.Rank];
        for (int i = 0; i < dims.Length; i++)
        {
            dims[i] = NoiseShape[i] < 0 ? input[i] : NoiseShape[i];
            if (dims[i] != 1 && dims[i] != input[i])
                throw new ArgumentException($"Dropout '{Name}': noise_shape dimension {i} is {NoiseShape[i]}, which must be 1 or the input's {input[i]} (input shape {input}).");
        }
        return new Shape(dims);
    }

    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;
}
