using System.Globalization;
using System.Text;

namespace Layers;

public sealed partial class Tensor
{
    /// <summary>Tensors with more elements than this print the first and last <see cref="EdgeItems"/> of each axis (NumPy's threshold).</summary>
    private const int SummarizeThreshold = 1000;

    private const int EdgeItems = 3;

    /// <summary>
    /// Values, shape and dtype as Keras users know them:
    /// <c>Tensor([[1. 2.] [3. 4.]], shape=(2, 2), dtype=float32)</c> (NumPy layout, middle of large tensors elided).
    /// </summary>
    public override string ToString() =>
        $"Tensor({FormatValues()}, shape={Shape}, dtype={DType.Name()})";

    /// <summary>The values alone, in NumPy's layout (<c>[[1. 2.]\n [3. 4.]]</c>).</summary>
    public string FormatValues()
    {
        bool summarize = Size > SummarizeThreshold;
        var cells = new string[Size];
        var dims = Shape.Dims;
        for (int i = 0; i < Size; i++)
            if (!(summarize && IsElided(i, dims))) cells[i] = FormatElement(i);
        AlignDecimalPoints(cells);
        int width = cells.Max(c => c?.Length ?? 0);
        var sb = new StringBuilder();
        if (Rank == 0)
        {
            sb.Append(cells[0]);
            return sb.ToString();
        }
        AppendAxis(sb, cells, width, 0, 0, summarize);
        return sb.ToString();
    }

    private void AppendAxis(StringBuilder sb, string[] cells, int width, int axis, int flatBase, bool summarize)
    {
        var dims = Shape.Dims;
        int dim = dims[axis];
        int stride = 1;
        for (int i = axis + 1; i < dims.Length; i++) stride *= dims[i];
        sb.Append('[');
        for (int i = 0; i < dim; i++)
        {
            if (summarize && dim > 2 * EdgeItems && i == EdgeItems)
            {
                sb.Append(axis == dims.Length - 1 ? " ..." : "\n" + new string(' ', axis + 1) + "...");
                i = dim - EdgeItems;
                if (axis == dims.Length - 1) sb.Append(' ');
                else sb.Append('\n', dims.Length - axis - 1).Append(' ', axis + 1);
            }
            else if (i > 0)
            {
                if (axis == dims.Length - 1) sb.Append(' ');
                else sb.Append('\n', dims.Length - axis - 1).Append(' ', axis + 1);
            }
            if (axis == dims.Length - 1)
                sb.Append(cells[flatBase + i].PadLeft(width));
            else
                AppendAxis(sb, cells, width, axis + 1, flatBase + i * stride, summarize);
        }
        sb.Append(']');
    }

    /// <summary>Pads cells so decimal points line up, as NumPy does (<c>[ 0.5  -1.25]</c>).</summary>
    private static void AlignDecimalPoints(string[] cells)
    {
        int left = 0, right = 0;
        foreach (var cell in cells)
        {
            if (cell is null) continue;
            int dot = DecimalPoint(cell);
            left = Math.Max(left, dot);
            right = Math.Max(right, cell.Length - dot);
        }
        for (int i = 0; i < cells.Length; i++)
        {
            if (cells[i] is not { } cell) continue;
            int dot = DecimalPoint(cell);
            cells[i] = new string(' ', left - dot) + cell + new string(' ', right - (cell.Length - dot));
        }
    }

    private static int DecimalPoint(string cell)
    {
        int dot = cell.IndexOf('.');
        return dot < 0 || cell.Contains('e') ? cell.Length : dot;
    }

    private static bool IsElided(int flat, ReadOnlySpan<int> dims)
    {
        for (int axis = dims.Length - 1; axis >= 0; axis--)
        {
            int index = flat % dims[axis];
            flat /= dims[axis];
            if (dims[axis] > 2 * EdgeItems && index >= EdgeItems && index < dims[axis] - EdgeItems) return true;
        }
        return false;
    }

    private string FormatElement(int flat) => DType switch
    {
        DType.Float32 => FormatFloating(Span<float>()[flat]),
        DType.Float64 => FormatFloating(Span<double>()[flat]),
        DType.Int32 => Span<int>()[flat].ToString(CultureInfo.InvariantCulture),
        DType.Int64 => Span<long>()[flat].ToString(CultureInfo.InvariantCulture),
        DType.Bool => Span<bool>()[flat] ? "True" : "False",
        _ => "?",
    };

    /// <summary>NumPy's style: up to 8 significant decimals, a trailing dot for whole numbers, scientific for extremes.</summary>
    private static string FormatFloating(double value)
    {
        if (double.IsNaN(value)) return "nan";
        if (double.IsPositiveInfinity(value)) return "inf";
        if (double.IsNegativeInfinity(value)) return "-inf";
        double magnitude = Math.Abs(value);
        if (magnitude != 0 && (magnitude >= 1e16 || magnitude < 1e-4))
            return value.ToString("0.########e+00", CultureInfo.InvariantCulture);
        string text = value.ToString("0.########", CultureInfo.InvariantCulture);
        return text.Contains('.') ? text : text + ".";
    }
}
