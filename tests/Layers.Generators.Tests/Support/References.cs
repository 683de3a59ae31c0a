using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Layers.Generators.Tests.Support;

/// <summary>
/// The assemblies test inputs compile against: the .NET reference pack of the running SDK (as a real
/// build would use) and the Layers runtime. Loaded once; metadata references are immutable and shared.
/// </summary>
internal static class References
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> s_all = new(Load);

    public static ImmutableArray<MetadataReference> All => s_all.Value;

    private static ImmutableArray<MetadataReference> Load()
    {
        var paths = new List<string>();
        var referencePack = FindReferencePack();
        if (referencePack is not null)
            paths.AddRange(Directory.GetFiles(referencePack, "*.dll"));
        else
            paths.AddRange(((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator).Where(p => Path.GetFileName(p).StartsWith("System", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll"));
        paths.Add(typeof(Layer).Assembly.Location);
        paths.Add(typeof(System.Numerics.Tensors.TensorPrimitives).Assembly.Location);
        return [.. paths.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    }

    /// <summary><c>dotnet/packs/Microsoft.NETCore.App.Ref/&lt;version&gt;/ref/net10.0</c> next to the running shared framework.</summary>
    private static string? FindReferencePack()
    {
        var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var version = Path.GetFileName(runtimeDirectory);
        var dotnetRoot = Path.GetFullPath(Path.Combine(runtimeDirectory, "..", "..", ".."));
        var packs = Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref");
        if (!Directory.Exists(packs)) return null;
        var exact = Path.Combine(packs, version, "ref", "net10.0");
        if (Directory.Exists(exact)) return exact;
        return Directory.GetDirectories(packs).OrderDescending().Select(d => Path.Combine(d, "ref", "net10.0")).FirstOrDefault(Directory.Exists);
    }
}
