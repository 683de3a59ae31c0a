namespace Layers;

/// <summary>
/// Marks a field or property holding a layer, an array of layers or a list of layers as a sublayer of a
/// generated layer: it is tracked in declaration order (list items in list order) and its weights follow
/// the layer's own in <see cref="Layer.Weights"/>. Read at compile time only.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class SubLayerAttribute : Attribute
{
}
