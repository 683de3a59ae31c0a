using Layers.Generators.Support;
using Microsoft.CodeAnalysis;

namespace Layers.Generators.Analysis;

internal enum ConfigKind
{
    Bool,
    Int32,
    SmallInteger,
    Int64,
    UInt32,
    Single,
    Double,
    String,
    Enum,
    Shape,
    Int32Array,
    Initializer,
    Regularizer,
    Constraint,
    Activation,
    Layer,
    List,
}

/// <summary>How a value of some C# type is written to and read from a <c>Layers.Config</c>.</summary>
internal sealed class ConfigType
{
    private ConfigType(ConfigKind kind, bool isNullable, ITypeSymbol type, ITypeSymbol underlying, ConfigType? element)
    {
        Kind = kind;
        IsNullable = isNullable;
        Type = type;
        Underlying = underlying;
        Element = element;
    }

    public ConfigKind Kind { get; }

    /// <summary>A nullable value type, or a reference type that may be null (annotated or oblivious).</summary>
    public bool IsNullable { get; }

    public ITypeSymbol Type { get; }

    /// <summary>The type without <c>Nullable&lt;T&gt;</c>: the enum, the small integer type, the layer type.</summary>
    public ITypeSymbol Underlying { get; }

    /// <summary>The item type of a list.</summary>
    public ConfigType? Element { get; }

    /// <summary>A list parameter of type <c>List&lt;T&gt;</c>, which needs a copy of the array the config returns.</summary>
    public bool IsConcreteList { get; private set; }

    /// <summary>The local's type in FromConfig: the parameter's type, nullable when the value may be null.</summary>
    public string LocalTypeName =>
        !Type.IsValueType && Type.NullableAnnotation == NullableAnnotation.None
            ? CSharpCode.TypeName(Type.WithNullableAnnotation(NullableAnnotation.Annotated))
            : CSharpCode.TypeName(Type);

    /// <summary>The type's config kind, or null when a config cannot hold it.</summary>
    public static ConfigType? Classify(ITypeSymbol type, KnownTypes known, bool allowList = true)
    {
        var underlying = type;
        bool nullable = false;
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } wrapper)
        {
            underlying = wrapper.TypeArguments[0];
            nullable = true;
        }
        else if (!type.IsValueType)
        {
            nullable = type.NullableAnnotation != NullableAnnotation.NotAnnotated;
            underlying = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated);
        }

        ConfigKind? kind = underlying.SpecialType switch
        {
            SpecialType.System_Boolean => ConfigKind.Bool,
            SpecialType.System_Int32 => ConfigKind.Int32,
            SpecialType.System_Int16 or SpecialType.System_UInt16 or SpecialType.System_Byte or SpecialType.System_SByte => ConfigKind.SmallInteger,
            SpecialType.System_Int64 => ConfigKind.Int64,
            SpecialType.System_UInt32 => ConfigKind.UInt32,
            SpecialType.System_Single => ConfigKind.Single,
            SpecialType.System_Double => ConfigKind.Double,
            SpecialType.System_String => ConfigKind.String,
            _ => null,
        };
        if (kind is null)
        {
            if (underlying.TypeKind == TypeKind.Enum) kind = ConfigKind.Enum;
            else if (KnownTypes.Is(underlying, known.Shape)) kind = ConfigKind.Shape;
            else if (underlying is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Int32 }) kind = ConfigKind.Int32Array;
            else if (KnownTypes.DerivesFrom(underlying, known.Initializer)) kind = ConfigKind.Initializer;
            else if (KnownTypes.DerivesFrom(underlying, known.Regularizer)) kind = ConfigKind.Regularizer;
            else if (KnownTypes.DerivesFrom(underlying, known.Constraint)) kind = ConfigKind.Constraint;
            else if (KnownTypes.DerivesFrom(underlying, known.Activation)) kind = ConfigKind.Activation;
            else if (known.IsLayer(underlying)) kind = ConfigKind.Layer;
        }
        if (kind is { } found) return new ConfigType(found, nullable, type, underlying, null);
        if (!allowList) return null;

        var (itemType, concrete) = ListItem(underlying, known);
        if (itemType is null || Classify(itemType, known, allowList: false) is not { } element) return null;
        return new ConfigType(ConfigKind.List, nullable, type, underlying, element) { IsConcreteList = concrete };
    }

    /// <summary>
    /// Whether a value written as <paramref name="member"/> can be read back as <paramref name="parameter"/>:
    /// the same kind, integers of any width, or a string parameter for an activation (written as its name).
    /// </summary>
    public static bool AreCompatible(ConfigType parameter, ConfigType member)
    {
        if (IsInteger(parameter.Kind) && IsInteger(member.Kind)) return true;
        if (parameter.Kind == ConfigKind.String && member.Kind == ConfigKind.Activation) return true;
        if (parameter.Kind == ConfigKind.Int32Array && member.Kind == ConfigKind.Shape) return true;
        if (parameter.Kind == ConfigKind.Shape && member.Kind == ConfigKind.Int32Array) return true;
        if (parameter.Kind != member.Kind) return false;
        return parameter.Kind != ConfigKind.List || AreCompatible(parameter.Element!, member.Element!);
    }

    private static bool IsInteger(ConfigKind kind) =>
        kind is ConfigKind.Int32 or ConfigKind.SmallInteger or ConfigKind.Int64 or ConfigKind.UInt32;

    /// <summary>The item type of <c>T[]</c>, <c>List&lt;T&gt;</c> or a list/collection/enumerable interface of T.</summary>
    private static (ITypeSymbol? Item, bool Concrete) ListItem(ITypeSymbol type, KnownTypes known)
    {
        if (type is IArrayTypeSymbol { Rank: 1 } array) return (array.ElementType, false);
        if (type is not INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named) return (null, false);
        var definition = named.OriginalDefinition;
        if (KnownTypes.Is(definition, known.ListOfT)) return (named.TypeArguments[0], true);
        string name = definition.ToDisplayString();
        return name switch
        {
            "System.Collections.Generic.IReadOnlyList<T>" or "System.Collections.Generic.IReadOnlyCollection<T>"
                or "System.Collections.Generic.IEnumerable<T>" or "System.Collections.Generic.IList<T>"
                or "System.Collections.Generic.ICollection<T>" => (named.TypeArguments[0], false),
            _ => (null, false),
        };
    }
}
