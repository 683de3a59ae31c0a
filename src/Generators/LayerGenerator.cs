using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Layers.Generators.Analysis;
using Layers.Generators.Diagnostics;
using Layers.Generators.Emitting;
using Layers.Generators.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Layers.Generators;

/// <summary>
/// Writes the plumbing of every partial layer: weight properties and creation, sublayer tracking, call
/// dispatch, GetConfig/FromConfig and registration. The pipeline finds candidate types cheaply (by
/// attribute name, or a partial class declaring <c>Call</c>), analyses each type once per compilation into
/// an equatable <see cref="LayerModel"/>, and emits only layers whose model changed.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class LayerGenerator : IIncrementalGenerator
{
    /// <summary>Tracking names of the pipeline steps, for incrementality tests.</summary>
    public const string CandidatesStep = "LayerCandidates";
    public const string ModelsStep = "LayerModels";
    public const string RegistrationsStep = "LayerRegistrations";

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var withWeights = context.SyntaxProvider.ForAttributeWithMetadataName(
            KnownTypes.WeightAttributeName,
            static (node, _) => node is PropertyDeclarationSyntax,
            static (target, _) => TypeKey(target.TargetSymbol.ContainingType));
        var withSubLayers = context.SyntaxProvider.ForAttributeWithMetadataName(
            KnownTypes.SubLayerAttributeName,
            static (node, _) => node is PropertyDeclarationSyntax or VariableDeclaratorSyntax,
            static (target, _) => TypeKey(target.TargetSymbol.ContainingType));
        var withCall = context.SyntaxProvider.CreateSyntaxProvider(
            static (node, _) => IsCallOfPartialClass(node),
            static (syntax, cancellationToken) => CallOwnerKey(syntax, cancellationToken));

        var candidates = withWeights.Collect()
            .Combine(withSubLayers.Collect())
            .Combine(withCall.Collect())
            .Select(static (input, _) => Distinct(input.Left.Left, input.Left.Right, input.Right))
            .WithTrackingName(CandidatesStep);

        var models = candidates
            .Combine(context.CompilationProvider)
            .SelectMany(static (input, cancellationToken) => Analyze(input.Right, input.Left, cancellationToken))
            .WithTrackingName(ModelsStep);

        context.RegisterSourceOutput(models, static (output, model) => output.AddSource(model.HintName, LayerEmitter.Emit(model)));

        var registrations = models
            .Select(static (model, _) => model.Registration)
            .Collect()
            .Select(static (items, _) => SortedRegistrations(items))
            .WithTrackingName(RegistrationsStep);
        context.RegisterSourceOutput(registrations, static (output, items) =>
        {
            if (!items.IsEmpty) output.AddSource(RegistrationEmitter.HintName, RegistrationEmitter.Emit(items));
        });
    }

    /// <summary>The metadata name of a type (<c>Ns.Outer`1+Linear</c>), which finds it again in the next compilation.</summary>
    private static string? TypeKey(INamedTypeSymbol? type)
    {
        if (type is null) return null;
        var key = type.MetadataName;
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType) key = outer.MetadataName + "+" + key;
        return type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() + "." + key : key;
    }

    // The base list may be on another part of the class, so derivation is checked semantically in the transform.
    private static bool IsCallOfPartialClass(SyntaxNode node) =>
        node is MethodDeclarationSyntax { Identifier.ValueText: "Call", Parent: ClassDeclarationSyntax owner }
        && owner.Modifiers.Any(SyntaxKind.PartialKeyword);

    private static string? CallOwnerKey(GeneratorSyntaxContext syntax, CancellationToken cancellationToken)
    {
        var owner = (ClassDeclarationSyntax)syntax.Node.Parent!;
        var type = syntax.SemanticModel.GetDeclaredSymbol(owner, cancellationToken);
        for (var current = type?.BaseType; current is not null; current = current.BaseType)
        {
            if (current is { Name: "Layer", ContainingNamespace: { Name: "Layers", ContainingNamespace.IsGlobalNamespace: true } })
                return TypeKey(type);
        }
        return null;
    }

    private static EquatableArray<string> Distinct(ImmutableArray<string?> a, ImmutableArray<string?> b, ImmutableArray<string?> c)
    {
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var key in a) if (key is not null) keys.Add(key);
        foreach (var key in b) if (key is not null) keys.Add(key);
        foreach (var key in c) if (key is not null) keys.Add(key);
        var array = new string[keys.Count];
        keys.CopyTo(array);
        return new EquatableArray<string>(array);
    }

    private static ImmutableArray<LayerModel> Analyze(Compilation compilation, EquatableArray<string> keys, CancellationToken cancellationToken)
    {
        if (keys.IsEmpty || KnownTypes.Create(compilation) is not { } known) return ImmutableArray<LayerModel>.Empty;
        var models = ImmutableArray.CreateBuilder<LayerModel>(keys.Count);
        foreach (var key in keys)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (compilation.Assembly.GetTypeByMetadataName(key) is not { } type) continue;
            if (LayerAnalysis.Analyze(type, known, DiagnosticSink.ForGenerator(), cancellationToken) is { } model) models.Add(model);
        }
        return models.ToImmutable();
    }

    private static EquatableArray<RegistrationModel> SortedRegistrations(ImmutableArray<RegistrationModel?> items)
    {
        var list = new List<RegistrationModel>(items.Length);
        foreach (var item in items) if (item is not null) list.Add(item);
        list.Sort();
        return EquatableArray.From(list);
    }
}
