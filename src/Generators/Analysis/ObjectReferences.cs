using Layers.Generators.Diagnostics;
using Microsoft.CodeAnalysis;

namespace Layers.Generators.Analysis;

/// <summary>
/// Resolves a weight's <c>Initializer</c>, <c>Regularizer</c> or <c>Constraint</c>: a built-in Keras
/// identifier becomes a runtime lookup by that name; <c>nameof(Member)</c> becomes a read of the member, which
/// is how a constructor argument such as Dense's <c>kernelInitializer</c> reaches the weight.
/// </summary>
internal static class ObjectReferences
{
    /// <summary>The C# expression for the argument (<c>null</c> when absent), or null after reporting an error.</summary>
    public static string? Resolve(LayerContext context, ObjectArgument? argument, BuiltInIdentifiers.ObjectKind kind, INamedTypeSymbol? baseType, string argumentName)
    {
        if (argument is null) return "null";
        if (!argument.IsNameOf)
        {
            if (kind.IsKnown(argument.Value)) return kind.Lookup + "(" + Support.CSharpCode.String(argument.Value) + ")";
            context.Sink.Report(Descriptors.UnknownBuiltIn, argument.Syntax, argument.Value, kind.Kind, kind.KnownList, kind.TypeName);
            return null;
        }

        var member = MemberLookup.FindValueMember(context, argument.Value);
        if (member is null)
        {
            context.Sink.Report(Descriptors.InvalidMemberReference, argument.Syntax, argumentName, argument.Value, context.DisplayName, kind.TypeName,
                $"'{argument.Value}' is not a readable field or property of this layer");
            return null;
        }
        var type = MemberLookup.ValueType(member);
        if (!KnownTypes.DerivesFrom(type, baseType))
        {
            context.Sink.Report(Descriptors.InvalidMemberReference, argument.Syntax, argumentName, argument.Value, context.DisplayName, kind.TypeName,
                $"'{argument.Value}' has type '{type?.ToDisplayString()}'");
            return null;
        }
        return MemberLookup.Access(member);
    }
}
