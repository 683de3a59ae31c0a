using System.Collections.Generic;
using System.Linq;
using Layers.Generators.Diagnostics;
using Layers.Generators.Models;
using Layers.Generators.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Layers.Generators.Analysis;

/// <summary>
/// Derives <c>GetConfig</c>/<c>FromConfig</c> from the constructor, as Keras does from <c>__init__</c>: each
/// parameter becomes a snake_case key written from the member that stores it and read back into the
/// constructor call. <c>name</c>, <c>dtype</c>, <c>trainable</c> and <c>activity_regularizer</c> are the
/// base class's keys: forwarded, never written twice.
/// </summary>
internal static class ConfigAnalysis
{
    public sealed class Result
    {
        public ConfigModel? Model { get; set; }

        /// <summary>True when the layer has a FromConfig (generated or written by the user) that registration can call.</summary>
        public bool HasFromConfig { get; set; }
    }

    public static Result Analyze(LayerContext context)
    {
        var type = context.Type;
        bool userGetConfig = type.GetMembers("GetConfig").Any(m => m is IMethodSymbol { Parameters.Length: 0, IsOverride: true } && !context.Known.IsGenerated(m));
        bool userFromConfig = type.GetMembers("FromConfig").Any(m => m is IMethodSymbol { IsStatic: true, Parameters.Length: 1 } method
            && KnownTypes.Is(method.Parameters[0].Type, context.Known.Config) && !context.Known.IsGenerated(m));
        var result = new Result { HasFromConfig = userFromConfig };
        if (userGetConfig && userFromConfig) return result;

        var constructor = ChooseConstructor(context);
        if (constructor is null) return result;
        bool canConstruct = !type.IsAbstract && constructor.DeclaredAccessibility == Accessibility.Public;

        var parameters = new List<ConfigParameterModel>();
        bool ok = true;
        foreach (var parameter in constructor.Parameters)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            var model = Parameter(context, parameter);
            if (model is null) ok = false;
            else parameters.Add(model);
        }
        if (!ok) return result;

