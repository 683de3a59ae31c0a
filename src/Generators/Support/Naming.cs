using System.Text;

namespace Layers.Generators.Support;

/// <summary>
/// Keras' snake_case rule, identical to the runtime's <c>Layers.Naming.ToSnakeCase</c>: weight names and
/// config keys are computed here at compile time and must match what the runtime computes for class names.
/// </summary>
internal static class Naming
{
    public static string ToSnakeCase(string name)
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

    /// <summary><c>KernelInitializer</c> → <c>kernelInitializer</c>, for backing-field names.</summary>
    public static string ToCamelCase(string name) =>
        name.Length == 0 || char.IsLower(name[0]) ? name : char.ToLowerInvariant(name[0]) + name.Substring(1);

    private static bool IsAsciiUpper(char c) => c >= 'A' && c <= 'Z';

    private static bool IsAsciiLower(char c) => c >= 'a' && c <= 'z';
}
