namespace Layers;

/// <summary>
/// The weighted mean of a per-sample function of labels and predictions (Keras' <c>MeanMetricWrapper</c>): each
/// update computes <c>fn(y_true, y_pred)</c> and averages it as <see cref="Mean"/> does. A Keras mask on the predictions
/// joins the sample weights, so masked entries do not count.
/// </summary>
public class MeanMetricWrapper : PredictionMetric
{
    private readonly Func<Tensor, Tensor, Tensor> _fn;
    private readonly MeanState _state = new();

    /// <param name="fn">Per-sample values from <c>(y_true, y_pred)</c>, e.g. squared errors averaged over the last axis.</param>
    public MeanMetricWrapper(Func<Tensor, Tensor, Tensor> fn, string name) : base(name)
    {
        ArgumentNullException.ThrowIfNull(fn);
        _fn = fn;
    }

    public override string ClassName => "MeanMetricWrapper";

    /// <summary>How messages name this metric: <c>BinaryAccuracy 'binary_accuracy'</c>.</summary>
    protected string Description => $"{ClassName} '{Name}'";

    public override void Update(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null)
    {
        ArgumentNullException.ThrowIfNull(yTrue);
        ArgumentNullException.ThrowIfNull(yPred);
        Tensor values;
        Tensor? weights;
        using (GradientTape.NoGrad())
        {
            values = _fn(yTrue, yPred);
            weights = LossMasks.Apply(sampleWeight is null ? null : Ops.Cast(sampleWeight, DType.Float64), yPred.KerasMask, DType.Float64, LossReduction.Sum);
        }
        var (total, count) = SamplewiseMean.Of(values, weights, Description);
        _state.Add(total, count);
    }

    public override Tensor Result() => _state.Result();

    public override void Reset() => _state.Reset();
}
