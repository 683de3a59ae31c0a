using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Layers;

/// <summary>
/// Conversions to and from <c>System.Numerics.Tensors</c> (<see cref="Tensor{T}"/>, <see cref="TensorSpan{T}"/>,
/// <see cref="ReadOnlyTensorSpan{T}"/>). Those types describe rank-0 data as rank 1, so a scalar leaves
/// as shape (1,). Their element type must match this tensor's dtype (float, double, int, long or bool).
/// </summary>
public sealed partial class Tensor
{
    /// <summary>
    /// A copy of <paramref name="source"/>, in row-major order. Any strides are accepted — transposed,
    /// sliced or broadcast (stride 0) views are gathered element by element — because this tensor's
    /// storage must be contiguous and 64-byte aligned.
    /// </summary>
    public static Tensor FromTensor<T>(ReadOnlyTensorSpan<T> source) where T : unmanaged
    {
        var lengths = source.Lengths;
        var dims = new int[lengths.Length];
        long size = 1;
        for (int i = 0; i < dims.Length; i++)
        {
            if (lengths[i] < 0 || lengths[i] > Array.MaxLength || (size *= lengths[i]) > Array.MaxLength)
                throw new ArgumentException(
                    $"Tensor.FromTensor: lengths [{string.Join(", ", lengths.ToArray())}] describe more than {Array.MaxLength} elements, more than a tensor holds.", nameof(source));
            dims[i] = (int)lengths[i];
        }
        var result = Allocate(Shape.FromOwned(dims), DTypes.Of<T>());
        if (result.Size == 0) return result;
        CopyStrided(ref Unsafe.AsRef(in source.GetPinnableReference()), lengths, source.Strides, result.Span<T>());
        return result;
    }

    /// <summary>A copy of <paramref name="source"/> (any strides).</summary>
    public static Tensor FromTensor<T>(TensorSpan<T> source) where T : unmanaged => FromTensor((ReadOnlyTensorSpan<T>)source);

    /// <summary>A copy of <paramref name="source"/> (any strides).</summary>
    public static Tensor FromTensor<T>(Tensor<T> source) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(source);
        return FromTensor(source.AsReadOnlyTensorSpan());
    }

    /// <summary>A new <see cref="Tensor{T}"/> holding a copy of the elements, with this shape (a scalar becomes shape (1,)).</summary>
    public Tensor<T> ToTensor<T>() where T : unmanaged => System.Numerics.Tensors.Tensor.Create(ToArray<T>(), NativeLengths());

    /// <summary>
    /// A read-only, zero-copy view of the elements with this shape, for passing to
    /// <c>System.Numerics.Tensors</c> APIs. Like <see cref="AsReadOnlySpan{T}"/>, it is valid while this tensor
    /// is reachable and shows later in-place writes (only a <see cref="Variable"/>'s value is ever written so).
    /// </summary>
    public ReadOnlyTensorSpan<T> AsReadOnlyTensorSpan<T>() where T : unmanaged =>
        new(Span<T>(), NativeLengths(), ReadOnlySpan<nint>.Empty);

    /// <summary>
    /// A writable, zero-copy view of the elements. <b>In place</b>, like <see cref="AsMutableSpan{T}"/>: writes
    /// change this tensor for every holder, including tensors that share its storage (results of Reshape,
    /// ExpandDims and Squeeze), and are not seen by a <see cref="GradientTape"/>. For filling new tensors.
    /// </summary>
    public TensorSpan<T> AsMutableTensorSpan<T>() where T : unmanaged =>
        new(Span<T>(), NativeLengths(), ReadOnlySpan<nint>.Empty);

    /// <summary>Copies the elements, row-major, into <paramref name="destination"/>, which must be at least <see cref="Size"/> long.</summary>
    public void CopyTo<T>(Span<T> destination) where T : unmanaged
    {
        if (destination.Length < Size)
            throw new ArgumentException(
                $"Tensor.CopyTo: the destination holds {destination.Length} elements but the tensor of shape {Shape} has {Size}.", nameof(destination));
        Span<T>().CopyTo(destination);
    }

    private nint[] NativeLengths()
    {
        if (Rank == 0) return [1];
        var lengths = new nint[Rank];
        for (int i = 0; i < lengths.Length; i++) lengths[i] = Shape.Dims[i];
        return lengths;
    }

    /// <summary>Gathers a strided view into contiguous row-major order, one innermost row at a time.</summary>
    private static void CopyStrided<T>(ref T origin, ReadOnlySpan<nint> lengths, ReadOnlySpan<nint> strides, Span<T> destination)
    {
        int rank = lengths.Length;
        if (rank == 0)
        {
            destination[0] = origin;
            return;
        }
        int inner = (int)lengths[rank - 1];
        nint innerStride = strides[rank - 1];
        Span<int> index = stackalloc int[rank];
        index.Clear();
        nint offset = 0;
        for (int written = 0; written < destination.Length; written += inner)
        {
            if (innerStride == 1)
            {
                MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref origin, offset), inner).CopyTo(destination.Slice(written, inner));
            }
            else
            {
                for (int j = 0; j < inner; j++) destination[written + j] = Unsafe.Add(ref origin, offset + j * innerStride);
            }
            for (int axis = rank - 2; axis >= 0; axis--)
            {
                offset += strides[axis];
                if (++index[axis] < lengths[axis]) break;
                offset -= strides[axis] * lengths[axis];
                index[axis] = 0;
            }
        }
    }
}
