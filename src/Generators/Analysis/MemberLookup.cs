using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Layers.Generators.Analysis;

/// <summary>Finding the fields and properties that shapes, initializer references and config keys name.</summary>
internal static class MemberLookup
{
    /// <summary>The nearest readable field or property named <paramref name="name"/> in the layer or its base classes.</summary>
    public static ISymbol? FindValueMember(LayerContext context, string name)
    {
        for (var current = context.Type; current is not null; current = current.BaseType)
        {
            foreach (var member in current.GetMembers(name))
            {
                if (!IsReadableValue(member) || context.Known.IsGenerated(member)) continue;
                if (!SymbolEqualityComparer.Default.Equals(current, context.Type)
                    && !context.Known.Compilation.IsSymbolAccessibleWithin(member, context.Type))
                    continue;
                return member;
            }
        }
        return null;
    }

    /// <summary>
    /// The member a constructor parameter is stored in: one initialized with exactly that parameter
    /// (<c>public int Size { get; } = units;</c>), else one of the same name up to case and a leading
    /// underscore (<c>units</c> → <c>Units</c>, <c>_units</c>). Instance members only.
    /// </summary>
    public static ISymbol? FindStorageOf(LayerContext context, IParameterSymbol parameter)
    {
        if (FindInitializedFrom(context, parameter.Name) is { } initialized) return initialized;
        string wanted = Normalize(parameter.Name);
        for (var current = context.Type; current is not null && !SymbolEqualityComparer.Default.Equals(current, context.Known.Layer); current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                if (member.IsStatic || !IsReadableValue(member) || member.IsImplicitlyDeclared || context.Known.IsGenerated(member)) continue;
                if (!string.Equals(Normalize(member.Name), wanted, StringComparison.OrdinalIgnoreCase)) continue;
                if (!SymbolEqualityComparer.Default.Equals(current, context.Type)
                    && !context.Known.Compilation.IsSymbolAccessibleWithin(member, context.Type))
                    continue;
                return member;
            }
        }
        return null;
    }

    /// <summary>An own field or property whose initializer is exactly the primary-constructor parameter <paramref name="parameterName"/>.</summary>
    public static ISymbol? FindInitializedFrom(LayerContext context, string parameterName) =>
        context.InitializedFrom.TryGetValue(parameterName, out var member) ? member : null;

    public static Dictionary<string, ISymbol> CollectInitializedFrom(LayerContext context)
    {
        var found = new Dictionary<string, ISymbol>(StringComparer.Ordinal);
        foreach (var member in context.Type.GetMembers())
        {
            if (member.IsStatic || !IsReadableValue(member) || member.IsImplicitlyDeclared) continue;
            foreach (var reference in member.DeclaringSyntaxReferences)
            {
                var initializer = reference.GetSyntax(context.CancellationToken) switch
                {
                    PropertyDeclarationSyntax property => property.Initializer?.Value,
                    VariableDeclaratorSyntax variable => variable.Initializer?.Value,
                    _ => null,
                };
                if (initializer is IdentifierNameSyntax identifier && !found.ContainsKey(identifier.Identifier.ValueText))
                    found.Add(identifier.Identifier.ValueText, member);
            }
        }
        return found;
    }

    /// <summary>The primary constructor (<c>class Linear(int units) : Layer</c>), if the layer has one.</summary>
    public static IMethodSymbol? PrimaryConstructor(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        foreach (var constructor in type.InstanceConstructors)
        {
            foreach (var reference in constructor.DeclaringSyntaxReferences)
                if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax { ParameterList: not null })
                    return constructor;
        }
        return null;
    }

    public static ITypeSymbol? ValueType(ISymbol member) => member switch
    {
        IPropertySymbol property => property.Type,
        IFieldSymbol field => field.Type,
        _ => null,
    };

    /// <summary>How generated code reads the member: <c>this.Units</c>, or the bare name for a static member.</summary>
    public static string Access(ISymbol member) =>
        member.IsStatic ? Support.CSharpCode.Identifier(member.Name) : "this." + Support.CSharpCode.Identifier(member.Name);

    private static bool IsReadableValue(ISymbol member) => member switch
    {
        IPropertySymbol property => !property.IsIndexer && property.GetMethod is not null,
        IFieldSymbol field => !field.IsImplicitlyDeclared,
        _ => false,
    };

    private static string Normalize(string name) => name.StartsWith("_", StringComparison.Ordinal) ? name.Substring(1) : name;
}
