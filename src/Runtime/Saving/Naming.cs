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
        return Shared.SnakeCase.Convert(name);
    }
}
