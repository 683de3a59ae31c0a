using System;

namespace Layers.Generators.Models;

/// <summary>
/// Everything the emitter needs to write one layer's generated part: plain strings, numbers and
/// equatable arrays, never symbols or syntax, so that equal inputs compare equal across compilations.
/// A layer with errors keeps only <see cref="Stubs"/>: property bodies that let the user's code compile
/// while the analyzer's diagnostics say what to fix.
/// </summary>
internal sealed record LayerModel(
    TypeDeclarationModel Type,
    string HintName,
    bool IsValid,
    EquatableArray<StubPropertyModel> Stubs,
    LayerMembersModel? Members,
    RegistrationModel? Registration);

/// <summary>Where the layer is declared: the namespace, the containing types and its own name.</summary>
internal sealed record TypeDeclarationModel(
    string? Namespace,
    EquatableArray<ContainingTypeModel> ContainingTypes,
    string Name,
    string TypeParameters,
    string FullName);

/// <summary>One enclosing type, redeclared <c>partial</c> around the generated part (<c>partial record struct Outer&lt;T&gt;</c>).</summary>
internal sealed record ContainingTypeModel(string Keyword, string Name, string TypeParameters);

/// <summary>The generated members of a valid layer.</summary>
internal sealed record LayerMembersModel(
    string ClassName,
    bool EmitClassName,
    bool EmitRegisteredName,
    string? RegisteredName,
    EquatableArray<WeightModel> Weights,
    EquatableArray<SubLayerModel> SubLayers,
    CallModel? Call,
    ConfigModel? Config);

/// <summary>A property declared with <c>[Weight]</c> on a layer that has errors: it gets a throwing body.</summary>
internal sealed record StubPropertyModel(string Modifiers, string TypeName, string Name, string Accessors);

/// <summary>How the layer is registered for deserialization by name, from the assembly's module initializer.</summary>
internal sealed record RegistrationModel(string FullName, string Package, string ClassName, bool IsBuiltIn) : IComparable<RegistrationModel>
{
    public int CompareTo(RegistrationModel? other) =>
        other is null ? 1 : string.CompareOrdinal(FullName, other.FullName);
}
