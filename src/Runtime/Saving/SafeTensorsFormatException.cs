using System.Globalization;

namespace Layers;

/// <summary>
/// A safetensors file (or stream) that is malformed or not what it claims to be. The message names
/// the problem, the tensor key when one is involved, and the byte offset in the file where the
/// problem was found, so a corrupt or hostile file can be diagnosed without a hex editor.
/// </summary>
public sealed class SafeTensorsFormatException : FormatException
{
    public SafeTensorsFormatException()
        : base("Invalid safetensors data.")
    {
    }

    public SafeTensorsFormatException(string message)
        : base(message)
    {
    }

    public SafeTensorsFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <param name="problem">What is wrong, as a sentence.</param>
    /// <param name="key">The tensor (or metadata) key involved, if any.</param>
    /// <param name="offset">The byte offset in the file where the problem is, if known.</param>
    /// <param name="source">The file name or another description of where the bytes came from.</param>
    public SafeTensorsFormatException(string problem, string? key, long? offset, string? source = null, Exception? innerException = null)
        : base(Compose(problem, key, offset, source), innerException)
    {
        Key = key;
        Offset = offset;
    }

    /// <summary>The tensor or metadata key the problem concerns, or null when it concerns the file as a whole.</summary>
    public string? Key { get; }

    /// <summary>The byte offset, from the start of the safetensors data, where the problem was found.</summary>
    public long? Offset { get; }

    private static string Compose(string problem, string? key, long? offset, string? source)
    {
        var where = new List<string>(3);
        if (source is not null) where.Add($"'{source}'");
        if (key is not null) where.Add($"key '{key}'");
        if (offset is { } at) where.Add("byte " + at.ToString(CultureInfo.InvariantCulture));
        return where.Count == 0
            ? $"Invalid safetensors data: {problem}"
            : $"Invalid safetensors data ({string.Join(", ", where)}): {problem}";
    }
}
