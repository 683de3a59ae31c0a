namespace Layers;

/// <summary>
/// Bounds on what reading a model archive may cost, checked against each entry's declared size before
/// anything is decompressed (and enforced while decompressing, since the declared size can lie).
/// </summary>
public sealed record ModelArchiveLimits
{
    public static ModelArchiveLimits Default { get; } = new();

    /// <summary>The largest <c>config.json</c> accepted.</summary>
    public long MaxConfigBytes { get; init; } = 64L << 20;

    /// <summary>The largest <c>metadata.json</c> accepted.</summary>
    public long MaxMetadataBytes { get; init; } = 1L << 20;

    /// <summary>The largest <c>model.safetensors</c> accepted.</summary>
    public long MaxWeightsBytes { get; init; } = 64L << 30;

    /// <summary>
    /// The largest ratio of declared to compressed size for entries above <see cref="RatioExemptBytes"/>.
    /// Weights are written uncompressed (ratio 1) and JSON compresses about 10:1; a zip bomb needs far
    /// more, so this bounds what a small file can make us allocate.
    /// </summary>
    public int MaxCompressionRatio { get; init; } = 100;

    /// <summary>Entries up to this size are exempt from the ratio check: they are cheap whatever their ratio.</summary>
    public long RatioExemptBytes { get; init; } = 1L << 20;
}
