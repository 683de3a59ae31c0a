using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Layers.Generators.Analysis;

/// <summary>
/// A member together with the syntax that declares it, in the order weights and sublayers are tracked:
/// by file path, then position. A type split over partial files gets the same order in every build,
/// whatever order the files reach the compiler in.
/// </summary>
internal readonly struct DeclaredMember(ISymbol symbol, SyntaxNode syntax)
{
    public ISymbol Symbol { get; } = symbol;

    /// <summary>A <see cref="PropertyDeclarationSyntax"/> or a field's <see cref="VariableDeclaratorSyntax"/>.</summary>
    public SyntaxNode Syntax { get; } = syntax;
}

internal static class DeclarationOrder
{
    /// <summary>The type's own fields and properties that carry <paramref name="attribute"/>, in declaration order.</summary>
    public static List<(DeclaredMember Member, AttributeData Attribute)> MembersWith(INamedTypeSymbol type, INamedTypeSymbol? attribute, CancellationToken cancellationToken)
    {
        var found = new List<(DeclaredMember, AttributeData)>();
        if (attribute is null) return found;
        foreach (var member in type.GetMembers())
        {
            if (member is not (IPropertySymbol or IFieldSymbol) || member.IsImplicitlyDeclared) continue;
            AttributeData? data = null;
            foreach (var candidate in member.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(candidate.AttributeClass, attribute))
                {
                    data = candidate;
                    break;
                }
            }
            if (data is null) continue;
            var syntax = DeclaringSyntax(member, cancellationToken);
            if (syntax is null) continue;
            found.Add((new DeclaredMember(member, syntax), data));
        }
        found.Sort(static (a, b) => Compare(a.Item1.Syntax, b.Item1.Syntax));
        return found;
    }

    /// <summary>The declaration that carries the attributes: for a partial property, its defining part.</summary>
    public static SyntaxNode? DeclaringSyntax(ISymbol member, CancellationToken cancellationToken)
    {
        SyntaxNode? first = null;
        foreach (var reference in member.DeclaringSyntaxReferences)
        {
            var node = reference.GetSyntax(cancellationToken);
            first ??= node;
            if (node is PropertyDeclarationSyntax { AttributeLists.Count: > 0 }) return node;
        }
        return first;
    }

    public static int Compare(SyntaxNode a, SyntaxNode b)
    {
        int byPath = string.CompareOrdinal(a.SyntaxTree.FilePath, b.SyntaxTree.FilePath);
        return byPath != 0 ? byPath : a.SpanStart.CompareTo(b.SpanStart);
    }
}
