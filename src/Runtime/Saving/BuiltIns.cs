namespace Layers;

/// <summary>Registers the runtime's hand-written serializable classes (initializers, regularizers, constraints).</summary>
internal static class BuiltIns
{
    public static void Register()
    {
        InputLayer.Register();
        Sequential.Register();

        Serialization.OptimizerRegistry.RegisterBuiltIn("SGD", SGD.FromConfig);
        Serialization.OptimizerRegistry.RegisterBuiltIn("Adam", Adam.FromConfig);

        var initializers = Serialization.InitializerRegistry;
        initializers.RegisterBuiltIn("Zeros", _ => new Zeros());
        initializers.RegisterBuiltIn("Ones", _ => new Ones());
        initializers.RegisterBuiltIn("Constant", config => new Constant(config.GetDouble("value")));
    }
}
