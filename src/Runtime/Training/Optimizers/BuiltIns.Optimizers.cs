namespace Layers;

/// <summary>The optimizers beyond SGD and Adam, by Keras class name.</summary>
internal static partial class BuiltIns
{
    static partial void RegisterMoreOptimizers()
    {
        Serialization.OptimizerRegistry.RegisterBuiltIn("AdamW", AdamW.FromConfig);
        Serialization.OptimizerRegistry.RegisterBuiltIn("RMSprop", RMSprop.FromConfig);
        Serialization.OptimizerRegistry.RegisterBuiltIn("Adagrad", Adagrad.FromConfig);
    }
}
