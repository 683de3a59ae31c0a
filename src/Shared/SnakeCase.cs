using System.Text;

namespace Layers.Shared;

/// <summary>
/// Keras 3's <c>to_snake_case</c>, compiled into both the runtime and the generator (netstandard2.0) so that
/// names computed at compile time (weight names, config keys) and at run time (layer names) always agree:
/// drop non-word characters, <c>re.sub("(.)([A-Z][a-z]+)", r"\1_\2")</c>, <c>re.sub("([a-z])([A-Z])", r"\1_\2")</c>,
/// lower-case. <c>Dense</c> → <c>dense</c>, <c>Conv2D</c> → <c>conv2d</c>, <c>MyCustomLayer2D</c> → <c>my_custom_layer2d</c>.
/// </summary>
internal static class SnakeCase
{
    public static string Convert(string name)
    {
        var word = new StringBuilder(name.Length);
        foreach (char c in name)
            if (char.IsLetterOrDigit(c) || c == '_') word.Append(c);

        var first = new StringBuilder(word.Length + 8);
        for (int i = 0; i < word.Length; i++)
        {
            if (i > 0 && IsAsciiUpper(word[i]) && i + 1 < word.Length && IsAsciiLower(word[i + 1]))
                first.Append('_');
            first.Append(word[i]);
        }

        var second = new StringBuilder(first.Length + 8);
        for (int i = 0; i < first.Length; i++)
        {
            if (i > 0 && IsAsciiUpper(first[i]) && IsAsciiLower(first[i - 1]))
                second.Append('_');
            second.Append(first[i]);
        }
        return second.ToString().ToLowerInvariant();
    }

    private static bool IsAsciiUpper(char c) => c >= 'A' && c <= 'Z';

    private static bool IsAsciiLower(char c) => c >= 'a' && c <= 'z';
}
