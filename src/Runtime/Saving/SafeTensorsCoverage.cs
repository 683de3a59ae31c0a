namespace Layers;

/// <summary>
/// The check that ties the entries to the data region: every tensor inside it, no two overlapping, and
/// together covering it exactly (the spec requires no gaps, and the reference implementation refuses
/// them), so no byte of the file is unaccounted for.
/// </summary>
internal static class SafeTensorsCoverage
{
    /// <param name="dataStart">The file offset of the data region (8 + N), for error offsets.</param>
    /// <param name="dataLength">The size of the data region when known; null when reading a plain stream (checked at its end instead).</param>
    /// <returns>The entries in data order.</returns>
    public static List<SafeTensorsEntry> Validate(List<SafeTensorsEntry> entries, long dataStart, long? dataLength, string? source)
    {
        if (dataLength is { } length)
        {
            foreach (var entry in entries)
            {
                if (entry.End > length)
                    throw new SafeTensorsFormatException(
                        $"data_offsets [{entry.Begin}, {entry.End}] run past the end of the data region, which holds {length} bytes " +
                        $"(file bytes {dataStart}..{dataStart + length}).", entry.Key, dataStart + Math.Min(entry.Begin, length), source);
            }
        }

        var ordered = new List<SafeTensorsEntry>(entries);
        ordered.Sort(static (a, b) => a.Begin != b.Begin ? a.Begin.CompareTo(b.Begin) : a.End.CompareTo(b.End));
        long covered = 0;
        SafeTensorsEntry? previous = null;
        foreach (var entry in ordered)
        {
            if (entry.Begin < covered)
                throw new SafeTensorsFormatException(
                    $"its data [{entry.Begin}, {entry.End}] overlaps the data of '{previous!.Key}' [{previous.Begin}, {previous.End}].",
                    entry.Key, dataStart + entry.Begin, source);
            if (entry.Begin > covered)
                throw new SafeTensorsFormatException(
                    $"data bytes {covered}..{entry.Begin} before it belong to no tensor; the tensors must cover the data region without gaps.",
                    entry.Key, dataStart + covered, source);
            covered = entry.End;
            previous = entry;
        }
        if (dataLength is { } total && covered != total)
            throw new SafeTensorsFormatException(
                $"{total - covered} bytes after the last tensor's data belong to no tensor; the tensors must cover the data region exactly.",
                null, dataStart + covered, source);
        return ordered;
    }
}
