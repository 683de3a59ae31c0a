using static Layers.Tests.Saving.SavingSupport;

namespace Layers.Tests.Saving;

/// <summary>A save that fails at any point leaves the previous file as it was and no temporary file behind.</summary>
public class AtomicSaveTests
{
    private static readonly byte[] Previous = [1, 2, 3, 4, 5];

    [Fact]
    public void A_write_that_throws_midway_leaves_the_previous_file_and_no_temporary_file()
    {
        using var dir = new TempDirectory();
        string path = dir.File("model.bin");
        File.WriteAllBytes(path, Previous);
        var error = Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(new byte[100_000]);
            stream.Flush();
            throw new InvalidOperationException("disk on fire");
        }));
        Assert.Equal("disk on fire", error.Message);
        Assert.Equal(Previous, File.ReadAllBytes(path));
        Assert.Equal(["model.bin"], dir.Entries());
    }

    [Fact]
    public void A_successful_write_replaces_the_file_and_leaves_no_temporary_file()
    {
        using var dir = new TempDirectory();
        string path = dir.File("model.bin");
        File.WriteAllBytes(path, Previous);
        AtomicFile.Write(path, stream => stream.Write([9, 9]));
        Assert.Equal([9, 9], File.ReadAllBytes(path));
        Assert.Equal(["model.bin"], dir.Entries());
    }

    [Fact]
    public void The_temporary_file_is_written_in_the_target_directory()
    {
        using var dir = new TempDirectory();
        string? seen = null;
        AtomicFile.Write(dir.File("m.bin"), stream => seen = ((FileStream)stream).Name);
        Assert.Equal(dir.Path, Path.GetDirectoryName(seen));
        Assert.NotEqual(dir.File("m.bin"), seen);
    }

    [Fact]
    public void A_tensor_source_that_throws_leaves_the_previous_safetensors_file()
    {
        using var dir = new TempDirectory();
        string path = dir.File("w.safetensors");
        SafeTensors.Save(path, [Entry("old", Tensor.FromArray([1f]))]);
        var before = File.ReadAllBytes(path);
        Assert.Throws<IOException>(() => SafeTensors.Save(path, ThrowingSource()));
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(["w.safetensors"], dir.Entries());
    }

    [Fact]
    public void Saving_over_a_directory_fails_and_leaves_no_temporary_file()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("taken"));
        Assert.ThrowsAny<IOException>(() => SafeTensors.Save(dir.File("taken"), [Entry("a", Tensor.FromArray([1f]))]));
        Assert.Equal(["taken"], dir.Entries());
    }

    [Fact]
    public void Saving_into_a_missing_directory_fails_cleanly()
    {
        using var dir = new TempDirectory();
        Assert.Throws<DirectoryNotFoundException>(() => SafeTensors.Save(dir.File("missing/w.safetensors"), [Entry("a", Tensor.FromArray([1f]))]));
        Assert.Empty(dir.Entries());
    }

    private static IEnumerable<KeyValuePair<string, Tensor>> ThrowingSource()
    {
        yield return Entry("a", Tensor.FromArray([1f, 2f]));
        throw new IOException("the source failed");
    }
}
