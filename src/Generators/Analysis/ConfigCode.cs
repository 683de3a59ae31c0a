using Layers.Generators.Support;

namespace Layers.Generators.Analysis;

/// <summary>The C# that writes a member into a config and reads a constructor argument back, per config kind.</summary>
internal static class ConfigCode
{
    /// <summary><c>config.Set("units", this.Units);</c> and its variants.</summary>
    public static string Write(string key, string access, ConfigType member) =>
        "config." + WriteCall("\"" + key + "\"", access, member, "c", "k", "v") + ";";

    private static string WriteCall(string key, string value, ConfigType type, string c, string k, string v) => type.Kind switch
    {
        ConfigKind.SmallInteger => $"Set({key}, ({(type.IsNullable ? "int?" : "int")}){value})",
        ConfigKind.UInt32 => $"Set({key}, ({(type.IsNullable ? "long?" : "long")}){value})",
        ConfigKind.Enum => $"SetEnum({key}, {value})",
        ConfigKind.List => $"SetList({key}, {value}, static ({c}, {k}, {v}) => {c}.{WriteCall(k, v, type.Element!, c + "2", k + "2", v + "2")})",
        _ => $"Set({key}, {value})",
    };

    /// <summary>
    /// The expression that reads a constructor argument: required values use the throwing getter, nullable ones
    /// the nullable getter, and a default value applies when the key is missing (an explicit null stays null).
    /// </summary>
    public static string Read(string key, ConfigType parameter, string? defaultValue)
    {
        string quoted = CSharpCode.String(key);
        bool hasDefault = defaultValue is not null && defaultValue != "null";
        if (!hasDefault)
        {
            string read = Getter(quoted, parameter, parameter.IsNullable, "config");
            return parameter.IsConcreteList ? ConcreteList(read, parameter.IsNullable, key) : read;
        }
        string nullableRead = Getter(quoted, parameter, nullable: true, "config");
        if (parameter.IsNullable)
            return $"config.ContainsKey({quoted}) ? {nullableRead} : {defaultValue}";
        return parameter.Kind is ConfigKind.SmallInteger or ConfigKind.UInt32
            ? $"checked(({CSharpCode.TypeName(parameter.Underlying)})({UncastGetter(quoted, parameter)} ?? {defaultValue}))"
            : $"{nullableRead} ?? {defaultValue}";
    }

    private static string Getter(string key, ConfigType type, bool nullable, string config)
    {
        string prefix = nullable ? "GetNullable" : "Get";
        string underlying = CSharpCode.TypeName(type.Underlying);
        return type.Kind switch
        {
            ConfigKind.Bool => $"{config}.{prefix}Boolean({key})",
            ConfigKind.Int32 => $"{config}.{prefix}Int32({key})",
            ConfigKind.SmallInteger => $"checked(({underlying}{(nullable ? "?" : "")}){config}.{prefix}Int32({key}))",
            ConfigKind.Int64 => $"{config}.{prefix}Int64({key})",
            ConfigKind.UInt32 => $"checked(({underlying}{(nullable ? "?" : "")}){config}.{prefix}Int64({key}))",
            ConfigKind.Single => $"{config}.{prefix}Single({key})",
            ConfigKind.Double => $"{config}.{prefix}Double({key})",
            ConfigKind.String => $"{config}.{prefix}String({key})",
            ConfigKind.Enum => $"{config}.{prefix}Enum<{underlying}>({key})",
            ConfigKind.Shape => $"{config}.{prefix}Shape({key})",
            ConfigKind.Int32Array => $"{config}.{prefix}Int32Array({key})",
            ConfigKind.Initializer => $"{config}.{prefix}Initializer({key})",
            ConfigKind.Regularizer => $"{config}.{prefix}Regularizer({key})",
            ConfigKind.Constraint => $"{config}.{prefix}Constraint({key})",
            ConfigKind.Activation => $"{config}.{prefix}Activation({key})",
            ConfigKind.Layer => $"{config}.{prefix}Layer<{underlying}>({key})",
            _ => $"{config}.{prefix}List({key}, static (c, k) => {Getter("k", type.Element!, type.Element!.IsNullable, "c")})",
        };
    }

    private static string UncastGetter(string key, ConfigType type) =>
        type.Kind == ConfigKind.UInt32 ? $"config.GetNullableInt64({key})" : $"config.GetNullableInt32({key})";

    /// <summary><c>optional_list</c> → <c>optionalList</c>.</summary>
    private static string CamelCase(string key)
    {
        var parts = key.Split('_');
        for (int i = 1; i < parts.Length; i++)
            if (parts[i].Length > 0) parts[i] = char.ToUpperInvariant(parts[i][0]) + parts[i].Substring(1);
        return string.Concat(parts);
    }

    /// <summary>A <c>List&lt;T&gt;</c> parameter gets a list made from the array the config returns.</summary>
    private static string ConcreteList(string read, bool nullable, string key)
    {
        if (!nullable) return "[.. " + read + "]";
        string items = "__" + CamelCase(key) + "Items";
        return $"{read} is {{ }} {items} ? [.. {items}] : null";
    }
}
