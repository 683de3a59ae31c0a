using System;
using System.Collections.Generic;
using System.Linq;
using Layers.Generators.Diagnostics;
using Layers.Generators.Models;
using Layers.Generators.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Layers.Generators.Analysis;

/// <summary>Checks the <c>[Weight]</c> properties of a layer and turns each into a <see cref="WeightModel"/>.</summary>
internal static class WeightAnalysis
{
    public static List<WeightModel> Analyze(LayerContext context, List<(DeclaredMember Member, AttributeData Attribute)> weights, CallBinding? call)
    {
        var models = new List<WeightModel>(weights.Count);
        var fieldNames = new HashSet<string>(StringComparer.Ordinal);
        var names = new Dictionary<string, (string Property, SyntaxNode Location)>(StringComparer.Ordinal);
        int depthOffset = context.Depth * 65536;
        for (int index = 0; index < weights.Count; index++)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            var (member, attribute) = weights[index];
            if (member.Symbol is not IPropertySymbol property || member.Syntax is not PropertyDeclarationSyntax declaration)
            {
                context.Sink.MarkInvalid();
                continue;
            }
            bool declarationOk = CheckDeclaration(context, property, declaration);
            var arguments = WeightArguments.Read(attribute, context.CancellationToken);
            if (arguments is null)
            {
                context.Sink.MarkInvalid();
                continue;
            }

            string weightName = arguments.Name ?? Naming.ToSnakeCase(property.Name);
            var nameLocation = (SyntaxNode?)arguments.NameSyntax ?? declaration;
            if (arguments.Name is not null && CheckName(context, arguments.Name, arguments.NameSyntax!) is false)
                continue;
            if (names.TryGetValue(weightName, out var other))
                ReportDuplicate(context, property.Name, weightName, other.Property, inherited: null, arguments.NameSyntax, declaration);
            else
                names.Add(weightName, (property.Name, nameLocation));

            var shape = CompileShape(context, property.Name, arguments, call);
            string? initializer = ObjectReferences.Resolve(context, arguments.Initializer, BuiltInIdentifiers.Initializer, context.Known.Initializer, "Initializer");
            string? regularizer = ObjectReferences.Resolve(context, arguments.Regularizer, BuiltInIdentifiers.Regularizer, context.Known.Regularizer, "Regularizer");
            string? constraint = ObjectReferences.Resolve(context, arguments.Constraint, BuiltInIdentifiers.Constraint, context.Known.Constraint, "Constraint");
            if (!declarationOk || shape?.Code is null || initializer is null || regularizer is null || constraint is null) continue;

            string fieldName = "__" + Naming.ToCamelCase(property.Name);
            for (int suffix = 1; !fieldNames.Add(fieldName); suffix++) fieldName = "__" + Naming.ToCamelCase(property.Name) + suffix;
            models.Add(new WeightModel(
                Modifiers(declaration),
                CSharpCode.Identifier(property.Name),
                fieldName,
                weightName,
                depthOffset + index,
                shape.UsesCallArguments,
                shape.Code,
                initializer,
                arguments.Trainable,
                regularizer,
                constraint));
        }
        CheckInheritedNames(context, names);
        // A layer's weights are created together, as Keras users create them either in __init__ or in build:
        // if any shape needs the input, all of the layer's weights wait for the build (the seed's Linear has no
        // weights before its first call), otherwise all exist from construction (the seed's ComputeSum).
        if (models.Exists(m => m.CreatedInBuild))
            for (int i = 0; i < models.Count; i++) models[i] = models[i] with { CreatedInBuild = true };
        return models;
    }

    /// <summary>The property's modifiers as written, which its generated implementing part must repeat.</summary>
    public static string Modifiers(PropertyDeclarationSyntax declaration) =>
        string.Join(" ", declaration.Modifiers.Where(m => !m.IsKind(SyntaxKind.PartialKeyword)).Select(m => m.Text));

    /// <summary>True when the property is a get-only, body-less <c>partial Variable</c> instance property.</summary>
    private static bool CheckDeclaration(LayerContext context, IPropertySymbol property, PropertyDeclarationSyntax declaration)
    {
        string? problem = null;
        if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword)) problem = "it is not partial";
        else if (property.IsStatic) problem = "it is static";
        else if (!KnownTypes.Is(property.Type, context.Known.Variable)) problem = $"its type is '{property.Type.ToDisplayString()}'";
        else if (property.Type.NullableAnnotation == NullableAnnotation.Annotated) problem = "its type is nullable; the generated property never returns null";
        else if (declaration.ExpressionBody is not null || declaration.AccessorList is null) problem = "it has a body";
        else if (declaration.AccessorList.Accessors.Count != 1 || !declaration.AccessorList.Accessors[0].IsKind(SyntaxKind.GetAccessorDeclaration))
            problem = "it must have a get accessor only";
        else if (declaration.AccessorList.Accessors[0] is { Body: not null } or { ExpressionBody: not null }) problem = "its get accessor has a body";
        if (problem is null) return true;
        context.Sink.Report(Descriptors.WeightNotPartialVariable, declaration.Identifier, property.Name, " (" + problem + ")");
        return false;
    }

    private static bool CheckName(LayerContext context, string name, ExpressionSyntax location)
    {
        string? problem = name.Length == 0 ? "it is empty" : name.IndexOf('/') >= 0 ? "it contains '/', which separates the layers of a weight path" : null;
        if (problem is null) return true;
        context.Sink.Report(Descriptors.InvalidWeightName, location, name, problem);
        return false;
    }

    private static ShapeResult? CompileShape(LayerContext context, string propertyName, WeightArguments arguments, CallBinding? call)
    {
        string text = arguments.Shape;
        var result = ShapeExpression.Compile(text, name => ResolveShapeName(context, call, name));
        if (result.Error == ShapeErrorKind.None) return result;

        var (tree, span) = ShapeErrorSpan(arguments.ShapeSyntax, result);
        switch (result.Error)
        {
            case ShapeErrorKind.Syntax:
                Report(context, Descriptors.ShapeSyntax, arguments.ShapeSyntax, tree, span, text, propertyName, result.ErrorText);
                break;
            case ShapeErrorKind.UnknownName:
                Report(context, Descriptors.ShapeUnknownName, arguments.ShapeSyntax, tree, span, propertyName, result.ErrorText, context.DisplayName, result.ErrorDetail ?? "");
                break;
            default:
                Report(context, Descriptors.ShapeWrongType, arguments.ShapeSyntax, tree, span, propertyName, result.ErrorText, result.ErrorDetail);
                break;
        }
        return null;
    }

    private static void Report(LayerContext context, DiagnosticDescriptor descriptor, ExpressionSyntax? syntax, SyntaxTree? tree, TextSpan span, params object?[] arguments)
    {
        if (tree is not null) context.Sink.Report(descriptor, tree, span, arguments);
        else context.Sink.Report(descriptor, (SyntaxNode?)syntax, arguments);
    }

    /// <summary>The error's own characters inside a plain string literal; the whole argument otherwise (verbatim, raw or constant strings).</summary>
    private static (SyntaxTree? Tree, TextSpan Span) ShapeErrorSpan(ExpressionSyntax? syntax, ShapeResult result)
    {
        if (syntax is not LiteralExpressionSyntax { Token: var token } || !token.IsKind(SyntaxKind.StringLiteralToken)) return (null, default);
        string text = token.Text;
        if (text.Length != token.ValueText.Length + 2 || text[0] != '"' || result.ErrorLength == 0) return (null, default);
        int start = token.SpanStart + 1 + Math.Min(result.ErrorStart, token.ValueText.Length);
        int length = Math.Min(result.ErrorLength, token.ValueText.Length - (start - token.SpanStart - 1));
        return (syntax.SyntaxTree, new TextSpan(start, Math.Max(length, 0)));
    }

    private static ShapeName ResolveShapeName(LayerContext context, CallBinding? call, string name)
    {
        if (call is not null)
        {
            int tensor = call.TensorIndexOf(name);
            if (tensor >= 0) return ShapeName.Tensor(tensor);
            if (call.ListName == name) return ShapeName.TensorList();
        }
        if (MemberLookup.FindValueMember(context, name) is { } member)
        {
            var type = MemberLookup.ValueType(member);
            return type?.SpecialType == SpecialType.System_Int32
                ? ShapeName.IntMember(MemberLookup.Access(member))
                : ShapeName.WrongType($"a member of type '{type?.ToDisplayString()}'; shape dimensions must be int");
        }
        var primary = MemberLookup.PrimaryConstructor(context.Type, context.CancellationToken);
        var parameter = primary?.Parameters.FirstOrDefault(p => p.Name == name);
        if (parameter is not null)
        {
            if (MemberLookup.FindInitializedFrom(context, name) is { } stored)
            {
                return MemberLookup.ValueType(stored)?.SpecialType == SpecialType.System_Int32
                    ? ShapeName.IntMember(MemberLookup.Access(stored))
                    : ShapeName.WrongType($"stored in '{stored.Name}' of type '{MemberLookup.ValueType(stored)?.ToDisplayString()}'; shape dimensions must be int");
            }
            return ShapeName.Unknown($"; the primary constructor parameter '{name}' is not stored in a member, so store it (public int {Pascal(name)} {{ get; }} = {name};) and name the member");
        }
        var hint = call is null
            ? "; this layer has no Call, so no call-argument dimensions are known"
            : $"; Call's tensor parameters are: {call.Describe()}";
        return ShapeName.Unknown(hint);
    }

    private static string Pascal(string name) => name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name.Substring(1);

    private static void ReportDuplicate(LayerContext context, string property, string weightName, string otherProperty, string? inherited, ExpressionSyntax? nameSyntax, PropertyDeclarationSyntax declaration)
    {
        string where = inherited is null ? "" : $" of base class {inherited}";
        if (nameSyntax is not null)
            context.Sink.Report(Descriptors.DuplicateWeightName, nameSyntax, property, context.DisplayName, weightName, otherProperty, where);
        else
            context.Sink.Report(Descriptors.DuplicateWeightName, declaration.Identifier, property, context.DisplayName, weightName, otherProperty, where);
    }

    /// <summary>Own weight names must also differ from those a base layer declares.</summary>
    private static void CheckInheritedNames(LayerContext context, Dictionary<string, (string Property, SyntaxNode Location)> names)
    {
        if (names.Count == 0) return;
        for (var current = context.Type.BaseType; current is not null && !SymbolEqualityComparer.Default.Equals(current, context.Known.Layer); current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                if (member is not IPropertySymbol property) continue;
                var attribute = context.Known.FindAttribute(property, context.Known.WeightAttribute);
                if (attribute is null) continue;
                string inheritedName = WeightArguments.NameOf(attribute) ?? Naming.ToSnakeCase(property.Name);
                if (!names.TryGetValue(inheritedName, out var own)) continue;
                string where = $" of base class {current.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}";
                if (own.Location is PropertyDeclarationSyntax declaration)
                    context.Sink.Report(Descriptors.DuplicateWeightName, declaration.Identifier, own.Property, context.DisplayName, inheritedName, property.Name, where);
                else
                    context.Sink.Report(Descriptors.DuplicateWeightName, own.Location, own.Property, context.DisplayName, inheritedName, property.Name, where);
            }
        }
    }
}
