namespace Layers;

/// <summary>Adds a list of tensors element-wise, with broadcasting (Keras' <c>Add</c> merge layer): <c>new Add().Apply([a, b])</c>.</summary>
public sealed partial class Add(string? name = null, DTypePolicy? dtype = null, bool trainable = true) : Layer(name, dtype, trainable)
{
    protected override Tensor Call(IReadOnlyList<Tensor> inputs)
    {
        Merging.RequireAtLeastTwo(this, inputs.Count);
        var sum = inputs[0];
        for (int i = 1; i < inputs.Count; i++) sum = Ops.Add(sum, inputs[i]);
        return sum;
    }

    public override Shape ComputeOutputShape(IReadOnlyList<Shape> inputShapes)
    {
        ArgumentNullException.ThrowIfNull(inputShapes);
        Merging.RequireAtLeastTwo(this, inputShapes.Count);
        var shape = inputShapes[0];
        for (int i = 1; i < inputShapes.Count; i++) shape = Merging.BroadcastWithUnknown(shape, inputShapes[i], Name);
        return shape;
    }

    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;
}

/// <summary>Joins a list of tensors along <see cref="Axis"/> (Keras' <c>Concatenate</c>).</summary>
public sealed partial class Concatenate(int axis = -1, string? name = null, DTypePolicy? dtype = null, bool trainable = true) : Layer(name, dtype, trainable)
{
    public int Axis { get; } = axis;

    protected override Tensor Call(IReadOnlyList<Tensor> inputs)
    {
        Merging.RequireAtLeastTwo(this, inputs.Count);
        return Ops.Concat(inputs, Axis);
    }

    public override Shape ComputeOutputShape(IReadOnlyList<Shape> inputShapes)
    {
        ArgumentNullException.ThrowIfNull(inputShapes);
        Merging.RequireAtLeastTwo(this, inputShapes.Count);
        int rank = inputShapes[0].Rank;
        int axis = Shape.NormalizeAxis(Axis, rank, $"Concatenate '{Name}'");
        var dims = inputShapes[0].ToArray();
        for (int i = 1; i < inputShapes.Count; i++)
        {
            var shape = inputShapes[i];
            if (shape.Rank != rank)
                throw new ArgumentException($"Concatenate '{Name}': all inputs must have rank {rank}; input {i} has shape {shape}.");
            for (int d = 0; d < rank; d++)
            {
                if (d == axis)
                    dims[d] = dims[d] == Shape.Unknown || shape[d] == Shape.Unknown ? Shape.Unknown : dims[d] + shape[d];
                else if (dims[d] != shape[d] && dims[d] != Shape.Unknown && shape[d] != Shape.Unknown)
                    throw new ArgumentException(
                        $"Concatenate '{Name}': inputs must match on every axis except {Axis}; got {inputShapes[0]} and {shape}.");
            }
        }
        return new Shape(dims);
    }

    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;
}

/// <summary>Checks shared by the merge layers.</summary>
internal static class Merging
{
    public static void RequireAtLeastTwo(Layer layer, int count)
    {
        if (count < 2)
            throw new ArgumentException($"{layer.ClassName} layer '{layer.Name}' should be called on a list of at least 2 inputs; received {count}.");
    }

    /// <summary>Broadcast of two shapes that may hold unknown dimensions.</summary>
    public static Shape BroadcastWithUnknown(Shape a, Shape b, string layer)
    {
        int rank = Math.Max(a.Rank, b.Rank);
        var dims = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            int da = i - (rank - a.Rank) >= 0 ? a[i - (rank - a.Rank)] : 1;
            int db = i - (rank - b.Rank) >= 0 ? b[i - (rank - b.Rank)] : 1;
            if (da == 1) dims[i] = db;
            else if (db == 1 || da == db) dims[i] = da;
            else if (da == Shape.Unknown || db == Shape.Unknown) dims[i] = Shape.Unknown;
            else throw new ArgumentException($"Add '{layer}': inputs of shapes {a} and {b} cannot be broadcast together.");
        }
        return new Shape(dims);
    }
}
