namespace Layers;

public abstract partial class Layer
{
    /// <summary>Detached copies of every weight's value, in <see cref="Weights"/> order (Keras' <c>get_weights</c>).</summary>
    public Tensor[] GetWeights()
    {
        var weights = Weights;
        var values = new Tensor[weights.Count];
        for (int i = 0; i < values.Length; i++) values[i] = weights[i].Value.Clone();
        return values;
    }

    /// <summary>
    /// Sets every weight from <paramref name="weights"/>, in <see cref="Weights"/> order (Keras' <c>set_weights</c>).
    /// The count and every shape are checked first; if any check fails nothing changes.
    /// </summary>
    public void SetWeights(IReadOnlyList<Tensor> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var variables = Weights;
        if (variables.Count != weights.Count)
            throw new ArgumentException(
                $"You called `SetWeights(weights)` on layer '{Name}' with a weight list of length {weights.Count}, " +
                $"but the layer was expecting {variables.Count} weights.", nameof(weights));
        var converted = new Tensor[weights.Count];
        for (int i = 0; i < variables.Count; i++)
        {
            var value = weights[i] ?? throw new ArgumentException($"Layer '{Name}': weight {i} ('{variables[i].Path}') is null.", nameof(weights));
            if (value.Shape != variables[i].Shape)
                throw new ArgumentException(
                    $"Layer {Name} weight shape {variables[i].Shape} is not compatible with provided weight shape {value.Shape} " +
                    $"(weight {i}, '{variables[i].Path}').", nameof(weights));
            if (value.DType != variables[i].DType && !(value.DType.IsFloating() || value.DType.IsInteger()))
                throw new ArgumentException(
                    $"Layer {Name} weight '{variables[i].Path}' has dtype {variables[i].DType.Name()} and cannot take a {value.DType.Name()} value.", nameof(weights));
            converted[i] = value.DType == variables[i].DType ? value : Ops.Cast(value, variables[i].DType);
        }
        for (int i = 0; i < variables.Count; i++) variables[i].Assign(converted[i]);
    }

    /// <summary>The number of scalars in <see cref="Weights"/>. The layer must be built.</summary>
    public int CountParams()
    {
        if (!_built)
            throw new InvalidOperationException(
                $"You tried to call CountParams on layer '{Name}', but the layer isn't built. " +
                "You can build it manually via: `layer.Build(inputShape)`, or call it once on data.");
        long count = 0;
        foreach (var weight in Weights) count += weight.Shape.Size;
        return checked((int)count);
    }
}
