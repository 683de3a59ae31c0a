namespace Layers;

public sealed partial class Tensor
{
    /// <summary>Integers 0, 1, …, <paramref name="stop"/> − 1 (NumPy's <c>arange(stop)</c>).</summary>
    public static Tensor Arange(int stop, DType dtype = DType.Int32) => Arange(0, stop, 1, dtype);

    /// <summary>
    /// <paramref name="start"/>, <paramref name="start"/> + <paramref name="step"/>, … up to but excluding
    /// <paramref name="stop"/>, computed exactly in integers (Keras' <c>ops.arange</c> with int arguments).
    /// An empty range gives shape (0,).
    /// </summary>
    public static Tensor Arange(int start, int stop, int step = 1, DType dtype = DType.Int32)
    {
        if (step == 0)
            throw new ArgumentOutOfRangeException(nameof(step), "Arange: step is 0; it must be a non-zero integer.");
        long span = (long)stop - start;
        long count = span == 0 || (span > 0) != (step > 0) ? 0 : (span + step - Math.Sign(step)) / step;
        var result = Allocate(new Shape(checked((int)count)), dtype);
        for (int i = 0; i < count; i++) result.SetFromDouble(i, start + (long)i * step);
        return result;
    }

    /// <summary>Floats 0, 1, …, below <paramref name="stop"/>.</summary>
    public static Tensor Arange(double stop, DType dtype = DType.Float32) => Arange(0.0, stop, 1.0, dtype);

    /// <summary>
    /// <c>ceil((stop − start) / step)</c> values <c>start + i·step</c>, computed in float64 and then
    /// converted to <paramref name="dtype"/>, as NumPy's <c>arange</c> does. As in NumPy, a fractional step
    /// can make the last value land within rounding of <paramref name="stop"/>; use <c>Linspace</c>-style
    /// integer counts when that matters.
    /// </summary>
    public static Tensor Arange(double start, double stop, double step = 1.0, DType dtype = DType.Float32)
    {
        if (!double.IsFinite(start) || !double.IsFinite(stop) || !double.IsFinite(step) || step == 0)
            throw new ArgumentOutOfRangeException(nameof(step),
                $"Arange: start {start}, stop {stop} and step {step} must be finite, and step non-zero.");
        double count = Math.Ceiling((stop - start) / step);
        if (count > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(step),
                $"Arange: [{start}, {stop}) in steps of {step} has {count} values, more than a tensor holds ({Array.MaxLength}).");
        int length = count > 0 ? (int)count : 0;
        var result = Allocate(new Shape(length), dtype);
        for (int i = 0; i < length; i++) result.SetFromDouble(i, start + i * step);
        return result;
    }

    /// <summary>
    /// A 2-D tensor with ones on diagonal <paramref name="k"/> and zeros elsewhere (Keras' <c>ops.eye</c>):
    /// <paramref name="n"/> rows, <paramref name="m"/> columns (default <paramref name="n"/>); k &gt; 0 is above
    /// the main diagonal, k &lt; 0 below.
    /// </summary>
    public static Tensor Eye(int n, int? m = null, int k = 0, DType dtype = DType.Float32)
    {
        int columns = m ?? n;
        if (n < 0 || columns < 0)
            throw new ArgumentOutOfRangeException(nameof(n), $"Eye: the shape ({n}, {columns}) has a negative dimension; both must be >= 0.");
        var result = Zeros(new Shape(n, columns), dtype);
        if (k <= -n || k >= columns) return result; // the diagonal misses the matrix (and -k cannot overflow below)
        for (int row = Math.Max(0, -k); row < n && row + k < columns; row++)
            result.SetFromDouble(row * columns + row + k, 1);
        return result;
    }

    /// <summary>Writes one element from a double, converting to this dtype (integers must be exact).</summary>
    private void SetFromDouble(int flatIndex, double value)
    {
        switch (DType)
        {
            case DType.Float32: Span<float>()[flatIndex] = (float)value; break;
            case DType.Float64: Span<double>()[flatIndex] = value; break;
            case DType.Int32: Span<int>()[flatIndex] = checked((int)value); break;
            case DType.Int64: Span<long>()[flatIndex] = checked((long)value); break;
            case DType.Bool: Span<bool>()[flatIndex] = value != 0; break;
        }
    }

    /// <summary>Sets one element to 1 (one-hot encodings, identity matrices).</summary>
    internal void SetOne(int flatIndex) => SetFromDouble(flatIndex, 1);
}
