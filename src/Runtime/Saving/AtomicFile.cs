namespace Layers;

/// <summary>
/// Replaces a file all at once: the content goes to a temporary file in the same directory (same
/// file system, so the final rename is atomic), is flushed to disk, then renamed over the target.
/// A crash or exception mid-write leaves the previous file as it was; a failed write deletes its
/// temporary file.
/// </summary>
internal static class AtomicFile
{
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(write);
        string target = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(target)
            ?? throw new ArgumentException($"'{path}' names no file inside a directory.", nameof(path));
        string temporary = Path.Combine(directory, $".{Path.GetFileName(target)}.{Path.GetRandomFileName()}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, bufferSize: 1 << 16))
            {
                write(stream);
                // Without this the rename could reach the disk before the data, and a power cut would leave an empty file.
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, target, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>The temporary file is ours; failing to delete it must not hide the error that got us here.</summary>
    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
