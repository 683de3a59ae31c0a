using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Layers.Generators.Diagnostics;
using Layers.Generators.Models;
using Layers.Generators.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Layers.Generators.Analysis;

/// <summary>
/// Analyses one candidate type. The generator and the analyzer run exactly this code: the analyzer reports
/// what the sink receives, the generator keeps the model — so they can never disagree about what is valid.
/// </summary>
internal static class LayerAnalysis
{
    /// <summary>The model to emit, or null when there is nothing to write for the type.</summary>
    public static LayerModel? Analyze(INamedTypeSymbol type, KnownTypes known, DiagnosticSink sink, CancellationToken cancellationToken)
    {
        var weights = DeclarationOrder.MembersWith(type, known.WeightAttribute, cancellationToken);
        var subLayers = DeclarationOrder.MembersWith(type, known.SubLayerAttribute, cancellationToken);
        var ownCalls = CallAnalysis.OwnCalls(type, known);
        bool declaresState = weights.Count + subLayers.Count > 0;

        if (type.TypeKind != TypeKind.Class || !known.DerivesFromLayer(type))
        {
            if (declaresState)
                sink.Report(Descriptors.NotALayer, type.Locations.FirstOrDefault(), type.Name, weights.Count > 0 ? "Weight" : "SubLayer");
            return null;
        }
        bool isPartial = LayerDiscovery.IsPartial(type, cancellationToken);
        // A non-partial layer with only Call is an ordinary hand-written layer: the base class serves it.
        if (!declaresState && (ownCalls.Count == 0 || !isPartial)) return null;
        if (!CheckPartial(type, isPartial, sink, cancellationToken)) return null;

        var context = new LayerContext(type, known, sink, cancellationToken);
        bool userDefaultTraining = type.GetMembers("DefaultTraining").Any(m => !known.IsGenerated(m));
        var call = CallAnalysis.Analyze(context, ownCalls, userDefaultTraining);
        if (declaresState && !call.HasCall)
            sink.Report(Descriptors.NoCall, type.Locations.FirstOrDefault(), context.DisplayName);

        var weightModels = WeightAnalysis.Analyze(context, weights, call.Binding);
        var subLayerModels = SubLayerAnalysis.Analyze(context, subLayers);
        var config = ConfigAnalysis.Analyze(context);

        var declaration = TypeDeclarations.Create(type);
        string hintName = TypeDeclarations.HintName(type);
        if (sink.HasErrors)
            return new LayerModel(declaration, hintName, IsValid: false, Stubs(weights, cancellationToken), Members: null, Registration: null);

        bool userClassName = type.GetMembers("ClassName").Any(m => m is IPropertySymbol && !known.IsGenerated(m));
        bool userRegisteredName = type.GetMembers("RegisteredName").Any(m => m is IPropertySymbol && !known.IsGenerated(m));
        var registration = Registration(type, known, config.HasFromConfig);
        var members = new LayerMembersModel(
            type.Name,
            !userClassName,
            !userRegisteredName && known.Layer.GetMembers("RegisteredName").Length > 0,
            registration is { IsBuiltIn: false } ? registration.Package + ">" + registration.ClassName : null,
            EquatableArray.From(weightModels),
            EquatableArray.From(subLayerModels),
            call.Own,
            config.Model);
        return new LayerModel(declaration, hintName, IsValid: true, EquatableArray<StubPropertyModel>.Empty, members, registration);
    }

    /// <summary>The layer and every enclosing type must be partial for the generated part to join them.</summary>
    private static bool CheckPartial(INamedTypeSymbol type, bool isPartial, DiagnosticSink sink, CancellationToken cancellationToken)
    {
        if (!isPartial)
        {
            sink.Report(Descriptors.NotPartial, type.Locations.FirstOrDefault(), type.Name, "");
            return false;
        }
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            if (LayerDiscovery.IsPartial(outer, cancellationToken)) continue;
            sink.Report(Descriptors.NotPartial, outer.Locations.FirstOrDefault(), outer.Name, $" (it contains the layer '{type.Name}')");
            return false;
        }
        return true;
    }

    private static RegistrationModel? Registration(INamedTypeSymbol type, KnownTypes known, bool hasFromConfig)
    {
        if (!hasFromConfig || type.IsAbstract || known.ModuleInitializerAttribute is null) return null;
        if (TypeDeclarations.IsInGenericContext(type) || !TypeDeclarations.IsVisibleInAssembly(type)) return null;
        return new RegistrationModel(type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), TypeDeclarations.Package(type), type.Name,
            known.LayerIsInThisAssembly);
    }

    /// <summary>Throwing bodies for the [Weight] properties of a layer with errors, so that only the LAYER diagnostics show.</summary>
    private static EquatableArray<StubPropertyModel> Stubs(List<(DeclaredMember Member, AttributeData Attribute)> weights, CancellationToken cancellationToken)
    {
        var stubs = new List<StubPropertyModel>();
        foreach (var (member, _) in weights)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (member.Symbol is not IPropertySymbol property || member.Syntax is not PropertyDeclarationSyntax declaration) continue;
            if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword) || declaration.AccessorList is null || declaration.ExpressionBody is not null) continue;
            if (declaration.AccessorList.Accessors.Any(a => a.Body is not null || a.ExpressionBody is not null)) continue;
            string accessors = string.Join(",", declaration.AccessorList.Accessors.Select(a => (a.Modifiers.ToString() + " " + a.Keyword.ValueText).Trim()));
            stubs.Add(new StubPropertyModel(WeightAnalysis.Modifiers(declaration), CSharpCode.TypeName(property.Type), CSharpCode.Identifier(property.Name), accessors));
        }
        return EquatableArray.From(stubs);
    }
}
