using System.Globalization;
using System.Text;

namespace Layers;

/// <summary>
/// The part of Python's <c>str.format</c> that Keras file-name templates use: named fields
/// (<c>{epoch:02d}</c>, <c>{val_loss:.2f}</c>, <c>{loss}</c>), <c>{{</c>/<c>}}</c> escapes, and the format-spec
/// mini-language <c>[[fill]align][sign][z][0][width][,|_][.precision][type]</c> for ints (<c>d</c>, <c>b</c>,
/// <c>o</c>, <c>x</c>, <c>X</c>, or any float type) and floats (<c>f</c>, <c>F</c>, <c>e</c>, <c>E</c>,
/// <c>g</c>, <c>G</c>, <c>%</c>, none). Field values are <see cref="long"/> or <see cref="double"/>.
/// </summary>
internal static class PythonFormat
{
    /// <exception cref="KeyNotFoundException">A field names no value.</exception>
    /// <exception cref="FormatException">The template or a format spec is invalid, or unsupported here (<c>#</c>, attribute access).</exception>
    public static string Format(string template, IReadOnlyDictionary<string, object> values)
    {
        var sb = new StringBuilder(template.Length + 16);
        for (int i = 0; i < template.Length; i++)
        {
            char c = template[i];
            if (c == '}')
            {
                if (i + 1 < template.Length && template[i + 1] == '}') { sb.Append('}'); i++; continue; }
                throw new FormatException($"Single '}}' encountered in format string \"{template}\".");
            }
            if (c != '{') { sb.Append(c); continue; }
            if (i + 1 < template.Length && template[i + 1] == '{') { sb.Append('{'); i++; continue; }
            int close = template.IndexOf('}', i + 1);
            if (close < 0) throw new FormatException($"Single '{{' encountered in format string \"{template}\".");
            sb.Append(Field(template[(i + 1)..close], values));
            i = close;
        }
        return sb.ToString();
    }

    /// <summary>Python's <c>format(value, spec)</c> for a float (<c>format(0.25, ".5f")</c> is <c>0.25000</c>).</summary>
    public static string FormatValue(double value, string spec) => FormatFloat(value, Spec.Parse(spec));

    private static string Field(string field, IReadOnlyDictionary<string, object> values)
    {
        int colon = field.IndexOf(':');
        string name = colon < 0 ? field : field[..colon];
        string spec = colon < 0 ? "" : field[(colon + 1)..];
        if (name.EndsWith("!r", StringComparison.Ordinal) || name.EndsWith("!s", StringComparison.Ordinal)) name = name[..^2];
        if (name.Length == 0 || name.Contains('.') || name.Contains('[') || name.Contains('{'))
            throw new FormatException($"Format field '{{{field}}}' is not supported; use a named field such as {{epoch:02d}} or {{val_loss:.2f}}.");
        if (!values.TryGetValue(name, out var value)) throw new KeyNotFoundException($"'{name}'");
        return value switch
        {
            long integer => FormatInteger(integer, Spec.Parse(spec)),
            int integer => FormatInteger(integer, Spec.Parse(spec)),
            double number => FormatFloat(number, Spec.Parse(spec)),
            _ => throw new FormatException($"Format field '{name}' does not hold a number; only numbers are supported."),
        };
    }

    private sealed record Spec(char Fill, char Align, char Sign, bool NoNegativeZero, int Width, char Grouping, int? Precision, char Type)
    {
        public static Spec Parse(string spec)
        {
            int i = 0;
            char fill = ' ', align = '\0', sign = '-', grouping = '\0', type = '\0';
            bool z = false;
            int width = 0;
            int? precision = null;
            if (spec.Length >= 2 && "<>=^".Contains(spec[1])) { fill = spec[0]; align = spec[1]; i = 2; }
            else if (spec.Length >= 1 && "<>=^".Contains(spec[0])) { align = spec[0]; i = 1; }
            if (i < spec.Length && "+- ".Contains(spec[i])) sign = spec[i++];
            if (i < spec.Length && spec[i] == 'z') { z = true; i++; }
            if (i < spec.Length && spec[i] == '#')
                throw new FormatException($"Format spec '{spec}': the alternate form '#' is not supported.");
            if (i < spec.Length && spec[i] == '0')
            {
                if (align == '\0') { fill = '0'; align = '='; }
                i++;
            }
            int start = i;
            while (i < spec.Length && char.IsAsciiDigit(spec[i])) i++;
            if (i > start) width = int.Parse(spec.AsSpan(start, i - start), CultureInfo.InvariantCulture);
            if (i < spec.Length && (spec[i] == ',' || spec[i] == '_')) grouping = spec[i++];
            if (i < spec.Length && spec[i] == '.')
            {
                start = ++i;
                while (i < spec.Length && char.IsAsciiDigit(spec[i])) i++;
                if (i == start) throw new FormatException($"Format spec '{spec}': format specifier missing precision.");
                precision = int.Parse(spec.AsSpan(start, i - start), CultureInfo.InvariantCulture);
            }
            if (i < spec.Length) type = spec[i++];
            if (i < spec.Length) throw new FormatException($"Invalid format specifier '{spec}'.");
            return new Spec(fill, align, sign, z, width, grouping, precision, type);
        }
    }

