using System.IO.Compression;
using System.Text.Json.Nodes;

namespace Layers;

/// <summary>
/// A whole model in one zip file, as Keras' <c>.keras</c> archive: <c>config.json</c> (the Keras 3
/// serialized model), <c>metadata.json</c> (format version, library, date, caller's entries) and
/// <c>model.safetensors</c> (weights by structural path, plus any extra tensor groups such as
/// optimizer state under <c>optimizer/…</c>).
/// <para>
/// Saving is atomic (temporary file in the same directory, flushed, renamed over the target). Loading
/// treats the file as hostile: only the three entry names are accepted, each exactly once; sizes are
/// checked before decompressing and enforced while decompressing; every error is a
/// <see cref="ModelArchiveFormatException"/> naming the entry.
/// </para>
/// </summary>
public static class ModelArchive
{
    public const string ConfigEntry = "config.json";
    public const string MetadataEntry = "metadata.json";
    public const string WeightsEntry = "model.safetensors";

    /// <summary>The entries of an archive, in the order they are written.</summary>
    public static IReadOnlyList<string> EntryNames { get; } = [ConfigEntry, MetadataEntry, WeightsEntry];

    /// <summary>Writes an archive atomically; the previous file at <paramref name="path"/> survives any failure.</summary>
    /// <param name="config">The serialized model, typically <see cref="Serialization.Serialize(Layer)"/>.</param>
    /// <param name="tensors">The tensors to store by key: the weights (<see cref="WeightKeys"/>) and any groups (<c>optimizer/…</c>).</param>
    /// <param name="metadata">Extra string entries for <c>metadata.json</c>; the library's own keys are reserved.</param>
    public static void Save(string path, JsonObject config, IEnumerable<KeyValuePair<string, Tensor>> tensors,
        IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(config);
        var saved = DateTimeOffset.UtcNow;
        byte[] configBytes = ArchiveJson.Write(config);
        byte[] metadataBytes = ArchiveJson.Write(ModelArchiveMetadata.Create(metadata, saved));
        var weights = SafeTensorsWritePlan.Create(tensors, new Dictionary<string, string> { [WeightsFile.FormatKey] = WeightsFile.FormatValue });
        AtomicFile.Write(path, stream =>
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
            WriteEntry(zip, ConfigEntry, CompressionLevel.Optimal, saved, s => s.Write(configBytes));
            WriteEntry(zip, MetadataEntry, CompressionLevel.Optimal, saved, s => s.Write(metadataBytes));
            // Stored, not deflated: float data barely compresses, and a stored entry's size is its data size.
            WriteEntry(zip, WeightsEntry, CompressionLevel.NoCompression, saved, weights.WriteTo);
        });
    }

    /// <summary>Reads an archive, checking it as hostile input.</summary>
    /// <exception cref="ModelArchiveFormatException">The file is not a valid archive; the message names the entry and the problem.</exception>
    public static ModelArchiveContents Load(string path, ModelArchiveLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        return ModelArchiveReader.Read(file, Path.GetFileName(path), limits ?? ModelArchiveLimits.Default);
    }

    private static void WriteEntry(ZipArchive zip, string name, CompressionLevel level, DateTimeOffset saved, Action<Stream> write)
    {
        var entry = zip.CreateEntry(name, level);
        entry.LastWriteTime = saved;
        using var stream = entry.Open();
        write(stream);
    }
}
