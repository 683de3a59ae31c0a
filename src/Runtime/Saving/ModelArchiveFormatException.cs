namespace Layers;

/// <summary>
/// A model archive that is malformed or not what it claims to be: not a zip, a missing, duplicated or
/// unknown entry, an entry too large or compressed suspiciously well, or an entry whose content is
/// invalid. The message names the archive and the entry.
/// </summary>
public sealed class ModelArchiveFormatException : FormatException
{
    public ModelArchiveFormatException()
        : base("Invalid model archive.")
    {
    }

    public ModelArchiveFormatException(string message)
        : base(message)
    {
    }

    public ModelArchiveFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <param name="problem">What is wrong, as a sentence.</param>
    /// <param name="source">The archive's file name.</param>
    /// <param name="entry">The entry involved, if any.</param>
    public ModelArchiveFormatException(string problem, string? source, string? entry, Exception? innerException = null)
        : base(Compose(problem, source, entry), innerException)
    {
        Entry = entry;
    }

    /// <summary>The archive entry the problem concerns (<c>config.json</c>…), or null for the archive as a whole.</summary>
    public string? Entry { get; }

    private static string Compose(string problem, string? source, string? entry)
    {
        string where = (source, entry) switch
        {
            (null, null) => "",
            (null, _) => $" (entry '{entry}')",
            (_, null) => $" '{source}'",
            _ => $" '{source}' (entry '{entry}')",
        };
        return $"Invalid model archive{where}: {problem}";
    }
}