        bool emitGetConfig = !userGetConfig && parameters.Any(p => p.WriteStatement is not null);
        bool emitFromConfig = !userFromConfig && canConstruct;
        result.HasFromConfig = userFromConfig || emitFromConfig;
        string returnType = CSharpCode.Identifier(type.Name) + TypeDeclarations.TypeParameterList(type, withVariance: false);
        result.Model = new ConfigModel(
            EquatableArray.From(parameters),
            emitGetConfig,
            emitFromConfig,
            emitFromConfig && BaseHasFromConfig(context),
            returnType);
        return result;
    }

    /// <summary>The primary constructor; else the public one with the most parameters (protected too for an abstract layer).</summary>
    private static IMethodSymbol? ChooseConstructor(LayerContext context)
    {
        if (MemberLookup.PrimaryConstructor(context.Type, context.CancellationToken) is { } primary) return primary;
        IMethodSymbol? best = null;
        foreach (var constructor in context.Type.InstanceConstructors)
        {
            bool usable = constructor.DeclaredAccessibility == Accessibility.Public
                || (context.Type.IsAbstract && constructor.DeclaredAccessibility is Accessibility.Protected or Accessibility.ProtectedOrInternal);
            if (!usable) continue;
            if (best is null || constructor.Parameters.Length > best.Parameters.Length) best = constructor;
        }
        return best;
    }

    private static ConfigParameterModel? Parameter(LayerContext context, IParameterSymbol parameter)
    {
        string key = Naming.ToSnakeCase(parameter.Name);
        string local = LocalName(parameter);
        Location? location() => ParameterLocation(parameter, context);
        string typeDisplay = parameter.Type.ToDisplayString();

        if (BaseKey(context, parameter, key) is { } baseKey) return baseKey;
        var type = ConfigType.Classify(parameter.Type, context.Known);
        if (type is null)
        {
            context.Sink.Report(Descriptors.UnserializableParameter, location(), parameter.Name, context.DisplayName, typeDisplay, "");
            return null;
        }
        string? defaultValue = parameter.HasExplicitDefaultValue ? CSharpCode.DefaultValue(parameter) : null;
        if (parameter.HasExplicitDefaultValue && defaultValue is null)
        {
            context.Sink.Report(Descriptors.UnserializableParameter, location(), parameter.Name, context.DisplayName, typeDisplay, " with that default value");
            return null;
        }

        var member = MemberLookup.FindStorageOf(context, parameter);
        if (member is null)
        {
            string suggested = parameter.Name.Length == 0 ? parameter.Name : char.ToUpperInvariant(parameter.Name[0]) + parameter.Name.Substring(1);
            context.Sink.Report(Descriptors.ParameterWithoutMember, location(), parameter.Name, context.DisplayName, suggested);
            return null;
        }
        var memberType = ConfigType.Classify(MemberLookup.ValueType(member)!, context.Known);
        if (memberType is null || !ConfigType.AreCompatible(type, memberType))
        {
            var detail = $" as it is stored: member '{member.Name}' has type '{MemberLookup.ValueType(member)?.ToDisplayString()}'"
                + (memberType is null ? "" : ", which is written differently; give the parameter and the member the same kind of type");
            context.Sink.Report(Descriptors.UnserializableParameter, location(), parameter.Name, context.DisplayName, typeDisplay, detail);
            return null;
        }
        return new ConfigParameterModel(key, local, type.LocalTypeName, ConfigCode.Write(key, MemberLookup.Access(member), memberType),
            ConfigCode.Read(key, type, defaultValue));
    }

    /// <summary>The base keys: read back and forwarded to the constructor, written by the base class.</summary>
    private static ConfigParameterModel? BaseKey(LayerContext context, IParameterSymbol parameter, string key)
    {
        var type = parameter.Type;
        string local = LocalName(parameter);
        string? defaultValue = parameter.HasExplicitDefaultValue ? CSharpCode.DefaultValue(parameter) : null;
        string? read = key switch
        {
            "name" when type.SpecialType == SpecialType.System_String =>
                defaultValue is null or "null" ? "config.GetNullableString(\"name\")" : $"config.GetNullableString(\"name\") ?? {defaultValue}",
            "dtype" when KnownTypes.Is(type, context.Known.DTypePolicy) =>
                "config.IsNullOrMissing(\"dtype\") ? null : global::Layers.DTypePolicy.FromJson(config.GetNode(\"dtype\"), config.Owner)",
            "dtype" when type.SpecialType == SpecialType.System_String =>
                "config.IsNullOrMissing(\"dtype\") ? null : global::Layers.DTypePolicy.FromJson(config.GetNode(\"dtype\"), config.Owner).Name",
            "trainable" when type.SpecialType == SpecialType.System_Boolean =>
                $"config.GetNullableBoolean(\"trainable\") ?? {(defaultValue is "false" ? "false" : "true")}",
            "activity_regularizer" when KnownTypes.Is(type, context.Known.Regularizer) =>
                "config.GetNullableRegularizer(\"activity_regularizer\")",
            _ => null,
        };
        if (read is null) return null;
        string localType = !type.IsValueType ? CSharpCode.TypeName(type.WithNullableAnnotation(NullableAnnotation.Annotated)) : CSharpCode.TypeName(type);
        if (key == "dtype" && KnownTypes.Is(type, context.Known.DTypePolicy) && type.NullableAnnotation == NullableAnnotation.NotAnnotated)
            read = "global::Layers.DTypePolicy.FromJson(config.GetNode(\"dtype\"), config.Owner)";
        else if (!type.IsValueType && type.NullableAnnotation == NullableAnnotation.NotAnnotated && key != "name")
            read = "(" + read + ")!";
        if (key == "name" && type.NullableAnnotation == NullableAnnotation.NotAnnotated && defaultValue is null or "null")
            read = "config.GetString(\"name\")";
        return new ConfigParameterModel(key, local, localType, null, read);
    }

    /// <summary>FromConfig's locals are named after the parameters; one named <c>config</c> would hide the method's parameter.</summary>
    private static string LocalName(IParameterSymbol parameter) =>
        parameter.Name == "config" ? "__config" : CSharpCode.Identifier(parameter.Name);

    private static bool BaseHasFromConfig(LayerContext context)
    {
        for (var current = context.Type.BaseType; current is not null && !SymbolEqualityComparer.Default.Equals(current, context.Known.Layer); current = current.BaseType)
        {
            if (current.GetMembers("FromConfig").Any(m => m is IMethodSymbol { IsStatic: true, Parameters.Length: 1 })) return true;
            if (!current.IsAbstract && LayerDiscovery.IsGeneratedLayer(current, context.Known, context.CancellationToken)) return true;
        }
        return false;
    }

    private static Location? ParameterLocation(IParameterSymbol parameter, LayerContext context)
    {
        foreach (var reference in parameter.DeclaringSyntaxReferences)
            if (reference.GetSyntax(context.CancellationToken) is ParameterSyntax syntax) return syntax.GetLocation();
        return parameter.Locations.FirstOrDefault();
    }
}
