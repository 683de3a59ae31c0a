namespace Layers;

/// <summary>
/// Weights that do not fit a layer: keys missing from the source, keys the layer does not have, a
/// shape or dtype that differs, or a layer that is not built yet. Thrown before any weight changes.
/// </summary>
public sealed class WeightsMismatchException : InvalidOperationException
{
    public WeightsMismatchException()
        : this("The weights do not fit the layer.")
    {
    }

    public WeightsMismatchException(string message)
        : this(message, null)
    {
    }

    public WeightsMismatchException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    internal WeightsMismatchException(string message, IReadOnlyList<string> missingKeys, IReadOnlyList<string> unexpectedKeys,
        IReadOnlyList<string> mismatchedKeys, IReadOnlyList<string> unbuiltLayerPaths)
        : base(message)
    {
        MissingKeys = missingKeys;
        UnexpectedKeys = unexpectedKeys;
        MismatchedKeys = mismatchedKeys;
        UnbuiltLayerPaths = unbuiltLayerPaths;
    }

    /// <summary>Keys of the layer's weights that the source lacks.</summary>
    public IReadOnlyList<string> MissingKeys { get; } = [];

    /// <summary>Keys in the source that name no weight of the layer.</summary>
    public IReadOnlyList<string> UnexpectedKeys { get; } = [];

    /// <summary>Keys whose shape or dtype differs between the layer and the source.</summary>
    public IReadOnlyList<string> MismatchedKeys { get; } = [];

    /// <summary>Paths of unbuilt layers the source has weights for.</summary>
    public IReadOnlyList<string> UnbuiltLayerPaths { get; } = [];
}
