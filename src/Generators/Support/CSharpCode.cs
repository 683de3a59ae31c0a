using System;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Layers.Generators.Support;

/// <summary>Small pieces of C# text the generator writes: escaped identifiers, literals, type names.</summary>
internal static class CSharpCode
{
    /// <summary>Type names as the emitter writes them: <c>global::</c>-qualified, with nullable annotations.</summary>
    public static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary><c>class</c> → <c>@class</c>, so any user identifier can be written back.</summary>
    public static string Identifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    public static string String(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

    public static string Bool(bool value) => value ? "true" : "false";

    public static string TypeName(ITypeSymbol type) => type.ToDisplayString(TypeFormat);

    /// <summary>A parameter's default value as a C# expression of its type, or null when it cannot be written.</summary>
    public static string? DefaultValue(IParameterSymbol parameter)
    {
        var type = parameter.Type;
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            type = nullable.TypeArguments[0];
        object? value = parameter.ExplicitDefaultValue;
        if (value is null) return type.IsValueType && parameter.Type.OriginalDefinition.SpecialType != SpecialType.System_Nullable_T ? "default" : "null";
        if (type.TypeKind == TypeKind.Enum) return EnumValue((INamedTypeSymbol)type, value);
        return value switch
        {
            bool b => Bool(b),
            string s => String(s),
            int i => i.ToString(CultureInfo.InvariantCulture),
            long l => l.ToString(CultureInfo.InvariantCulture) + "L",
            short s16 => "(short)" + s16.ToString(CultureInfo.InvariantCulture),
            ushort u16 => "(ushort)" + u16.ToString(CultureInfo.InvariantCulture),
            byte u8 => "(byte)" + u8.ToString(CultureInfo.InvariantCulture),
            sbyte s8 => "(sbyte)" + s8.ToString(CultureInfo.InvariantCulture),
            uint u32 => u32.ToString(CultureInfo.InvariantCulture) + "U",
            float f => Float(f),
            double d => Double(d),
            _ => null,
        };
    }

    public static string Float(float value)
    {
        if (float.IsNaN(value)) return "float.NaN";
        if (float.IsPositiveInfinity(value)) return "float.PositiveInfinity";
        if (float.IsNegativeInfinity(value)) return "float.NegativeInfinity";
        return value.ToString("R", CultureInfo.InvariantCulture) + "f";
    }

    public static string Double(double value)
    {
        if (double.IsNaN(value)) return "double.NaN";
        if (double.IsPositiveInfinity(value)) return "double.PositiveInfinity";
        if (double.IsNegativeInfinity(value)) return "double.NegativeInfinity";
        return value.ToString("R", CultureInfo.InvariantCulture) + "d";
    }

    private static string EnumValue(INamedTypeSymbol enumType, object value)
    {
        foreach (var member in enumType.GetMembers())
            if (member is IFieldSymbol { HasConstantValue: true } field && Equals(field.ConstantValue, value))
                return TypeName(enumType) + "." + Identifier(field.Name);
        return "(" + TypeName(enumType) + ")(" + Convert.ToString(value, CultureInfo.InvariantCulture) + ")";
    }
}
