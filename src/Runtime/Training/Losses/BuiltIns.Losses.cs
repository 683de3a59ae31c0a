namespace Layers;

internal static partial class BuiltIns
{
    static partial void RegisterLosses()
    {
        var losses = Serialization.LossRegistry;
        losses.RegisterBuiltIn("MeanSquaredError", MeanSquaredError.FromConfig);
        losses.RegisterBuiltIn("MeanAbsoluteError", MeanAbsoluteError.FromConfig);
        losses.RegisterBuiltIn("Huber", Huber.FromConfig);
        losses.RegisterBuiltIn("BinaryCrossentropy", BinaryCrossentropy.FromConfig);
        losses.RegisterBuiltIn("CategoricalCrossentropy", CategoricalCrossentropy.FromConfig);
        losses.RegisterBuiltIn("SparseCategoricalCrossentropy", SparseCategoricalCrossentropy.FromConfig);
    }
}
