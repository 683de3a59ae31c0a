using System.IO.Compression;
using System.Text.Json.Nodes;

namespace Layers;

/// <summary>
/// Reads a model archive as hostile input: the entry list is checked first (known names only, each
/// once, none missing), then each entry's declared size against its limit and its compression ratio,
/// and each entry is decompressed through a <see cref="BoundedReadStream"/> so the declared size holds.
/// </summary>
internal static class ModelArchiveReader
{
    public static ModelArchiveContents Read(Stream file, string? source, ModelArchiveLimits limits)
    {
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (Exception e) when (IsZipError(e))
        {
            throw new ModelArchiveFormatException($"the file is not a readable zip archive: {e.Message}", source, null, e);
        }
        using (zip)
        {
            try
            {
                // The central directory is read lazily, so even listing the entries can meet corruption.
                var entries = CheckEntries(zip, source);
                // Metadata first: a newer format version should be reported as such, not as whatever else fails.
                var metadata = ModelArchiveMetadata.Parse(
                    ReadJson(entries[ModelArchive.MetadataEntry], limits.MaxMetadataBytes, limits, source), source, ModelArchive.MetadataEntry);
                var config = ReadJson(entries[ModelArchive.ConfigEntry], limits.MaxConfigBytes, limits, source);
                var tensors = ReadTensors(entries[ModelArchive.WeightsEntry], limits, source);
                return new ModelArchiveContents(config, metadata, tensors);
            }
            catch (Exception e) when (IsZipError(e))
            {
                throw new ModelArchiveFormatException($"an entry cannot be decompressed: {e.Message}", source, null, e);
            }
        }
    }

    private static Dictionary<string, ZipArchiveEntry> CheckEntries(ZipArchive zip, string? source)
    {
        var entries = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
        foreach (var entry in zip.Entries)
        {
            string name = entry.FullName;
            if (!ModelArchive.EntryNames.Contains(name))
                throw new ModelArchiveFormatException(
                    $"unexpected entry '{Shorten(name)}'; an archive holds exactly {string.Join(", ", ModelArchive.EntryNames)}.", source, Shorten(name));
            if (!entries.TryAdd(name, entry))
                throw new ModelArchiveFormatException("the entry appears twice.", source, name);
        }
        var missing = ModelArchive.EntryNames.Where(name => !entries.ContainsKey(name)).ToList();
        if (missing.Count > 0)
            throw new ModelArchiveFormatException($"the archive has no {string.Join(" or ", missing)}.", source, missing[0]);
        return entries;
    }

    private static JsonObject ReadJson(ZipArchiveEntry entry, long limit, ModelArchiveLimits limits, string? source)
    {
        long length = CheckSize(entry, limit, limits, source);
        var bytes = new byte[length];
        using (var stream = Open(entry, length, source))
        {
            stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
            stream.VerifyEnd();
        }
        return ArchiveJson.Parse(bytes, entry.FullName, source);
    }

    private static IReadOnlyDictionary<string, Tensor> ReadTensors(ZipArchiveEntry entry, ModelArchiveLimits limits, string? source)
    {
        long length = CheckSize(entry, limits.MaxWeightsBytes, limits, source);
        using var stream = Open(entry, length, source);
        try
        {
            using var reader = new SafeTensorsReader(stream, leaveOpen: true, knownLength: length, source: ModelArchive.WeightsEntry);
            var tensors = reader.ReadAll();
            stream.VerifyEnd();
            return tensors;
        }
        catch (SafeTensorsFormatException e)
        {
            throw new ModelArchiveFormatException(e.Message, source, ModelArchive.WeightsEntry, e);
        }
    }

    /// <summary>The declared size, if it is within the limit and not suspiciously well compressed.</summary>
    private static long CheckSize(ZipArchiveEntry entry, long limit, ModelArchiveLimits limits, string? source)
    {
        long length = entry.Length, compressed = entry.CompressedLength;
        if (length < 0 || compressed < 0)
            throw new ModelArchiveFormatException($"the entry declares a negative size ({length} bytes, {compressed} compressed).", source, entry.FullName);
        if (length > limit)
            throw new ModelArchiveFormatException($"the entry declares {length} bytes; the limit is {limit} (see {nameof(ModelArchiveLimits)}).", source, entry.FullName);
        if (length > limits.RatioExemptBytes && length / Math.Max(compressed, 1) > limits.MaxCompressionRatio)
            throw new ModelArchiveFormatException(
                $"the entry declares {length} bytes compressed into {compressed}, a ratio above {limits.MaxCompressionRatio}:1 " +
                "(a decompression bomb, or raise ModelArchiveLimits.MaxCompressionRatio).", source, entry.FullName);
        if (length > int.MaxValue && entry.FullName != ModelArchive.WeightsEntry)
            throw new ModelArchiveFormatException($"the entry declares {length} bytes, too many for a JSON entry.", source, entry.FullName);
        return length;
    }

    private static BoundedReadStream Open(ZipArchiveEntry entry, long length, string? source) =>
        new(entry.Open(), length, problem => new ModelArchiveFormatException(problem, source, entry.FullName));

    /// <summary>What the zip library throws for a corrupt archive (it has no single exception type for it).</summary>
    private static bool IsZipError(Exception e) => e is InvalidDataException or EndOfStreamException or NotSupportedException
        || (e is IOException && e is not FileNotFoundException and not DirectoryNotFoundException);

    private static string Shorten(string name) => name.Length <= 100 ? name : name[..100] + "…";
}
