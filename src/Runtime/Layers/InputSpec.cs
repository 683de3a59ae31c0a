namespace Layers;

/// <summary>
/// What a layer accepts as input (Keras' <c>InputSpec</c>): a dtype, an exact shape (with
/// <see cref="Shape.Unknown"/> wildcards), a rank or rank bounds, and fixed sizes for given axes.
/// <see cref="Layer.Apply(Tensor, bool?, Tensor?)"/> checks the first input against it before
/// building and calling.
/// </summary>
public sealed class InputSpec
{
    public InputSpec(DType? dtype = null, Shape? shape = null, int? ndim = null, int? maxNdim = null, int? minNdim = null,
        IReadOnlyDictionary<int, int>? axes = null)
    {
        if (shape is { } s && ndim is { } n && s.Rank != n)
            throw new ArgumentException($"InputSpec: shape {s} has rank {s.Rank} but ndim is {n}.");
        DType = dtype;
        Shape = shape;
        Ndim = shape?.Rank ?? ndim;
        MaxNdim = maxNdim;
        MinNdim = minNdim;
        Axes = axes;
        if (axes is not null && (Ndim ?? MaxNdim) is { } rank)
        {
            foreach (var axis in axes.Keys)
                if (axis >= rank || axis < -rank)
                    throw new ArgumentException($"InputSpec: axis {axis} is out of range for ndim {rank}.");
        }
    }

    public DType? DType { get; }
    public Shape? Shape { get; }
    public int? Ndim { get; }
    public int? MaxNdim { get; }
    public int? MinNdim { get; }

    /// <summary>Required sizes of given axes (negative axes count from the end).</summary>
    public IReadOnlyDictionary<int, int>? Axes { get; }

    /// <summary>Throws Keras' message if <paramref name="input"/> violates this spec.</summary>
    public void Check(Tensor input, int inputIndex, string layerName)
    {
        var shape = input.Shape;
        string Incompatible(string detail) =>
            $"Input {inputIndex} of layer \"{layerName}\" is incompatible with the layer: {detail}";

        if (Ndim is { } ndim && shape.Rank != ndim)
            throw new ArgumentException(Incompatible($"expected ndim={ndim}, found ndim={shape.Rank}. Full shape received: {shape}"));
        if (MaxNdim is { } max && shape.Rank > max)
            throw new ArgumentException(Incompatible($"expected max_ndim={max}, found ndim={shape.Rank}. Full shape received: {shape}"));
        if (MinNdim is { } min && shape.Rank < min)
            throw new ArgumentException(Incompatible($"expected min_ndim={min}, found ndim={shape.Rank}. Full shape received: {shape}"));
        if (DType is { } dtype && input.DType != dtype)
            throw new ArgumentException(Incompatible($"expected dtype={dtype.Name()}, found dtype={input.DType.Name()}"));
        if (Axes is not null)
        {
            foreach (var (axis, value) in Axes)
            {
                int normalized = axis < 0 ? axis + shape.Rank : axis;
                if ((uint)normalized >= (uint)shape.Rank || shape.Dims[normalized] != value)
                    throw new ArgumentException(Incompatible(
                        $"expected axis {axis} of input shape to have value {value}, but received input with shape {shape}"));
            }
        }
        if (Shape is { } expected)
        {
            for (int i = 0; i < expected.Rank; i++)
            {
                if (expected.Dims[i] != Layers.Shape.Unknown && expected.Dims[i] != shape.Dims[i])
                    throw new ArgumentException(Incompatible($"expected shape={expected}, found shape={shape}"));
            }
        }
    }

    public override string ToString()
    {
        var parts = new List<string>();
        if (DType is { } d) parts.Add($"dtype={d.Name()}");
        if (Shape is { } s) parts.Add($"shape={s}");
        if (Ndim is { } n) parts.Add($"ndim={n}");
        if (MaxNdim is { } mx) parts.Add($"max_ndim={mx}");
        if (MinNdim is { } mn) parts.Add($"min_ndim={mn}");
        if (Axes is not null) parts.Add($"axes={{{string.Join(", ", Axes.Select(a => $"{a.Key}: {a.Value}"))}}}");
        return $"InputSpec({string.Join(", ", parts)})";
    }
}
