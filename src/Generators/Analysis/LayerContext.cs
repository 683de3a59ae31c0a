using System.Collections.Generic;
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

    private string? _displayName;
    private Dictionary<string, ISymbol>? _initializedFrom;

    /// <summary>The layer's name as messages show it (<c>Linear</c>, <c>Outer.Inner&lt;T&gt;</c>); built only for diagnostics.</summary>
    public string DisplayName => _displayName ??= Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);

    /// <summary>
    /// Own instance fields and properties initialized with a bare identifier (<c>Units { get; } = units;</c>), by that
    /// identifier: how primary-constructor parameters are found in members. Read once per layer.
    /// </summary>
    public IReadOnlyDictionary<string, ISymbol> InitializedFrom => _initializedFrom ??= MemberLookup.CollectInitializedFrom(this);

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
