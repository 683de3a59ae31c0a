using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Layers.Generators.Analysis;

/// <summary>One of <c>Initializer</c>, <c>Regularizer</c>, <c>Constraint</c> as written: its value and whether it was <c>nameof(…)</c>.</summary>
internal sealed class ObjectArgument(string value, bool isNameOf, ExpressionSyntax? syntax)
{
    public string Value { get; } = value;
    public bool IsNameOf { get; } = isNameOf;
    public ExpressionSyntax? Syntax { get; } = syntax;
}

/// <summary>The named arguments of one <c>[Weight(…)]</c>, with the syntax of each for precise diagnostics.</summary>
internal sealed class WeightArguments
{
    public string Shape { get; private set; } = "";
    public ExpressionSyntax? ShapeSyntax { get; private set; }
    public ObjectArgument? Initializer { get; private set; }
    public ObjectArgument? Regularizer { get; private set; }
    public ObjectArgument? Constraint { get; private set; }
    public bool Trainable { get; private set; } = true;
    public string? Name { get; private set; }
    public ExpressionSyntax? NameSyntax { get; private set; }

    /// <summary>Null when the attribute itself is malformed; the compiler reports that.</summary>
    public static WeightArguments? Read(AttributeData attribute, CancellationToken cancellationToken)
    {
        if (attribute.AttributeClass is null or IErrorTypeSymbol || attribute.ConstructorArguments.Length != 0) return null;
        var syntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
        var result = new WeightArguments();
        foreach (var argument in attribute.NamedArguments)
        {
            var value = argument.Value;
            if (value.Kind == TypedConstantKind.Error) return null;
            var expression = ArgumentSyntax(syntax, argument.Key);
            switch (argument.Key)
            {
                case "Shape":
                    if (value.Value is not string && !value.IsNull) return null;
                    result.Shape = value.Value as string ?? "";
                    result.ShapeSyntax = expression;
                    break;
                case "Initializer":
                    result.Initializer = Object(value, expression);
                    break;
                case "Regularizer":
                    result.Regularizer = Object(value, expression);
                    break;
                case "Constraint":
                    result.Constraint = Object(value, expression);
                    break;
                case "Trainable":
                    if (value.Value is not bool trainable) return null;
                    result.Trainable = trainable;
                    break;
                case "Name":
                    result.Name = value.Value as string;
                    result.NameSyntax = result.Name is null ? null : expression;
                    break;
            }
        }
        return result;
    }

    /// <summary>The <c>Name</c> argument of a <c>[Weight]</c> read from metadata (a base class in another assembly).</summary>
    public static string? NameOf(AttributeData attribute)
    {
        foreach (var argument in attribute.NamedArguments)
            if (argument.Key == "Name" && argument.Value.Value is string name) return name;
        return null;
    }

    private static ObjectArgument? Object(TypedConstant value, ExpressionSyntax? expression)
    {
        if (value.Value is not string text) return null;
        bool isNameOf = expression is InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } };
        return new ObjectArgument(text, isNameOf, expression);
    }

    private static ExpressionSyntax? ArgumentSyntax(AttributeSyntax? attribute, string name)
    {
        if (attribute?.ArgumentList is null) return null;
        foreach (var argument in attribute.ArgumentList.Arguments)
            if (argument.NameEquals?.Name.Identifier.ValueText == name) return argument.Expression;
        return null;
    }
}
