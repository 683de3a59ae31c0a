namespace Layers;

/// <summary>Registers the runtime's hand-written serializable classes (initializers, regularizers, constraints).</summary>
internal static class BuiltIns
{
    public static void Register()
    {
        var initializers = Serialization.InitializerRegistry;
        initializers.RegisterBuiltIn("Zeros", _ => new Zeros());
        initializers.RegisterBuiltIn("Ones", _ => new Ones());
        initializers.RegisterBuiltIn("Constant", config => new Constant(config.GetDouble("value")));
    }
}
