using System.Collections;
using System.Text;

namespace Layers;

/// <summary>
/// The dimensions of a tensor, outermost first. A shape used to describe layer inputs may hold
/// unknown dimensions (<see cref="Unknown"/>, printed as <c>None</c> like Keras' batch dimension);
/// the shape of an actual <see cref="Tensor"/> never does.
/// </summary>
public readonly struct Shape : IEquatable<Shape>, IReadOnlyList<int>
{
    /// <summary>The value of a dimension that is not known yet (Keras' <c>None</c>).</summary>
    public const int Unknown = -1;

    private readonly int[]? _dims;

    public Shape(params int[] dims)
    {
        ArgumentNullException.ThrowIfNull(dims);
        for (int i = 0; i < dims.Length; i++)
        {
            if (dims[i] < Unknown)
                throw new ArgumentException(
                    $"Shape dimension {i} is {dims[i]}; dimensions must be >= 0 (or Shape.Unknown for None). Got ({string.Join(", ", dims)}).",
                    nameof(dims));
        }
        _dims = dims.Length == 0 ? null : (int[])dims.Clone();
    }

    public Shape(ReadOnlySpan<int> dims) : this(dims.ToArray())
    {
    }

    private Shape(int[] dims, bool _) => _dims = dims.Length == 0 ? null : dims;

    /// <summary>The shape <c>()</c> of a scalar.</summary>
    public static Shape Scalar => default;

    /// <summary>Wraps an array the caller promises not to mutate afterwards.</summary>
    internal static Shape FromOwned(int[] dims) => new(dims, true);

    public int Rank => _dims?.Length ?? 0;

    int IReadOnlyCollection<int>.Count => Rank;

    /// <summary>Dimension <paramref name="axis"/>; negative axes count from the end, as in Python.</summary>
    public int this[int axis] => Dims[NormalizeAxis(axis, Rank, "Shape indexer")];

    public ReadOnlySpan<int> Dims => _dims is null ? ReadOnlySpan<int>.Empty : _dims;

    /// <summary>True when no dimension is <see cref="Unknown"/>.</summary>
    public bool IsFullyDefined
    {
        get
        {
            foreach (int d in Dims)
                if (d == Unknown) return false;
            return true;
        }
    }

    /// <summary>The number of elements. Throws for a shape with unknown dimensions.</summary>
    public int Size
    {
        get
        {
            long size = 1;
            foreach (int d in Dims)
            {
                if (d == Unknown)
                    throw new InvalidOperationException($"Shape {this} has unknown dimensions, so it has no size.");
                size *= d;
                if (size > Array.MaxLength)
                    throw new InvalidOperationException($"Shape {this} has more than {Array.MaxLength} elements.");
            }
            return (int)size;
        }
    }

    public int[] ToArray() => Dims.ToArray();

    /// <summary>A copy with dimension <paramref name="axis"/> replaced.</summary>
    public Shape WithDim(int axis, int value)
    {
        var dims = ToArray();
        dims[NormalizeAxis(axis, Rank, "Shape.WithDim")] = value;
        return new Shape(dims);
    }

    /// <summary>Dimensions <paramref name="start"/> (inclusive) to <paramref name="end"/> (exclusive).</summary>
    public Shape Slice(int start, int end) => FromOwned(Dims[start..end].ToArray());

    public Shape Append(params int[] dims) => FromOwned([.. Dims, .. dims]);

    public Shape Prepend(params int[] dims) => FromOwned([.. dims, .. Dims]);

    public static implicit operator Shape(int[] dims) => new(dims);

    public static bool operator ==(Shape left, Shape right) => left.Equals(right);

    public static bool operator !=(Shape left, Shape right) => !left.Equals(right);

    public bool Equals(Shape other) => Dims.SequenceEqual(other.Dims);

    public override bool Equals(object? obj) => obj is Shape other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (int d in Dims) hash.Add(d);
        return hash.ToHashCode();
    }

    /// <summary>Python tuple notation, as Keras prints shapes: <c>()</c>, <c>(3,)</c>, <c>(None, 4)</c>.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder("(");
        var dims = Dims;
        for (int i = 0; i < dims.Length; i++)
        {
            if (i > 0) sb.Append(", ");
            sb.Append(dims[i] == Unknown ? "None" : dims[i].ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        if (dims.Length == 1) sb.Append(',');
        return sb.Append(')').ToString();
    }

    public IEnumerator<int> GetEnumerator()
    {
        for (int i = 0; i < Rank; i++) yield return _dims![i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Maps a possibly negative axis into <c>[0, rank)</c> or throws naming <paramref name="op"/>.</summary>
    public static int NormalizeAxis(int axis, int rank, string op)
    {
        int normalized = axis < 0 ? axis + rank : axis;
        if ((uint)normalized >= (uint)rank)
        {
            string valid = rank == 0 ? "none (the value is a scalar)" : $"{-rank}..{rank - 1}";
            throw new ArgumentOutOfRangeException(nameof(axis), axis,
                $"{op}: axis {axis} is out of range for rank {rank}; valid axes are {valid}.");
        }
        return normalized;
    }
}
