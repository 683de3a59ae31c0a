namespace Layers;

/// <summary>Keras' string identifiers: <c>glorot_uniform</c> names the class <c>GlorotUniform</c>, <c>l1_l2</c> names <c>L1L2</c>.</summary>
internal static class Identifiers
{
    /// <summary>snake_case → PascalCase, the class name Keras registers the identifier under.</summary>
    public static string ToClassName(string identifier)
    {
        var parts = identifier.Split('_', StringSplitOptions.RemoveEmptyEntries);
        return string.Concat(parts.Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
    }

    /// <summary>PascalCase → Keras' identifier: <c>GlorotUniform</c> → <c>glorot_uniform</c>, <c>L1L2</c> → <c>l1_l2</c>.</summary>
    public static string ToIdentifier(string className)
    {
        var spaced = new System.Text.StringBuilder(className.Length + 4);
        for (int i = 0; i < className.Length; i++)
        {
            if (i > 0 && char.IsAsciiDigit(className[i - 1]) && char.IsAsciiLetterUpper(className[i])) spaced.Append('_');
            spaced.Append(className[i]);
        }
        return Naming.ToSnakeCase(spaced.ToString());
    }

    /// <summary>Resolves an identifier or a class name in <paramref name="registry"/>, or lists the known ones.</summary>
    public static T Get<T>(SerializableRegistry<T> registry, string name, string kind) where T : class
    {
        ArgumentNullException.ThrowIfNull(name);
        var entry = registry.FindByClassName(name) ?? registry.FindByClassName(ToClassName(name));
        if (entry is null)
        {
            var known = registry.KnownNames().Select(ToIdentifier);
            throw new ArgumentException($"Unknown {kind} '{name}'. Known {kind}s: {string.Join(", ", known)}.", nameof(name));
        }
        return entry.Factory(new Config(entry.ClassName));
    }
}
