using System.Reflection;

namespace Layers.Generators.Tests.Support;

/// <summary>
/// Reviewed generator output. Each case is a folder of <c>Snapshots/</c>: its inputs (<c>*.cs</c>) and one
/// <c>&lt;hint name&gt;.verified.cs</c> per generated file. A mismatch fails with a line diff and leaves a
/// <c>.received.cs</c> next to the snapshot; <c>LAYERS_ACCEPT_SNAPSHOTS=1</c> writes the new output as verified
/// instead — to be read and committed only when it is right.
/// </summary>
internal static class Snapshots
{
    public const string AcceptVariable = "LAYERS_ACCEPT_SNAPSHOTS";

    public static string Root { get; } = typeof(Snapshots).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "SnapshotsDirectory").Value!;

    public static bool Accepting => Environment.GetEnvironmentVariable(AcceptVariable) == "1";

    public static IEnumerable<string> Cases() =>
        Directory.GetDirectories(Root).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal)!;

    /// <summary>The case's input files, named by path relative to the case folder.</summary>
    public static List<SourceFile> Inputs(string caseName)
    {
        var folder = Path.Combine(Root, caseName);
        return Directory.GetFiles(folder, "*.cs")
            .Where(f => !f.EndsWith(".verified.cs", StringComparison.Ordinal) && !f.EndsWith(".received.cs", StringComparison.Ordinal))
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => new SourceFile(caseName + "/" + Path.GetFileName(f), File.ReadAllText(f)))
            .ToList();
    }

    /// <summary>Compares every generated file of a case with its verified snapshot; returns the problems found.</summary>
    public static List<string> Verify(string caseName, IReadOnlyList<(string HintName, string Text)> generated)
    {
        var folder = Path.Combine(Root, caseName);
        var problems = new List<string>();
        var expectedFiles = Directory.GetFiles(folder, "*.verified.cs").ToHashSet(StringComparer.Ordinal);
        foreach (var (hintName, text) in generated)
        {
            var verified = Path.Combine(folder, Path.ChangeExtension(hintName, null) + ".verified.cs");
            var received = Path.ChangeExtension(verified, null).Replace(".verified", ".received") + ".cs";
            expectedFiles.Remove(verified);
            if (Accepting)
            {
                File.WriteAllText(verified, text);
                if (File.Exists(received)) File.Delete(received);
                continue;
            }
            if (!File.Exists(verified))
            {
                File.WriteAllText(received, text);
                problems.Add($"{caseName}: no verified snapshot for {hintName}; review {received} and run with {AcceptVariable}=1 to accept it.");
                continue;
            }
            var expected = File.ReadAllText(verified).Replace("\r\n", "\n");
            if (expected != text)
            {
                File.WriteAllText(received, text);
                problems.Add($"{caseName}: {hintName} differs from its verified snapshot (- verified, + generated):{Environment.NewLine}{LineDiff.Format(expected, text)}");
            }
            else if (File.Exists(received))
            {
                File.Delete(received);
            }
        }
        foreach (var stale in expectedFiles)
        {
            if (Accepting) File.Delete(stale);
            else problems.Add($"{caseName}: {Path.GetFileName(stale)} is verified but the generator no longer writes it.");
        }
        return problems;
    }
}
