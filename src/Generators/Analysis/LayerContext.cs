using System.Threading;
using Layers.Generators.Diagnostics;
using Microsoft.CodeAnalysis;

namespace Layers.Generators.Analysis;

/// <summary>What every step of analysing one layer shares.</summary>
internal sealed class LayerContext(INamedTypeSymbol type, KnownTypes known, DiagnosticSink sink, CancellationToken cancellationToken)
{
    public INamedTypeSymbol Type { get; } = type;
    public KnownTypes Known { get; } = known;
    public DiagnosticSink Sink { get; } = sink;
    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>The layer's name as messages show it (<c>Linear</c>, <c>Outer.Inner&lt;T&gt;</c>).</summary>
    public string DisplayName { get; } = type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);

    /// <summary>The number of classes between the layer and <c>Layer</c>: base-class weights take lower slots.</summary>
    public int Depth
    {
        get
        {
            int depth = 0;
            for (var current = Type.BaseType; current is not null && !SymbolEqualityComparer.Default.Equals(current, Known.Layer); current = current.BaseType)
                depth++;
            return depth;
        }
    }

    public Location? TypeLocation => Type.Locations.Length > 0 ? Type.Locations[0] : null;
}
