using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.Text;

namespace Layers.Generators.Tests.Support;

/// <summary>An expected diagnostic marked in test source as <c>{|LAYER004:text|}</c>: its id and the span of the text.</summary>
internal sealed record ExpectedDiagnostic(string Id, TextSpan Span);

internal static partial class Markup
{
    /// <summary>The source without markers, and the diagnostics they mark.</summary>
    public static (string Source, List<ExpectedDiagnostic> Expected) Parse(string markup)
    {
        var output = new StringBuilder(markup.Length);
        var expected = new List<ExpectedDiagnostic>();
        var open = new Stack<(string Id, int Start)>();
        int i = 0;
        while (i < markup.Length)
        {
            var match = OpenMarker().Match(markup, i);
            if (match.Success && match.Index == i)
            {
                open.Push((match.Groups[1].Value, output.Length));
                i += match.Length;
            }
            else if (open.Count > 0 && string.CompareOrdinal(markup, i, "|}", 0, 2) == 0)
            {
                var (id, start) = open.Pop();
                expected.Add(new ExpectedDiagnostic(id, TextSpan.FromBounds(start, output.Length)));
                i += 2;
            }
            else
            {
                output.Append(markup[i++]);
            }
        }
        if (open.Count > 0) throw new ArgumentException("Unclosed {| marker in test source.");
        return (output.ToString(), expected);
    }

    [GeneratedRegex(@"\{\|(LAYER\d{3}):")]
    private static partial Regex OpenMarker();
}
