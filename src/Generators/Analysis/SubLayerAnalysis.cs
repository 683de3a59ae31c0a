using System.Collections.Generic;
using Layers.Generators.Diagnostics;
using Layers.Generators.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Layers.Generators.Analysis;

/// <summary>Checks the <c>[SubLayer]</c> members: a layer, an array of layers, or any enumerable of layers.</summary>
internal static class SubLayerAnalysis
{
    public static List<SubLayerModel> Analyze(LayerContext context, List<(DeclaredMember Member, AttributeData Attribute)> members)
    {
        var models = new List<SubLayerModel>(members.Count);
        foreach (var (member, _) in members)
        {
            var symbol = member.Symbol;
            string? problem = null;
            bool isCollection = false;
            var type = MemberLookup.ValueType(symbol);
            if (symbol.IsStatic) problem = "is static";
            else if (symbol is IPropertySymbol { GetMethod: null }) problem = "has no getter";
            else if (symbol is IPropertySymbol { IsIndexer: true }) problem = "is an indexer";
            else if (context.Known.IsLayer(type)) isCollection = false;
            else if (IsLayerCollection(type, context.Known)) isCollection = true;
            else problem = $"has type '{type?.ToDisplayString()}', which is not a layer or a collection of layers";

            if (problem is not null)
            {
                var location = member.Syntax switch
                {
                    PropertyDeclarationSyntax property => property.Identifier,
                    VariableDeclaratorSyntax variable => variable.Identifier,
                    _ => default,
                };
                if (location != default) context.Sink.Report(Descriptors.SubLayerNotLayer, location, symbol.Name, problem);
                else context.Sink.Report(Descriptors.SubLayerNotLayer, member.Syntax, symbol.Name, problem);
                continue;
            }
            models.Add(new SubLayerModel(MemberLookup.Access(symbol), isCollection));
        }
        return models;
    }

    private static bool IsLayerCollection(ITypeSymbol? type, KnownTypes known)
    {
        if (type is IArrayTypeSymbol { Rank: 1 } array) return known.IsLayer(array.ElementType);
        if (type is null) return false;
        if (type is INamedTypeSymbol named && KnownTypes.Is(named.OriginalDefinition, known.IEnumerableOfT))
            return known.IsLayer(named.TypeArguments[0]);
        foreach (var implemented in type.AllInterfaces)
            if (KnownTypes.Is(implemented.OriginalDefinition, known.IEnumerableOfT) && known.IsLayer(implemented.TypeArguments[0]))
                return true;
        return false;
    }
}
