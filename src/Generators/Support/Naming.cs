namespace Layers.Generators.Support;

/// <summary>
/// Naming rules of generated code. Snake case is the very source the runtime compiles (src/Shared), because
/// weight names and config keys computed here must match what the runtime computes for class names.
/// </summary>
internal static class Naming
{
    public static string ToSnakeCase(string name) => Layers.Shared.SnakeCase.Convert(name);

    /// <summary><c>KernelInitializer</c> → <c>kernelInitializer</c>, for backing-field names.</summary>
    public static string ToCamelCase(string name) =>
        name.Length == 0 || char.IsLower(name[0]) ? name : char.ToLowerInvariant(name[0]) + name.Substring(1);
}
