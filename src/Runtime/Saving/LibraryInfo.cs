namespace Layers;

/// <summary>What an archive records about the library that wrote it. Kept as constants: reading assembly attributes would be reflection.</summary>
public static class LibraryInfo
{
    public const string Name = "Layers";

    /// <summary>Update with each release.</summary>
    public const string Version = "0.1.0";
}
