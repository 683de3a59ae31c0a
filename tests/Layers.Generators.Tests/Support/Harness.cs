using System.Collections.Immutable;
using Layers.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Layers.Generators.Tests.Support;

/// <summary>A source file of a test input: its path (used for deterministic ordering) and text.</summary>
internal sealed record SourceFile(string Path, string Text);

/// <summary>What one generator run produced.</summary>
internal sealed record GeneratorOutput(
    ImmutableArray<(string HintName, string Text)> Sources,
    Compilation OutputCompilation,
    ImmutableArray<Diagnostic> GeneratorDiagnostics,
    Exception? Exception);

/// <summary>Runs the generator and the analyzer over in-memory sources, as the compiler would in a build.</summary>
internal static class Harness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp13);

    /// <summary>Options of an SDK build of this repository: nullable on, every warning wave, CS1701/1702 off as the SDK does.</summary>
    public static readonly CSharpCompilationOptions CompilationOptions = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)
        .WithNullableContextOptions(NullableContextOptions.Enable)
        .WithWarningLevel(9999)
        .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic>
        {
            ["CS1701"] = ReportDiagnostic.Suppress,
            ["CS1702"] = ReportDiagnostic.Suppress,
        });

    public static CSharpCompilation Compile(params SourceFile[] files) => Compile((IEnumerable<SourceFile>)files);

    public static CSharpCompilation Compile(IEnumerable<SourceFile> files, string assemblyName = "TestInput") =>
        CSharpCompilation.Create(
            assemblyName,
            files.Select(f => CSharpSyntaxTree.ParseText(f.Text, ParseOptions, f.Path)),
            References.All,
            CompilationOptions);

    public static CSharpCompilation Compile(string source) => Compile(new SourceFile("Input.cs", source));

    /// <summary>A compilation that defines the Layers types itself, as the runtime's own build does.</summary>
    public static CSharpCompilation CompileAsRuntime(string source) =>
        CSharpCompilation.Create(
            "Layers",
            [CSharpSyntaxTree.ParseText(source, ParseOptions, "Runtime.cs")],
            References.All.Where(r => !string.Equals(Path.GetFileName(r.Display), "Layers.dll", StringComparison.Ordinal)),
            CompilationOptions);

    public static GeneratorDriver CreateDriver(bool trackSteps = false) =>
        CSharpGeneratorDriver.Create(
            [new LayerGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    public static GeneratorOutput Run(Compilation compilation)
    {
        var driver = CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        var result = driver.GetRunResult().Results.Single();
        var sources = result.GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString())).ToImmutableArray();
        return new GeneratorOutput(sources, output, diagnostics, result.Exception);
    }

    /// <summary>The analyzer's diagnostics; exceptions it throws are collected rather than turned into AD0001.</summary>
    public static ImmutableArray<Diagnostic> Analyze(Compilation compilation, List<Exception>? exceptions = null)
    {
        var thrown = exceptions ?? [];
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]),
            onAnalyzerException: (exception, _, _) => thrown.Add(exception),
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false);
        var withAnalyzers = compilation.WithAnalyzers([new LayerAnalyzer()], options);
        var diagnostics = withAnalyzers.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        if (exceptions is null && thrown.Count > 0) throw new AggregateException("The analyzer threw.", thrown);
        return diagnostics;
    }

    /// <summary>Errors and warnings of a compilation, formatted one per line for assertion messages.</summary>
    public static string Describe(IEnumerable<Diagnostic> diagnostics) =>
        string.Join(Environment.NewLine, diagnostics.Select(d => d.ToString()));

    public static IEnumerable<Diagnostic> ErrorsAndWarnings(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics.Where(d => d.Severity is DiagnosticSeverity.Error or DiagnosticSeverity.Warning);
}
