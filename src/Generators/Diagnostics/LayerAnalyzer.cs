using System.Collections.Immutable;
using Layers.Generators.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Layers.Generators.Diagnostics;

/// <summary>
/// Reports the LAYER diagnostics. It runs the generator's own analysis of each type, so what it reports is
/// exactly why the generator skipped a layer; reporting from an analyzer (not the generator) keeps the
/// generator cheap and lets <c>#pragma warning disable</c> and .editorconfig apply.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LayerAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.All);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            if (KnownTypes.Create(start.Compilation) is not { } known) return;
            start.RegisterSymbolAction(symbol =>
            {
                if (symbol.Symbol is not INamedTypeSymbol type) return;
                var sink = DiagnosticSink.ForAnalyzer(symbol.ReportDiagnostic);
                LayerAnalysis.Analyze(type, known, sink, symbol.CancellationToken);
            }, SymbolKind.NamedType);
        });
    }
}
