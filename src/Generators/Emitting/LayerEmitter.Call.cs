using System.Collections.Generic;
using System.Linq;
using Layers.Generators.Models;

namespace Layers.Generators.Emitting;

internal static partial class LayerEmitter
{
    private static void WriteCall(SectionWriter sections, LayerMembersModel members)
    {
        if (members.Call is not { } call) return;
        WriteDispatch(sections.Next(), call);
        if (call.DefaultTraining is { } training)
        {
            var writer = sections.Next();
            writer.Line(GeneratedCode);
            writer.Line("protected override bool DefaultTraining => " + training + ";");
        }
        if (call.TensorCount >= 2) WriteApply(sections.Next(), call);
    }

    /// <summary>The direct call of the user's Call, its parameters bound by name when the code was generated.</summary>
    private static void WriteDispatch(SourceWriter writer, CallModel call)
    {
        writer.Line(GeneratedCode);
        writer.Open("protected override global::Layers.Tensor Dispatch(in global::Layers.CallArguments arguments, global::Layers.Tensor? mask, bool training)");
        if (!call.TakesList)
        {
            var names = string.Join(", ", call.Parameters.Where(p => p.Kind == CallParameterKind.Tensor).Select(p => p.Name));
            string takes = call.TensorCount == 1 ? "one tensor argument" : $"{call.TensorCount} tensor arguments ({names})";
            writer.Open($"if (arguments.Count != {call.TensorCount})");
            writer.Line("throw new global::System.ArgumentException(");
            writer.Line($"    $\"Layer '{{Name}}' ({{ClassName}}) takes {takes} but was called with {{arguments.Count}}.\", nameof(arguments));");
            writer.Close();
        }
        var arguments = new List<string>();
        foreach (var parameter in call.Parameters)
        {
            arguments.Add(parameter.Kind switch
            {
                CallParameterKind.Tensor => $"arguments[{parameter.TensorIndex}]",
                CallParameterKind.TensorList => "arguments.ToList()",
                CallParameterKind.Training => "training",
                _ => "mask",
            });
        }
        writer.Line("return Call(" + string.Join(", ", arguments) + ");");
        writer.Close();
    }

    /// <summary>The typed entry point of a Call with several tensor parameters, through the base class's call flow.</summary>
    private static void WriteApply(SourceWriter writer, CallModel call)
    {
        var tensors = call.Parameters.Where(p => p.Kind == CallParameterKind.Tensor).Select(p => p.Name).ToList();
        var parameters = tensors.Select(t => "global::Layers.Tensor " + t).ToList();
        parameters.Add("bool? training = null");
        if (call.TakesMask) parameters.Add("global::Layers.Tensor? mask = null");
        string arguments = tensors.Count <= 3
            ? "new global::Layers.CallArguments(" + string.Join(", ", tensors) + ")"
            : "global::Layers.CallArguments.FromParameters(new global::Layers.Tensor[] { " + string.Join(", ", tensors) + " })";

        writer.Line("/// <summary>Calls the layer on its " + tensors.Count + " tensor arguments (Keras' <c>__call__</c>): builds on the first call, then runs <c>Call</c>.</summary>");
        writer.Line(GeneratedCode);
        writer.Open("public " + (call.ApplyHidesInherited ? "new " : "") + "global::Layers.Tensor Apply(" + string.Join(", ", parameters) + ")");
        foreach (var tensor in tensors)
            writer.Line("global::System.ArgumentNullException.ThrowIfNull(" + tensor + ");");
        writer.Line("return Invoke(" + arguments + ", training, " + (call.TakesMask ? "mask" : "null") + ");");
        writer.Close();
    }
}
