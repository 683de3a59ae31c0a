using System.Text;

namespace Layers.Generators.Tests.Support;

/// <summary>A unified-style line diff (longest common subsequence), small inputs only: snapshot files.</summary>
internal static class LineDiff
{
    public static string Format(string expected, string actual, int context = 2)
    {
        var a = Lines(expected);
        var b = Lines(actual);
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (int i = a.Length - 1; i >= 0; i--)
            for (int j = b.Length - 1; j >= 0; j--)
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);

        var edits = new List<(char Kind, string Text, int Line)>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y]) { edits.Add((' ', a[x], x + 1)); x++; y++; }
            else if (x < a.Length && (y == b.Length || lcs[x + 1, y] >= lcs[x, y + 1])) { edits.Add(('-', a[x], x + 1)); x++; }
            else { edits.Add(('+', b[y], y + 1)); y++; }
        }

        var output = new StringBuilder();
        int lastShown = -1;
        for (int i = 0; i < edits.Count; i++)
        {
            bool near = false;
            for (int k = Math.Max(0, i - context); k <= Math.Min(edits.Count - 1, i + context); k++)
                near |= edits[k].Kind != ' ';
            if (!near) continue;
            if (lastShown >= 0 && i > lastShown + 1) output.AppendLine("  ...");
            lastShown = i;
            output.Append(edits[i].Kind).Append(' ').Append(edits[i].Line.ToString().PadLeft(4)).Append(" | ").AppendLine(edits[i].Text);
        }
        return output.ToString();
    }

    private static string[] Lines(string text) => text.Replace("\r\n", "\n").Split('\n');
}
