namespace Layers;

public static partial class Ops
{
    /// <summary>
    /// One-hot encodes integer <paramref name="indices"/> (Keras' <c>ops.one_hot</c>): a new axis of size
    /// <paramref name="depth"/> at <paramref name="axis"/> (default last) holding 1 at each index and 0 elsewhere.
    /// As in Keras (TensorFlow and JAX backends), an index outside 0…depth−1 — negative ones included —
    /// gives an all-zero row rather than an error. Not differentiable (the input is integer).
    /// </summary>
    public static Tensor OneHot(Tensor indices, int depth, int axis = -1, DType dtype = DType.Float32)
    {
        CheckNotNull(indices, "OneHot", "indices");
        if (!indices.DType.IsInteger())
            throw new ArgumentException(
                $"OneHot: indices must be int32 or int64; got {indices.DType.Name()} with shape {indices.Shape}. Cast them with Ops.Cast.", nameof(indices));
        if (depth < 0)
            throw new ArgumentOutOfRangeException(nameof(depth), depth, $"OneHot: depth (the number of classes) is {depth}; it must be >= 0.");
        int rank = indices.Rank + 1;
        int a = axis < 0 ? axis + rank : axis;
        if ((uint)a >= (uint)rank)
            throw new ArgumentOutOfRangeException(nameof(axis), axis,
                $"OneHot: axis {axis} is out of range for indices of shape {indices.Shape}; the new axis must be in {-rank}..{rank - 1}.");
        var dims = indices.Shape.Dims;
        var shape = Shape.FromOwned([.. dims[..a], depth, .. dims[a..]]);
        var result = Tensor.Zeros(shape, dtype);
        int inner = 1;
        for (int i = a; i < dims.Length; i++) inner *= dims[i];
        for (int flat = 0; flat < indices.Size; flat++)
        {
            long index = indices.DType == DType.Int32 ? indices.Span<int>()[flat] : indices.Span<long>()[flat];
            if (index < 0 || index >= depth) continue;
            int outer = flat / inner, within = flat % inner;
            result.SetOne((outer * depth + (int)index) * inner + within);
        }
        return result;
    }
}
