using System.Numerics;
using System.Numerics.Tensors;

namespace Layers;

/// <summary>
/// Overwrites a tensor that only its caller holds: a layer's fresh intermediate result, when no tape records it.
/// This is how inference avoids allocating a tensor per bias and per activation, as PyTorch's <c>addmm</c> does.
/// Nothing public reaches these: a tensor a user can see is never changed.
/// </summary>
internal static class InPlaceKernels
{
    /// <summary>
    /// Adds <paramref name="vector"/> to every row of <paramref name="rows"/> (its last axis). False, having changed
    /// nothing, when the dtypes differ or are not floating, or the vector's length is not the last dimension.
    /// </summary>
    public static bool TryAddToRows(Tensor rows, Tensor vector)
    {
        if (rows.DType != vector.DType || vector.Rank != 1 || rows.Rank == 0 || rows.Shape[-1] != vector.Size) return false;
        switch (rows.DType)
        {
            case DType.Float32: AddToRows(rows.Span<float>(), vector.AsReadOnlySpan<float>()); return true;
            case DType.Float64: AddToRows(rows.Span<double>(), vector.AsReadOnlySpan<double>()); return true;
            default: return false;
        }
    }

    private static void AddToRows<T>(Span<T> rows, ReadOnlySpan<T> vector) where T : unmanaged, INumber<T>
    {
        if (vector.Length == 0) return;
        for (int start = 0; start < rows.Length; start += vector.Length)
        {
            var row = rows.Slice(start, vector.Length);
            TensorPrimitives.Add(row, vector, row);
        }
    }

    /// <summary><c>max(x, 0)</c> over <paramref name="x"/> itself, with the same IEEE semantics as <see cref="Ops.Relu"/>.</summary>
    public static Tensor Relu(Tensor x)
    {
        if (x.DType == DType.Bool) return Ops.Relu(x);   // Ops.Relu names the op in its error
        Ops.ReluInto(x, x);
        return x;
    }
}
