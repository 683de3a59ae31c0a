namespace Layers;

/// <summary>
/// When <see cref="ModelCheckpoint"/> saves: <c>"epoch"</c> (at each epoch end) or a number of training
/// batches. Converts from the values Keras' <c>save_freq</c> takes: <c>saveFreq: "epoch"</c> or <c>saveFreq: 100</c>.
/// </summary>
public readonly record struct SaveFrequency
{
    private SaveFrequency(int batches) => Batches = batches;

    /// <summary>The number of batches between saves, or 0 for every epoch.</summary>
    public int Batches { get; }

    public bool IsEpoch => Batches == 0;

    public static SaveFrequency Epoch => default;

    public static SaveFrequency EveryBatches(int batches) => batches > 0
        ? new SaveFrequency(batches)
        : throw new ArgumentOutOfRangeException(nameof(batches), batches, "save_freq must be 'epoch' or a positive number of batches.");

    public static implicit operator SaveFrequency(int batches) => EveryBatches(batches);

    public static implicit operator SaveFrequency(string value) => value == "epoch"
        ? Epoch
        : throw new ArgumentException($"Unrecognized save_freq: {value}. Expected save_freq are 'epoch' or integer values", nameof(value));

    public override string ToString() => IsEpoch ? "epoch" : Batches.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
