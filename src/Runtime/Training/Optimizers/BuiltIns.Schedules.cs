namespace Layers;

/// <summary>The learning-rate schedules, by Keras class name (module <c>keras.optimizers.schedules</c>).</summary>
internal static partial class BuiltIns
{
    static partial void RegisterSchedules()
    {
        Serialization.ScheduleRegistry.RegisterBuiltIn("ExponentialDecay", ExponentialDecay.FromConfig);
        Serialization.ScheduleRegistry.RegisterBuiltIn("CosineDecay", CosineDecay.FromConfig);
        Serialization.ScheduleRegistry.RegisterBuiltIn("PiecewiseConstantDecay", PiecewiseConstantDecay.FromConfig);
    }
}
