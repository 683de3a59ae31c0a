namespace Layers.Generators.Models;

/// <summary>What one parameter of <c>Call</c> receives from the call flow.</summary>
internal enum CallParameterKind
{
    Tensor,
    TensorList,
    Training,
    Mask,
}

internal sealed record CallParameterModel(CallParameterKind Kind, string Name, int TensorIndex);

/// <summary>
/// The layer's own <c>Call</c>: the generator dispatches to it directly and, for several tensor
/// parameters, writes the typed <c>Apply</c> overload.
/// </summary>
internal sealed record CallModel(
    EquatableArray<CallParameterModel> Parameters,
    int TensorCount,
    bool TakesList,
    bool TakesMask,
    string? DefaultTraining,
    bool ApplyHidesInherited);
