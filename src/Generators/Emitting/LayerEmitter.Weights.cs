using Layers.Generators.Models;

namespace Layers.Generators.Emitting;

internal static partial class LayerEmitter
{
    private static void WriteWeights(SectionWriter sections, LayerMembersModel members)
    {
        if (members.Weights.IsEmpty) return;
        var writer = sections.Next();
        foreach (var weight in members.Weights)
            writer.Line("private global::Layers.Variable? " + weight.FieldName + ";");

        foreach (var weight in members.Weights)
        {
            writer = sections.Next();
            writer.Open(Join(weight.Modifiers, "partial global::Layers.Variable " + weight.PropertyName));
            writer.Line($"get => {weight.FieldName} ?? GetDeclaredWeight(ref {weight.FieldName}, \"{weight.WeightName}\");");
            writer.Close();
        }

        WriteCreation(sections, members, build: false);
        WriteCreation(sections, members, build: true);
    }

    /// <summary>
    /// <c>CreateEagerWeights</c> for weights whose shapes name no call argument (they exist from construction,
    /// like weights Keras creates in <c>__init__</c>), <c>CreateBuildWeights</c> for the others.
    /// </summary>
    private static void WriteCreation(SectionWriter sections, LayerMembersModel members, bool build)
    {
        bool any = false;
        foreach (var weight in members.Weights) any |= weight.CreatedInBuild == build;
        if (!any) return;

        var writer = sections.Next();
        writer.Line(GeneratedCode);
        if (build)
        {
            writer.Open("protected override void CreateBuildWeights(global::System.Collections.Generic.IReadOnlyList<global::Layers.Shape> inputShapes)");
            writer.Line("base.CreateBuildWeights(inputShapes);");
        }
        else
        {
            writer.Open("protected override void CreateEagerWeights()");
            writer.Line("base.CreateEagerWeights();");
        }
        foreach (var weight in members.Weights)
        {
            if (weight.CreatedInBuild != build) continue;
            writer.Line($"{weight.FieldName} = AddDeclaredWeight({weight.Slot}, \"{weight.WeightName}\", {weight.ShapeCode}, {weight.InitializerCode}, " +
                $"trainable: {(weight.Trainable ? "true" : "false")}, regularizer: {weight.RegularizerCode}, constraint: {weight.ConstraintCode});");
        }
        writer.Close();
    }

    private static void WriteStubs(SourceWriter writer, LayerModel model)
    {
        bool first = true;
        foreach (var stub in model.Stubs)
        {
            if (!first) writer.Line();
            first = false;
            writer.Open(Join(stub.Modifiers, "partial " + stub.TypeName + " " + stub.Name));
            foreach (var accessor in stub.Accessors.Split(','))
                writer.Line(accessor + " => throw new global::System.InvalidOperationException(" +
                    $"\"Layer {model.Type.Name} has errors reported by the Layers generator (LAYER diagnostics); fix them to generate '{stub.Name}'.\");");
            writer.Close();
        }
    }

    private static string Join(string modifiers, string rest) => modifiers.Length == 0 ? rest : modifiers + " " + rest;
}
