namespace Layers.Generators.Models;

/// <summary>
/// One <c>[Weight]</c> property. The shape, initializer, regularizer and constraint are already C#
/// expressions (checked by the parser), so the emitter only places them.
/// </summary>
internal sealed record WeightModel(
    string Modifiers,
    string PropertyName,
    string FieldName,
    string WeightName,
    int Slot,
    bool CreatedInBuild,
    string ShapeCode,
    string InitializerCode,
    bool Trainable,
    string RegularizerCode,
    string ConstraintCode);

/// <summary>One <c>[SubLayer]</c> member: a layer, or a collection of layers tracked item by item.</summary>
internal sealed record SubLayerModel(string MemberAccess, bool IsCollection);
