using System.Collections.Generic;
using System.Linq;
using Layers.Generators.Models;
using Layers.Generators.Support;
using Microsoft.CodeAnalysis;

namespace Layers.Generators.Analysis;

/// <summary>Where a layer is declared, as the emitter must redeclare it: namespace, enclosing types, type parameters.</summary>
internal static class TypeDeclarations
{
    public static TypeDeclarationModel Create(INamedTypeSymbol type)
    {
        var containing = new List<ContainingTypeModel>();
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
            containing.Insert(0, new ContainingTypeModel(Keyword(outer), CSharpCode.Identifier(outer.Name), TypeParameterList(outer, withVariance: true)));
        string? ns = type.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : null;
        return new TypeDeclarationModel(ns, EquatableArray.From(containing), CSharpCode.Identifier(type.Name), TypeParameterList(type, withVariance: false),
            type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat));
    }

    /// <summary>
    /// A file name unique per type: <c>Ns.Outer_1+Linear.g.cs</c> for <c>Ns.Outer&lt;T&gt;.Linear</c>. Nesting is
    /// written '+', as in metadata names, so a nested type never shares a name with a namespace-level one.
    /// </summary>
    public static string HintName(INamedTypeSymbol type)
    {
        var parts = new List<string>();
        for (var current = type; current is not null; current = current.ContainingType)
            parts.Insert(0, current.Arity > 0 ? current.Name + "_" + current.Arity : current.Name);
        string name = string.Join("+", parts);
        return (type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() + "." + name : name) + ".g.cs";
    }

    public static string TypeParameterList(INamedTypeSymbol type, bool withVariance)
    {
        if (type.TypeParameters.Length == 0) return "";
        return "<" + string.Join(", ", type.TypeParameters.Select(p => (withVariance ? Variance(p) : "") + CSharpCode.Identifier(p.Name))) + ">";
    }

    /// <summary>True when the type or an enclosing type is generic: such a layer cannot be registered by name.</summary>
    public static bool IsInGenericContext(INamedTypeSymbol type)
    {
        for (var current = type; current is not null; current = current.ContainingType)
            if (current.Arity > 0) return true;
        return false;
    }

    /// <summary>True when code elsewhere in the assembly can name the type (no private or protected nesting).</summary>
    public static bool IsVisibleInAssembly(INamedTypeSymbol type)
    {
        for (var current = type; current is not null; current = current.ContainingType)
            if (current.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal))
                return false;
        return true;
    }

    /// <summary>Keras' package for a custom layer: its namespace and enclosing types, or "Custom" at top level of the global namespace.</summary>
    public static string Package(INamedTypeSymbol type)
    {
        var parts = new List<string>();
        if (type.ContainingNamespace is { IsGlobalNamespace: false } ns) parts.Add(ns.ToDisplayString());
        var outers = new List<string>();
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType) outers.Insert(0, outer.Name);
        parts.AddRange(outers);
        return parts.Count == 0 ? "Custom" : string.Join(".", parts);
    }

    private static string Keyword(INamedTypeSymbol type) => type switch
    {
        { IsRecord: true, TypeKind: TypeKind.Struct } => "record struct",
        { IsRecord: true } => "record",
        { TypeKind: TypeKind.Struct } => "struct",
        { TypeKind: TypeKind.Interface } => "interface",
        _ => "class",
    };

    private static string Variance(ITypeParameterSymbol parameter) => parameter.Variance switch
    {
        VarianceKind.In => "in ",
        VarianceKind.Out => "out ",
        _ => "",
    };
}
