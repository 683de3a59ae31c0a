using Layers.Generators.Models;

namespace Layers.Generators.Emitting;

internal static partial class LayerEmitter
{
    /// <summary>Tracking in declaration order, list items in list order; null members and items are skipped.</summary>
    private static void WriteSubLayers(SectionWriter sections, LayerMembersModel members)
    {
        if (members.SubLayers.IsEmpty) return;
        var writer = sections.Next();
        writer.Line(GeneratedCode);
        writer.Open("protected override void CollectDeclaredLayers(global::System.Collections.Generic.List<global::Layers.Layer> layers)");
        writer.Line("base.CollectDeclaredLayers(layers);");
        int index = 0;
        foreach (var subLayer in members.SubLayers)
        {
            string local = "__layer" + index++;
            if (subLayer.IsCollection)
            {
                writer.Open($"if ({subLayer.MemberAccess} is {{ }} {local})");
                writer.Line($"foreach (var __item in {local}) if (__item is not null) layers.Add(__item);");
                writer.Close();
            }
            else
            {
                writer.Line($"if ({subLayer.MemberAccess} is {{ }} {local}) layers.Add({local});");
            }
        }
        writer.Close();
    }
}
