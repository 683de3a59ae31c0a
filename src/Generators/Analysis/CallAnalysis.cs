using System.Collections.Generic;
using System.Linq;
using Layers.Generators.Diagnostics;
using Layers.Generators.Models;
using Layers.Generators.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Layers.Generators.Analysis;

/// <summary>The tensor parameter names of the <c>Call</c> a layer runs, which shape expressions may index.</summary>
internal sealed class CallBinding(string[] tensorNames, string? listName)
{
    public string? ListName { get; } = listName;

    public int TensorIndexOf(string name) => System.Array.IndexOf(tensorNames, name);

    public string Describe() => ListName is not null ? ListName + " (a list: " + ListName + "[0][-1])" : string.Join(", ", tensorNames);
}

/// <summary>
/// Reads the layer's <c>Call</c>: its parameters bind by name as Keras binds them (tensors in order,
/// <c>training</c>, <c>mask</c>), decided here once instead of by inspecting the signature on every call.
/// </summary>
internal static class CallAnalysis
{
    public sealed class Result
    {
        /// <summary>The layer's own Call, when it has a valid one: the generator dispatches to it.</summary>
        public CallModel? Own { get; set; }

        /// <summary>The Call that runs (own or inherited), for shape expressions.</summary>
        public CallBinding? Binding { get; set; }

        /// <summary>False when neither the layer nor a base class other than Layer declares Call.</summary>
        public bool HasCall { get; set; }
    }

