namespace Layers;

/// <summary>Fixed facts of the safetensors layout and the limits we impose when reading.</summary>
internal static class SafeTensorsLayout
{
    /// <summary>The header starts with its length as a little-endian u64.</summary>
    public const int LengthPrefixBytes = 8;

    /// <summary>The reference implementation's limit on the JSON header; a longer one is refused before any allocation.</summary>
    public const long MaxHeaderBytes = 100_000_000;

    /// <summary>NumPy's limit on the number of dimensions.</summary>
    public const int MaxRank = 64;

    /// <summary>The reserved header key for the free-form string→string map.</summary>
    public const string MetadataKey = "__metadata__";

    /// <summary>The header is padded with spaces to this multiple, as the reference writer does, so the data starts aligned.</summary>
    public const int HeaderAlignment = 8;
}
