using Microsoft.CodeAnalysis;

namespace Layers.Generators.Diagnostics;

/// <summary>
/// Every LAYER diagnostic. Each message says how to fix the problem; docs/diagnostics.md explains each
/// with an example. Ids are never reused.
/// </summary>
internal static class Descriptors
{
    private const string Category = "Layers.Generator";
    private const string HelpBase = "docs/diagnostics.md#";

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + id.ToLowerInvariant());

    public static readonly DiagnosticDescriptor NotPartial = Error("LAYER001",
        "Generated layer must be partial",
        "'{0}' must be declared partial so the Layers generator can add its generated part: write 'partial class {0}'{1}");

    public static readonly DiagnosticDescriptor NotALayer = Error("LAYER002",
        "[Weight] and [SubLayer] need a class deriving from Layer",
        "'{0}' uses [{1}] but does not derive from Layers.Layer; derive it from Layer (class {0} : Layer) or remove the attribute");

    public static readonly DiagnosticDescriptor WeightNotPartialVariable = Error("LAYER003",
        "[Weight] must be on a partial Variable property",
        "[Weight] property '{0}' must be declared as an instance 'partial Variable {0} {{ get; }}' with no body or setter, so the generator can write it{1}");

    public static readonly DiagnosticDescriptor ShapeSyntax = Error("LAYER004",
        "Invalid shape expression",
        "Shape \"{0}\" of weight '{1}' is not valid: {2}. Write comma-separated dimensions built from integers, int members, call-argument dimensions such as inputs[-1], + - * / and parentheses.");

    public static readonly DiagnosticDescriptor ShapeUnknownName = Error("LAYER005",
        "Unknown name in shape expression",
        "Shape of weight '{0}' uses '{1}', which is neither an int member of {2} nor a tensor parameter of Call{3}");

    public static readonly DiagnosticDescriptor ShapeWrongType = Error("LAYER006",
        "Wrong kind of name in shape expression",
        "Shape of weight '{0}' uses '{1}', {2}");

    public static readonly DiagnosticDescriptor UnknownBuiltIn = Error("LAYER007",
        "Unknown built-in initializer, regularizer or constraint",
        "'{0}' is not a built-in {1}; use one of {2}, or nameof(Member) naming a member that holds a {3}");

    public static readonly DiagnosticDescriptor InvalidMemberReference = Error("LAYER008",
        "nameof(...) must name a member holding an initializer, regularizer or constraint",
        "{0} = nameof({1}) must name a field or property of {2} whose type is {3}; {4}");

    public static readonly DiagnosticDescriptor ParameterWithoutMember = Error("LAYER009",
        "Constructor parameter has no matching member",
        "Constructor parameter '{0}' of {1} has no member to read back for GetConfig; store it in a property or field named '{2}' (or initialize a member with it), or write GetConfig and FromConfig yourself");

    public static readonly DiagnosticDescriptor UnserializableParameter = Error("LAYER010",
        "Constructor parameter cannot be serialized",
        "Constructor parameter '{0}' of {1} has type '{2}', which a config cannot hold{3}; use bool, an integer or floating-point type, string, an enum, Shape, int[], Initializer, Regularizer, Constraint, ActivationFunction, a layer, or a list of these");

    public static readonly DiagnosticDescriptor UnsupportedCall = Error("LAYER011",
        "Unsupported Call signature",
        "{0}: {1}. Supported: Tensor Call(Tensor inputs), several Tensor parameters, or one IReadOnlyList<Tensor>, optionally with 'bool training' and 'Tensor? mask'.");

    public static readonly DiagnosticDescriptor NoCall = Error("LAYER012",
        "Layer has no Call method",
        "Layer '{0}' declares weights or sublayers but neither it nor a base class declares Call; add 'protected override Tensor Call(Tensor inputs)'");

    public static readonly DiagnosticDescriptor SubLayerNotLayer = Error("LAYER013",
        "[SubLayer] must be on a layer, an array of layers or a list of layers",
        "[SubLayer] member '{0}' {1}; use an instance field or readable property whose type is a Layer, an array of layers or a list (IReadOnlyList<T>, List<T>…) of layers");

    public static readonly DiagnosticDescriptor DuplicateWeightName = Error("LAYER014",
        "Duplicate weight name",
        "Weight '{0}' of {1} is named \"{2}\", like weight '{3}'{4}; weight names must be unique within a layer, so give one of them another Name");

    public static readonly DiagnosticDescriptor InvalidWeightName = Error("LAYER015",
        "Invalid weight name",
        "Weight name \"{0}\" is not valid: {1}");

    public static readonly DiagnosticDescriptor[] All =
    [
        NotPartial, NotALayer, WeightNotPartialVariable, ShapeSyntax, ShapeUnknownName, ShapeWrongType, UnknownBuiltIn,
        InvalidMemberReference, ParameterWithoutMember, UnserializableParameter, UnsupportedCall, NoCall, SubLayerNotLayer,
        DuplicateWeightName, InvalidWeightName,
    ];
}
