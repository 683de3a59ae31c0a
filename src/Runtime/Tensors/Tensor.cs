using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Layers;

/// <summary>
/// An n-dimensional array: a <see cref="Layers.Shape"/>, a <see cref="Layers.DType"/> and contiguous
/// row-major storage that starts on a 64-byte boundary.
/// <para>
/// Reads have value semantics: every op returns a new tensor and leaves its inputs alone. The only
/// mutations are the explicitly named in-place members (<see cref="AsMutableSpan{T}"/> and the
/// <c>…InPlace</c> ops) that optimizers and <see cref="Variable"/> assignment use.
/// </para>
/// </summary>
public sealed partial class Tensor
{
    private readonly Array _data;
    private readonly int _offset;

    internal Tensor(Shape shape, DType dtype, Array data, int offset)
    {
        Shape = shape;
        DType = dtype;
        Size = shape.Size;
        _data = data;
        _offset = offset;
    }

    public Shape Shape { get; }

    public DType DType { get; }

    /// <summary>Number of dimensions.</summary>
    public int Rank => Shape.Rank;

    /// <summary>Number of elements.</summary>
    public int Size { get; }

    /// <summary>The tape node that produced this tensor while a <see cref="GradientTape"/> recorded, if any.</summary>
    internal GradNode? GradNode { get; set; }

    /// <summary>The variable whose value this tensor is, so a tape can treat it as a differentiable leaf.</summary>
    internal Variable? Variable { get; set; }

    /// <summary>The mask a layer attached to this output (Keras' <c>_keras_mask</c>); the next layer's call receives it.</summary>
    public Tensor? KerasMask { get; internal set; }

    /// <summary>A new tensor with uninitialized (or, with <paramref name="clear"/>, zeroed) storage.</summary>
    internal static Tensor Allocate(Shape shape, DType dtype, bool clear = false)
    {
        if (!shape.IsFullyDefined)
            throw new ArgumentException($"Cannot allocate a tensor of shape {shape}: every dimension must be known.", nameof(shape));
        int size = shape.Size;
        int offset;
        Array data = dtype switch
        {
            DType.Float32 => AlignedArray.Allocate<float>(size, clear, out offset),
            DType.Float64 => AlignedArray.Allocate<double>(size, clear, out offset),
            DType.Int32 => AlignedArray.Allocate<int>(size, clear, out offset),
            DType.Int64 => AlignedArray.Allocate<long>(size, clear, out offset),
            DType.Bool => AlignedArray.Allocate<bool>(size, clear, out offset),
            _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Not a defined DType value."),
        };
        return new Tensor(shape, dtype, data, offset);
    }

    /// <summary>A new tensor of the same shape and dtype, uninitialized.</summary>
    internal Tensor AllocateLike() => Allocate(Shape, DType);

    /// <summary>The elements, read-only. <typeparamref name="T"/> must match <see cref="DType"/>.</summary>
    public ReadOnlySpan<T> AsReadOnlySpan<T>() where T : unmanaged => Span<T>();

    /// <summary>
    /// The elements, writable. <b>In place:</b> writes change this tensor for every holder of it and
    /// are not seen by a <see cref="GradientTape"/>. Meant for filling tensors you just created and
    /// for optimizers.
    /// </summary>
    public Span<T> AsMutableSpan<T>() where T : unmanaged => Span<T>();

    /// <summary>Typed view of the storage after a dtype check; the workhorse of every kernel.</summary>
    internal Span<T> Span<T>() where T : unmanaged
    {
        if (DTypes.Of<T>() != DType)
            throw new InvalidOperationException(
                $"This tensor has dtype {DType.Name()}; it cannot be viewed as {typeof(T).Name}. Use Ops.Cast first.");
        return MemoryMarshal.CreateSpan(
            ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Unsafe.As<T[]>(_data)), _offset), Size);
    }

    /// <summary>A reference to the first element (64-byte aligned), for kernels that use pointers or vectors.</summary>
    internal ref T Ref<T>() where T : unmanaged => ref MemoryMarshal.GetReference(Span<T>());

    /// <summary>Copies the elements out, row-major.</summary>
    public T[] ToArray<T>() where T : unmanaged => Span<T>().ToArray();

    /// <summary>A deep copy, detached from any tape.</summary>
    public Tensor Clone()
    {
        var copy = Allocate(Shape, DType);
        CopyStorage(this, copy);
        return copy;
    }

    /// <summary>Copies <paramref name="source"/>'s elements into <paramref name="destination"/> (same dtype and size).</summary>
    internal static void CopyStorage(Tensor source, Tensor destination)
    {
        int bytes = source.Size * source.DType.SizeOf();
        MemoryMarshal.CreateSpan(ref source.RawRef(), bytes).CopyTo(MemoryMarshal.CreateSpan(ref destination.RawRef(), bytes));
    }

    /// <summary>The first byte of the storage, whatever the dtype.</summary>
    internal ref byte RawRef() =>
        ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_data), _offset * DType.SizeOf());

    /// <summary>Reads one element as a double, whatever the dtype (bool reads as 0 or 1).</summary>
    [IndexerName("Element")]
    public double this[params int[] index] => GetAsDouble(FlatIndex(index));

    /// <summary>Reads one element. <typeparamref name="T"/> must match <see cref="DType"/>.</summary>
    public T GetItem<T>(params int[] index) where T : unmanaged => Span<T>()[FlatIndex(index)];

    /// <summary>The single element of a tensor of size 1 (a scalar, or shape (1,), (1, 1)…).</summary>
    public T Item<T>() where T : unmanaged
    {
        if (Size != 1)
            throw new InvalidOperationException($"Item() needs a tensor with exactly one element; this one has shape {Shape} ({Size} elements).");
        return Span<T>()[0];
    }

    internal double GetAsDouble(int flatIndex) => DType switch
    {
        DType.Float32 => Span<float>()[flatIndex],
        DType.Float64 => Span<double>()[flatIndex],
        DType.Int32 => Span<int>()[flatIndex],
        DType.Int64 => Span<long>()[flatIndex],
        DType.Bool => Span<bool>()[flatIndex] ? 1.0 : 0.0,
        _ => throw new InvalidOperationException($"Unsupported dtype {DType}."),
    };

    private int FlatIndex(int[] index)
    {
        ArgumentNullException.ThrowIfNull(index);
        if (index.Length != Rank)
            throw new ArgumentException(
                $"Index [{string.Join(", ", index)}] has {index.Length} components but the tensor has rank {Rank} (shape {Shape}).", nameof(index));
        int flat = 0;
        for (int axis = 0; axis < index.Length; axis++)
        {
            int dim = Shape[axis];
            int i = index[axis] < 0 ? index[axis] + dim : index[axis];
            if ((uint)i >= (uint)dim)
                throw new IndexOutOfRangeException(
                    $"Index {index[axis]} is out of range for axis {axis} of size {dim} (tensor shape {Shape}).");
            flat = flat * dim + i;
        }
        return flat;
    }
}
