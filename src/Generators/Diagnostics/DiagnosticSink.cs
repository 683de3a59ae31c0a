using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Layers.Generators.Diagnostics;

/// <summary>
/// Where the shared analysis reports problems. The analyzer turns them into diagnostics; the generator
/// only needs to know whether the layer is valid, so it builds no locations or diagnostics at all.
/// </summary>
internal sealed class DiagnosticSink
{
    private readonly Action<Diagnostic>? _report;

    private DiagnosticSink(Action<Diagnostic>? report) => _report = report;

    public static DiagnosticSink ForGenerator() => new(null);

    public static DiagnosticSink ForAnalyzer(Action<Diagnostic> report) => new(report);

    /// <summary>True once the layer has a problem; the generator then emits only stubs.</summary>
    public bool HasErrors { get; private set; }

    /// <summary>Marks the layer invalid without a diagnostic, for problems the compiler already reports (a malformed attribute).</summary>
    public void MarkInvalid() => HasErrors = true;

    public void Report(DiagnosticDescriptor descriptor, SyntaxNode? node, params object?[] arguments)
    {
        HasErrors = true;
        if (_report is null) return;
        _report(Diagnostic.Create(descriptor, node?.GetLocation() ?? Location.None, arguments));
    }

    public void Report(DiagnosticDescriptor descriptor, SyntaxToken token, params object?[] arguments)
    {
        HasErrors = true;
        if (_report is null) return;
        _report(Diagnostic.Create(descriptor, token.GetLocation(), arguments));
    }

    public void Report(DiagnosticDescriptor descriptor, SyntaxTree tree, TextSpan span, params object?[] arguments)
    {
        HasErrors = true;
        if (_report is null) return;
        _report(Diagnostic.Create(descriptor, Location.Create(tree, span), arguments));
    }

    public void Report(DiagnosticDescriptor descriptor, Location? location, params object?[] arguments)
    {
        HasErrors = true;
        if (_report is null) return;
        _report(Diagnostic.Create(descriptor, location ?? Location.None, arguments));
    }
}
