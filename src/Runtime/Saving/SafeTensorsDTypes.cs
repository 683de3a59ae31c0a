namespace Layers;

/// <summary>The safetensors names of our dtypes (<c>F32</c>, <c>I64</c>, <c>BOOL</c>…).</summary>
internal static class SafeTensorsDTypes
{
    public const string Supported = "F32, F64, I32, I64, BOOL";

    /// <summary>Dtypes the safetensors spec defines that our tensors cannot hold, so the error can say so rather than "unknown".</summary>
    private static readonly HashSet<string> s_knownUnsupported = new(StringComparer.Ordinal)
    {
        "F16", "BF16", "F8_E4M3", "F8_E5M2", "F8_E8M0", "F4", "F6_E2M3", "F6_E3M2",
        "I8", "I16", "U8", "U16", "U32", "U64", "C64",
    };

    public static string Name(DType dtype) => dtype switch
    {
        DType.Float32 => "F32",
        DType.Float64 => "F64",
        DType.Int32 => "I32",
        DType.Int64 => "I64",
        DType.Bool => "BOOL",
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Not a defined DType value."),
    };

    public static bool TryParse(string name, out DType dtype)
    {
        switch (name)
        {
            case "F32": dtype = DType.Float32; return true;
            case "F64": dtype = DType.Float64; return true;
            case "I32": dtype = DType.Int32; return true;
            case "I64": dtype = DType.Int64; return true;
            case "BOOL": dtype = DType.Bool; return true;
            default: dtype = default; return false;
        }
    }

    /// <summary>Why <paramref name="name"/> cannot be read, for an error message.</summary>
    public static string Unsupported(string name) => s_knownUnsupported.Contains(name)
        ? $"dtype \"{name}\" is a safetensors dtype that Layers tensors cannot hold; supported dtypes are {Supported}."
        : $"dtype \"{name}\" is not a safetensors dtype; supported dtypes are {Supported}.";
}
