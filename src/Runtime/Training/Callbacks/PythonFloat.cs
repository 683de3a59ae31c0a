using System.Globalization;
using System.Text;

namespace Layers;

/// <summary>
/// Python's <c>repr(float)</c>: the shortest digits that round-trip, fixed-point when the decimal exponent is
/// in [−4, 16) (<c>0.0001</c>, <c>1000000000000000.0</c>), scientific otherwise (<c>1e-05</c>, <c>1e+16</c>),
/// always with a fractional part or an exponent. Keras prints learning rates and writes CSV logs this way.
/// </summary>
internal static class PythonFloat
{
    public static string Repr(double value)
    {
        if (double.IsNaN(value)) return "nan";
        if (double.IsInfinity(value)) return value > 0 ? "inf" : "-inf";
        if (value == 0) return double.IsNegative(value) ? "-0.0" : "0.0";
        var (digits, point) = ShortestDigits(Math.Abs(value));
        var sb = new StringBuilder(digits.Length + 8);
        if (value < 0) sb.Append('-');
        if (point <= -4 || point > 16) AppendScientific(sb, digits, point - 1);
        else AppendFixed(sb, digits, point);
        return sb.ToString();
    }

    /// <summary>The significant digits of the shortest round-trip form and the decimal point's position: value = 0.d₁d₂… × 10^point.</summary>
    internal static (string Digits, int Point) ShortestDigits(double positive)
    {
        string text = positive.ToString("R", CultureInfo.InvariantCulture);
        int exponent = 0;
        int e = text.IndexOf('E');
        if (e >= 0)
        {
            exponent = int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }
        int dot = text.IndexOf('.');
        string digits = dot < 0 ? text : string.Concat(text.AsSpan(0, dot), text.AsSpan(dot + 1));
        int point = (dot < 0 ? text.Length : dot) + exponent;
        int leading = 0;
        while (leading < digits.Length - 1 && digits[leading] == '0') leading++;
        return (digits[leading..].TrimEnd('0'), point - leading);
    }

    private static void AppendScientific(StringBuilder sb, string digits, int exponent)
    {
        sb.Append(digits[0]);
        if (digits.Length > 1) sb.Append('.').Append(digits, 1, digits.Length - 1);
        AppendExponent(sb, 'e', exponent);
    }

    private static void AppendFixed(StringBuilder sb, string digits, int point)
    {
        if (point <= 0)
            sb.Append("0.").Append('0', -point).Append(digits);
        else if (point >= digits.Length)
            sb.Append(digits).Append('0', point - digits.Length).Append(".0");
        else
            sb.Append(digits, 0, point).Append('.').Append(digits, point, digits.Length - point);
    }

    /// <summary>Python's exponent: a sign and at least two digits (<c>e-05</c>, <c>e+16</c>, <c>e+300</c>).</summary>
    internal static void AppendExponent(StringBuilder sb, char letter, int exponent) =>
        sb.Append(letter).Append(exponent < 0 ? '-' : '+').Append(Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture));
}
