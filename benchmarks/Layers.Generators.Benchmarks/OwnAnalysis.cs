using System.Diagnostics;
using Layers.Generators.Analysis;
using Layers.Generators.Diagnostics;
using Microsoft.CodeAnalysis;

namespace Layers.Generators.Benchmarks;

/// <summary>
/// The generator's own analysis time without Roslyn's binding: every layer analysed on a compilation whose
/// symbols, attributes and member types are already bound (by a first analysis), so what remains is the
/// parser's work — the part of a run this repository can make faster.
/// </summary>
internal static class OwnAnalysis
{
    public static List<double> Measure(Compilation compilation, int runs)
    {
        var known = KnownTypes.Create(compilation)!;
        var types = new List<INamedTypeSymbol>();
        Collect(compilation.Assembly.GlobalNamespace, types);
        foreach (var type in types) LayerAnalysis.Analyze(type, known, DiagnosticSink.ForGenerator(), default);
        var times = new List<double>();
        for (int i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            foreach (var type in types) LayerAnalysis.Analyze(type, known, DiagnosticSink.ForGenerator(), default);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        return times;
    }

    private static void Collect(INamespaceSymbol ns, List<INamedTypeSymbol> types)
    {
        types.AddRange(ns.GetTypeMembers());
        foreach (var inner in ns.GetNamespaceMembers()) Collect(inner, types);
    }
}
