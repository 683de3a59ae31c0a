using System.Linq;
using Layers.Generators.Models;

namespace Layers.Generators.Emitting;

internal static partial class LayerEmitter
{
    private static void WriteConfig(SectionWriter sections, LayerMembersModel members)
    {
        if (members.EmitClassName)
        {
            var writer = sections.Next();
            writer.Line(GeneratedCode);
            writer.Line("public override string ClassName => \"" + members.ClassName + "\";");
        }
        if (members.EmitRegisteredName)
        {
            // Every generated layer answers, so a subclass never reports its base class's registered name.
            var writer = sections.Next();
            writer.Line(GeneratedCode);
            writer.Line("public override string? RegisteredName => " + (members.RegisteredName is { } name ? Support.CSharpCode.String(name) : "null") + ";");
        }
        if (members.Config is not { } config) return;
        if (config.EmitGetConfig) WriteGetConfig(sections.Next(), config);
        if (config.EmitFromConfig) WriteFromConfig(sections.Next(), config);
    }

    /// <summary>The base keys, then one key per constructor argument, read from the member that stores it.</summary>
    private static void WriteGetConfig(SourceWriter writer, ConfigModel config)
    {
        writer.Line(GeneratedCode);
        writer.Open("public override global::Layers.Config GetConfig()");
        writer.Line("var config = base.GetConfig();");
        foreach (var parameter in config.Parameters)
            if (parameter.WriteStatement is not null) writer.Line(parameter.WriteStatement);
        writer.Line("return config;");
        writer.Close();
    }

    /// <summary>
    /// Reads every argument before constructing, so a bad config fails before any layer exists; the base
    /// hook then constructs the layer under its saved name and applies the base keys.
    /// </summary>
    private static void WriteFromConfig(SourceWriter writer, ConfigModel config)
    {
        writer.Line("/// <summary>Creates the layer a config written by <see cref=\"GetConfig\"/> describes (Keras' <c>from_config</c>), without weights.</summary>");
        writer.Line(GeneratedCode);
        writer.Open("public static " + (config.FromConfigHidesInherited ? "new " : "") + config.ReturnType + " FromConfig(global::Layers.Config config)");
        writer.Line("global::System.ArgumentNullException.ThrowIfNull(config);");
        foreach (var parameter in config.Parameters)
            writer.Line(parameter.TypeName + " " + parameter.Local + " = " + parameter.ReadExpression + ";");
        if (config.Parameters.Count <= 4)
        {
            string arguments = string.Join(", ", config.Parameters.Select(p => p.Local));
            writer.Line("return FromConfigCore(config, () => new " + config.ReturnType + "(" + arguments + "));");
        }
        else
        {
            // One argument a line keeps long constructor calls readable.
            writer.Line("return FromConfigCore(config, () => new " + config.ReturnType + "(");
            for (int i = 0; i < config.Parameters.Count; i++)
                writer.Line("    " + config.Parameters[i].Local + (i == config.Parameters.Count - 1 ? "));" : ","));
        }
        writer.Close();
    }
}