    public static List<IMethodSymbol> OwnCalls(INamedTypeSymbol type, KnownTypes known)
    {
        var calls = new List<IMethodSymbol>();
        foreach (var member in type.GetMembers("Call"))
            if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary } method && !method.IsImplicitlyDeclared && !known.IsGenerated(method))
                calls.Add(method);
        return calls;
    }

    public static Result Analyze(LayerContext context, List<IMethodSymbol> ownCalls, bool userDeclaresDefaultTraining)
    {
        var result = new Result();
        if (ownCalls.Count > 1)
        {
            var second = ownCalls.OrderBy(m => m.Locations.FirstOrDefault()?.SourceSpan.Start ?? 0).ElementAt(1);
            context.Sink.Report(Descriptors.UnsupportedCall, second.Locations.FirstOrDefault(), context.DisplayName + ".Call",
                $"the layer declares {ownCalls.Count} Call methods; declare exactly one");
            result.HasCall = true;
            return result;
        }
        if (ownCalls.Count == 1)
        {
            result.HasCall = true;
            var signature = Read(ownCalls[0], context.Known, out var problem, out var problemLocation);
            if (signature is null)
            {
                context.Sink.Report(Descriptors.UnsupportedCall, problemLocation, context.DisplayName + ".Call", problem);
                return result;
            }
            result.Binding = signature.Binding;
            result.Own = new CallModel(
                EquatableArray.From(signature.Parameters),
                signature.TensorCount,
                signature.TakesList,
                signature.TakesMask,
                userDeclaresDefaultTraining ? null : signature.DefaultTraining,
                signature.TensorCount >= 2 && BaseHasApply(context, signature.TensorCount, signature.TakesMask));
            return result;
        }
        for (var current = context.Type.BaseType; current is not null && !SymbolEqualityComparer.Default.Equals(current, context.Known.Layer); current = current.BaseType)
        {
            var inherited = OwnCalls(current, context.Known);
            if (inherited.Count == 0) continue;
            result.HasCall = true;
            foreach (var call in inherited)
            {
                if (Read(call, context.Known, out _, out _) is { } signature)
                {
                    result.Binding = signature.Binding;
                    break;
                }
            }
            break;
        }
        return result;
    }

    private sealed class Signature
    {
        public List<CallParameterModel> Parameters { get; } = new();
        public int TensorCount { get; set; }
        public bool TakesList { get; set; }
        public bool TakesMask { get; set; }
        public string? DefaultTraining { get; set; }
        public CallBinding Binding { get; set; } = null!;
    }

    /// <summary>The signature, or null with the reason and where it is.</summary>
    private static Signature? Read(IMethodSymbol call, KnownTypes known, out string problem, out Location? location)
    {
        location = call.Locations.FirstOrDefault();
        problem = "";
        if (call.IsStatic) return Fail("Call must be an instance method", out problem);
        if (call.IsGenericMethod) return Fail("Call cannot be generic", out problem);
        if (!KnownTypes.Is(call.ReturnType, known.Tensor) || call.ReturnType.NullableAnnotation == NullableAnnotation.Annotated)
            return Fail($"Call must return Tensor, not '{call.ReturnType.ToDisplayString()}'", out problem);

        var signature = new Signature();
        var tensorNames = new List<string>();
        string? listName = null;
        foreach (var parameter in call.Parameters)
        {
            location = parameter.Locations.FirstOrDefault() ?? location;
            if (parameter.RefKind != RefKind.None || parameter.IsParams)
                return Fail($"parameter '{parameter.Name}' cannot be ref, out, in or params", out problem);
            var type = parameter.Type;
            if (parameter.Name == "training")
            {
                if (type.SpecialType != SpecialType.System_Boolean && !IsNullableBool(type))
                    return Fail($"parameter 'training' must be bool, not '{type.ToDisplayString()}'", out problem);
                signature.Parameters.Add(new CallParameterModel(CallParameterKind.Training, "training", -1));
                if (parameter.HasExplicitDefaultValue && parameter.ExplicitDefaultValue is bool value)
                    signature.DefaultTraining = CSharpCode.Bool(value);
            }
            else if (parameter.Name == "mask")
            {
                if (!KnownTypes.Is(type, known.Tensor) || type.NullableAnnotation == NullableAnnotation.NotAnnotated)
                    return Fail($"parameter 'mask' must be 'Tensor? mask' (it is null when the input carries no mask), not '{type.ToDisplayString()}'", out problem);
                signature.Parameters.Add(new CallParameterModel(CallParameterKind.Mask, "mask", -1));
                signature.TakesMask = true;
            }
            else if (KnownTypes.Is(type, known.Tensor))
            {
                if (type.NullableAnnotation == NullableAnnotation.Annotated)
                    return Fail($"tensor parameter '{parameter.Name}' must be a non-nullable Tensor", out problem);
                if (parameter.HasExplicitDefaultValue)
                    return Fail($"tensor parameter '{parameter.Name}' cannot be optional", out problem);
                if (signature.TakesList)
                    return Fail("Call takes either one list of tensors or tensor parameters, not both", out problem);
                signature.Parameters.Add(new CallParameterModel(CallParameterKind.Tensor, CSharpCode.Identifier(parameter.Name), signature.TensorCount++));
                tensorNames.Add(parameter.Name);
            }
            else if (IsTensorList(type, known))
            {
                if (signature.TakesList || signature.TensorCount > 0)
                    return Fail("Call takes either one list of tensors or tensor parameters, not both", out problem);
                signature.TakesList = true;
                listName = parameter.Name;
                signature.Parameters.Add(new CallParameterModel(CallParameterKind.TensorList, CSharpCode.Identifier(parameter.Name), 0));
            }
            else
            {
                return Fail($"parameter '{parameter.Name}' of type '{type.ToDisplayString()}' is not supported; Call takes only tensors, 'bool training' and 'Tensor? mask'", out problem);
            }
        }
        location = call.Locations.FirstOrDefault();
        if (signature.TensorCount == 0 && !signature.TakesList)
            return Fail("Call needs at least one Tensor parameter", out problem);
        signature.Binding = new CallBinding(tensorNames.ToArray(), listName);
        return signature;
    }

    private static Signature? Fail(string message, out string problem)
    {
        problem = message;
        return null;
    }

    private static bool IsNullableBool(ITypeSymbol type) =>
        type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable
        && nullable.TypeArguments[0].SpecialType == SpecialType.System_Boolean;

    private static bool IsTensorList(ITypeSymbol type, KnownTypes known) =>
        type is INamedTypeSymbol { IsGenericType: true } named
        && KnownTypes.Is(named.OriginalDefinition, known.IReadOnlyListOfT)
        && KnownTypes.Is(named.TypeArguments[0], known.Tensor);

    /// <summary>
    /// Whether a base class has, or will get from the generator, an <c>Apply</c> with the same tensor
    /// parameters, so that the generated overload must be declared <c>new</c>.
    /// </summary>
    private static bool BaseHasApply(LayerContext context, int tensorCount, bool takesMask)
    {
        for (var current = context.Type.BaseType; current is not null && !SymbolEqualityComparer.Default.Equals(current, context.Known.Layer); current = current.BaseType)
        {
            foreach (var member in current.GetMembers("Apply"))
                if (member is IMethodSymbol apply && IsApplyFor(apply, context.Known, tensorCount, takesMask)) return true;
            var calls = OwnCalls(current, context.Known);
            if (calls.Count == 1 && LayerDiscovery.IsGeneratedLayer(current, context.Known, context.CancellationToken)
                && Read(calls[0], context.Known, out _, out _) is { TakesList: false } signature
                && signature.TensorCount == tensorCount && signature.TakesMask == takesMask)
                return true;
        }
        return false;
    }

    private static bool IsApplyFor(IMethodSymbol apply, KnownTypes known, int tensorCount, bool takesMask)
    {
        var parameters = apply.Parameters;
        if (parameters.Length != tensorCount + 1 + (takesMask ? 1 : 0)) return false;
        for (int i = 0; i < tensorCount; i++)
            if (!KnownTypes.Is(parameters[i].Type, known.Tensor)) return false;
        return IsNullableBool(parameters[tensorCount].Type) && (!takesMask || KnownTypes.Is(parameters[tensorCount + 1].Type, known.Tensor));
    }
}