    private static string FormatInteger(long value, Spec spec)
    {
        if ("eEfFgG%".Contains(spec.Type) && spec.Type != '\0') return FormatFloat(value, spec);
        if (spec.Precision is not null) throw new FormatException("Precision not allowed in integer format specifier.");
        ulong magnitude = value < 0 ? (ulong)(-(value + 1)) + 1 : (ulong)value;
        string digits = spec.Type switch
        {
            '\0' or 'd' or 'n' => magnitude.ToString(CultureInfo.InvariantCulture),
            'x' => magnitude.ToString("x", CultureInfo.InvariantCulture),
            'X' => magnitude.ToString("X", CultureInfo.InvariantCulture),
            'o' => Convert.ToString((long)magnitude, 8),
            'b' => Convert.ToString((long)magnitude, 2),
            _ => throw new FormatException($"Unknown format code '{spec.Type}' for object of type 'int'."),
        };
        if (spec.Grouping != '\0') digits = Group(digits, spec.Grouping, spec.Type is 'x' or 'X' or 'o' or 'b' ? 4 : 3);
        return Pad(SignOf(value < 0, spec), digits, spec);
    }

    private static string FormatFloat(double value, Spec spec)
    {
        bool negative = double.IsNegative(value) && !double.IsNaN(value);
        double magnitude = Math.Abs(value);
        string body = spec.Type switch
        {
            '\0' => spec.Precision is { } p ? General(magnitude, p, upper: false, atLeastOneDecimal: true) : Repr(magnitude),
            'f' or 'F' => Fixed(magnitude, spec.Precision ?? 6, upper: spec.Type == 'F'),
            'e' or 'E' => Scientific(magnitude, spec.Precision ?? 6, upper: spec.Type == 'E'),
            'g' or 'G' or 'n' => General(magnitude, spec.Precision ?? 6, upper: spec.Type == 'G', atLeastOneDecimal: false),
            '%' => Percent(magnitude, spec.Precision ?? 6),
            _ => throw new FormatException($"Unknown format code '{spec.Type}' for object of type 'float'."),
        };
        if (spec.NoNegativeZero && negative && body.All(ch => ch is '0' or '.' or 'e' or 'E' or '+' or '-' or '%')) negative = false;
        if (spec.Grouping != '\0') body = GroupIntegerPart(body, spec.Grouping);
        return Pad(SignOf(negative, spec), body, spec);
    }

    private static string Repr(double magnitude) => PythonFloat.Repr(magnitude);

    private static string Fixed(double magnitude, int precision, bool upper)
    {
        if (!double.IsFinite(magnitude)) return NonFinite(magnitude, upper);
        return magnitude.ToString("F" + precision.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    private static string Percent(double magnitude, int precision) =>
        double.IsFinite(magnitude) ? Fixed(magnitude * 100, precision, upper: false) + "%" : NonFinite(magnitude, upper: false) + "%";

    private static string Scientific(double magnitude, int precision, bool upper)
    {
        if (!double.IsFinite(magnitude)) return NonFinite(magnitude, upper);
        var (mantissa, exponent) = Split(magnitude, precision);
        var sb = new StringBuilder(mantissa);
        PythonFloat.AppendExponent(sb, upper ? 'E' : 'e', exponent);
        return sb.ToString();
    }

    /// <summary>Python's <c>g</c>: scientific when the rounded exponent is below −4 or at least the precision, trailing zeros removed.</summary>
    private static string General(double magnitude, int precision, bool upper, bool atLeastOneDecimal)
    {
        if (!double.IsFinite(magnitude)) return NonFinite(magnitude, upper);
        int p = precision == 0 ? 1 : precision;
        var (_, exponent) = Split(magnitude, p - 1);
        // With no type and a precision, Python switches to scientific one exponent earlier (format(99.0, '.2') is '9.9e+01').
        int limit = atLeastOneDecimal ? p - 1 : p;
        if (exponent >= -4 && exponent < limit)
        {
            string fixedText = TrimZeros(magnitude.ToString("F" + (p - 1 - exponent).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
            return atLeastOneDecimal && !fixedText.Contains('.') ? fixedText + ".0" : fixedText;
        }
        var (mantissa, e) = Split(magnitude, p - 1);
        var sb = new StringBuilder(TrimZeros(mantissa));
        PythonFloat.AppendExponent(sb, upper ? 'E' : 'e', e);
        return sb.ToString();
    }

    /// <summary>The mantissa with <paramref name="decimals"/> digits after the point, correctly rounded, and the decimal exponent.</summary>
    private static (string Mantissa, int Exponent) Split(double magnitude, int decimals)
    {
        string text = magnitude.ToString("E" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        int e = text.IndexOf('E');
        return (text[..e], int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
    }

    private static string TrimZeros(string text) => text.Contains('.') ? text.TrimEnd('0').TrimEnd('.') : text;

    private static string NonFinite(double magnitude, bool upper) =>
        double.IsNaN(magnitude) ? (upper ? "NAN" : "nan") : (upper ? "INF" : "inf");

    private static string SignOf(bool negative, Spec spec) => negative ? "-" : spec.Sign switch { '+' => "+", ' ' => " ", _ => "" };

    private static string GroupIntegerPart(string body, char separator)
    {
        int end = 0;
        while (end < body.Length && char.IsAsciiDigit(body[end])) end++;
        return Group(body[..end], separator, 3) + body[end..];
    }

    private static string Group(string digits, char separator, int size)
    {
        var sb = new StringBuilder(digits.Length + digits.Length / size);
        for (int i = 0; i < digits.Length; i++)
        {
            if (i > 0 && (digits.Length - i) % size == 0) sb.Append(separator);
            sb.Append(digits[i]);
        }
        return sb.ToString();
    }

    private static string Pad(string sign, string body, Spec spec)
    {
        int padding = spec.Width - sign.Length - body.Length;
        if (padding <= 0) return sign + body;
        string fill = new(spec.Fill, padding);
        return spec.Align switch
        {
            '<' => sign + body + fill,
            '^' => new string(spec.Fill, padding / 2) + sign + body + new string(spec.Fill, padding - padding / 2),
            '=' => sign + fill + body,
            _ => fill + sign + body,
        };
    }
}
