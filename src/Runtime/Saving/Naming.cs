using System.Text;

namespace Layers;

/// <summary>Keras naming rules, shared by layer names, config keys and weight names.</summary>
public static class Naming
{
    /// <summary>
    /// Keras' <c>to_snake_case</c>: <c>Dense</c> → <c>dense</c>, <c>Conv2D</c> → <c>conv2d</c>,
    /// <c>MyCustomLayer2D</c> → <c>my_custom_layer2d</c>, <c>KernelInitializer</c> → <c>kernel_initializer</c>.
    /// </summary>
    public static string ToSnakeCase(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        // Keras 3: drop non-word characters, re.sub("(.)([A-Z][a-z]+)", r"\1_\2"),
        // re.sub("([a-z])([A-Z])", r"\1_\2"), lower-case.
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

    private static bool IsAsciiUpper(char c) => c is >= 'A' and <= 'Z';

    private static bool IsAsciiLower(char c) => c is >= 'a' and <= 'z';
}
