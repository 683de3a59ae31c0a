namespace Layers;

/// <summary>The whole content of a safetensors file: tensors by key (in data order) and the <c>__metadata__</c> strings.</summary>
public sealed class SafeTensorsFile(IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string> metadata)
{
    public IReadOnlyDictionary<string, Tensor> Tensors { get; } = tensors ?? throw new ArgumentNullException(nameof(tensors));

    public IReadOnlyDictionary<string, string> Metadata { get; } = metadata ?? throw new ArgumentNullException(nameof(metadata));
}
