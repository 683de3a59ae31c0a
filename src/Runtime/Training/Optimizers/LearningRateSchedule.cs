namespace Layers;

/// <summary>A learning rate as a function of the optimizer's step count (Keras' <c>LearningRateSchedule</c>).</summary>
public abstract class LearningRateSchedule : ISerializable
{
    /// <summary>The learning rate at step <paramref name="step"/> (0 for the first update).</summary>
    public abstract double Compute(long step);

    /// <inheritdoc/>
    public abstract string ClassName { get; }

    /// <inheritdoc/>
    public abstract Config GetConfig();
}
