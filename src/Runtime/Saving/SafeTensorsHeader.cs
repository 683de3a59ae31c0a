namespace Layers;

/// <summary>A validated safetensors header: every entry checked on its own and all of them together against the data region.</summary>
internal sealed class SafeTensorsHeader
{
    private readonly Dictionary<string, SafeTensorsEntry> _byKey;

    public SafeTensorsHeader(IReadOnlyList<SafeTensorsEntry> entriesInDataOrder, IReadOnlyDictionary<string, string> metadata, long headerLength)
    {
        Entries = entriesInDataOrder;
        Metadata = metadata;
        HeaderLength = headerLength;
        _byKey = new Dictionary<string, SafeTensorsEntry>(entriesInDataOrder.Count, StringComparer.Ordinal);
        foreach (var entry in entriesInDataOrder) _byKey.Add(entry.Key, entry);
        DataLength = entriesInDataOrder.Count == 0 ? 0 : entriesInDataOrder[^1].End;
    }

    /// <summary>Entries ordered by their position in the data region.</summary>
    public IReadOnlyList<SafeTensorsEntry> Entries { get; }

    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>N, the length of the JSON header (padding included).</summary>
    public long HeaderLength { get; }

    /// <summary>Where the data region starts, from the start of the safetensors bytes.</summary>
    public long DataStart => SafeTensorsLayout.LengthPrefixBytes + HeaderLength;

    /// <summary>The size of the data region the entries cover exactly.</summary>
    public long DataLength { get; }

    public bool TryGetEntry(string key, out SafeTensorsEntry entry) => _byKey.TryGetValue(key, out entry!);
}
