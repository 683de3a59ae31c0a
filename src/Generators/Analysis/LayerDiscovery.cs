using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Layers.Generators.Analysis;

/// <summary>Which types the generator writes a part for, decided the same way by the generator and the analyzer.</summary>
internal static class LayerDiscovery
{
    /// <summary>The attribute ([Weight] or [SubLayer]) the type uses on one of its members, or null.</summary>
    public static string? UsedAttribute(INamedTypeSymbol type, KnownTypes known)
    {
        foreach (var member in type.GetMembers())
        {
            if (member is not (IPropertySymbol or IFieldSymbol)) continue;
            foreach (var attribute in member.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, known.WeightAttribute)) return "Weight";
                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, known.SubLayerAttribute)) return "SubLayer";
            }
        }
        return null;
    }

    /// <summary>Every declaration of the type has the partial modifier.</summary>
    public static bool IsPartial(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        if (type.DeclaringSyntaxReferences.Length == 0) return false;
        foreach (var reference in type.DeclaringSyntaxReferences)
            if (reference.GetSyntax(cancellationToken) is not TypeDeclarationSyntax declaration || !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                return false;
        return true;
    }

    /// <summary>
    /// True for a class of this compilation the generator writes a part for: a partial class deriving from
    /// Layer with [Weight] or [SubLayer] members or its own Call. Used to know what base classes will have.
    /// </summary>
    public static bool IsGeneratedLayer(INamedTypeSymbol type, KnownTypes known, CancellationToken cancellationToken)
    {
        if (type.TypeKind != TypeKind.Class || !known.DerivesFromLayer(type) || !IsPartial(type, cancellationToken)) return false;
        return UsedAttribute(type, known) is not null || CallAnalysis.OwnCalls(type, known).Count > 0;
    }
}
