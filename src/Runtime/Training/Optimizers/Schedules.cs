namespace Layers;

/// <summary>Config helpers shared by the learning-rate schedules.</summary>
internal static class Schedules
{
    /// <summary>A step count: an integer, or a whole float (Keras accepts <c>decay_steps=1000.0</c>).</summary>
    public static long ReadSteps(Config config, string key)
    {
        double value = config.GetDouble(key);
        if (value != Math.Truncate(value) || Math.Abs(value) > long.MaxValue / 2)
            throw config.Invalid(key, "a whole number of steps", config.GetNode(key));
        return (long)value;
    }
}
