namespace Layers;

public sealed partial class Tensor
{
    /// <summary>
    /// A tensor of <paramref name="shape"/> (same size) over this tensor's storage, when that is safe;
    /// otherwise a copy. Reshape, ExpandDims and Squeeze use it so that changing only the shape costs
    /// nothing.
    /// <para>
    /// Safe means the values seen through the view can never change. Tensors are immutable except for
    /// the explicitly in-place members, and the one in-place writer the runtime itself uses on shared
    /// tensors is <see cref="Variable"/> assignment, which writes into the variable's value tensor. So a
    /// variable's value is copied, and everything else is shared. (A caller that writes through
    /// <see cref="AsMutableSpan{T}"/> changes every view of the same storage, as documented there.)
    /// </para>
    /// </summary>
    internal Tensor ViewAs(Shape shape)
    {
        if (shape.Size != Size)
            throw new InvalidOperationException($"A view of shape {shape} cannot show the {Size} elements of shape {Shape}.");
        if (Variable is not null)
        {
            var copy = Allocate(shape, DType);
            CopyStorage(this, copy);
            return copy;
        }
        return new Tensor(shape, DType, _data, _offset);
    }

    /// <summary>
    /// Always shares storage, even with a variable's value. Only for kernels that need another shape for
    /// the duration of one call; the result must never reach a caller.
    /// </summary>
    internal Tensor AliasAs(Shape shape) => new(shape, DType, _data, _offset);

    /// <summary>True when both tensors read the same storage (a view and its source, or two views of one source).</summary>
    internal bool SharesStorageWith(Tensor other) => ReferenceEquals(_data, other._data) && _offset == other._offset;
}
