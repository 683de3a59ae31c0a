namespace Layers;

/// <summary>
/// A metric updated from labels and predictions (Keras' metrics with <c>update_state(y_true, y_pred, sample_weight)</c>),
/// the kind <see cref="Model.Compile"/> accepts.
/// </summary>
public abstract class PredictionMetric(string name) : Metric(name)
{
    /// <summary>Accumulates one batch.</summary>
    public abstract void Update(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null);
}
