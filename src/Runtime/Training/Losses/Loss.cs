namespace Layers;

/// <summary>How a loss turns per-sample values into the value returned (Keras' <c>reduction</c>).</summary>
public enum LossReduction
{
    /// <summary>Per-sample values, unreduced (Keras <c>None</c> / <c>"none"</c>).</summary>
    None,
    /// <summary>The weighted sum.</summary>
    Sum,
    /// <summary>The weighted sum divided by the number of elements (Keras' default).</summary>
    SumOverBatchSize,
    /// <summary>Same as <see cref="SumOverBatchSize"/> (Keras 3 alias <c>"mean"</c>).</summary>
    Mean,
    /// <summary>The weighted sum divided by the sum of the weights.</summary>
    MeanWithSampleWeight,
}

/// <summary>
/// A loss function (Keras' <c>Loss</c>): <see cref="Call(Tensor, Tensor)"/> gives the per-sample values,
/// <see cref="Compute"/> (Keras' <c>__call__</c>) weights and reduces them. Strings convert through
/// <see cref="Get(string)"/>, so <c>Compile(loss: "mse")</c> works.
/// </summary>
public abstract class Loss : ISerializable
{
    protected Loss(string name, LossReduction reduction = LossReduction.SumOverBatchSize)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        Reduction = reduction;
    }

    /// <summary>The loss's name, as reported in logs (<c>mean_squared_error</c>).</summary>
    public string Name { get; }

    public LossReduction Reduction { get; }

    /// <inheritdoc/>
    public abstract string ClassName { get; }

    /// <summary>Per-sample loss values: <paramref name="yPred"/>'s shape without its last axis (for most losses).</summary>
    public abstract Tensor Call(Tensor yTrue, Tensor yPred);

    /// <summary>
    /// The reduced, optionally weighted loss (Keras' <c>loss(y_true, y_pred, sample_weight)</c>); differentiable.
    /// As Keras' <c>Loss.__call__</c>: the Keras masks of <paramref name="yPred"/> and of the per-sample values join the
    /// weights; the weights' rank is aligned with the values' (squeezing or expanding one trailing 1, otherwise
    /// broadcasting); the weighted values are summed and, for the mean reductions, divided by their number (or, for
    /// <see cref="LossReduction.MeanWithSampleWeight"/>, by the sum of the weights). Divisions by zero give 0.
    /// </summary>
    public Tensor Compute(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null)
    {
        ArgumentNullException.ThrowIfNull(yTrue);
        ArgumentNullException.ThrowIfNull(yPred);
        if (sampleWeight is null && yPred.KerasMask is null && Reduction != LossReduction.None &&
            ComputeReduced(yTrue, yPred) is { } fused)
            return fused;
        var values = Call(yTrue, yPred);
        var mask = LossMasks.Combine(yPred.KerasMask, values.KerasMask);
        return WeightedReduction.Reduce(values, sampleWeight, mask, Reduction, Description);
    }

    /// <summary>
    /// A fused computation of the reduced loss for the common case — no sample weight, no mask on the predictions, a
    /// reduction other than none — or null to take the general path. It must equal what the general path computes.
    /// </summary>
    protected virtual Tensor? ComputeReduced(Tensor yTrue, Tensor yPred) => null;

    /// <summary>How messages name this loss: <c>SparseCategoricalCrossentropy 'sparse_categorical_crossentropy'</c>.</summary>
    protected string Description => $"{ClassName} '{Name}'";

    /// <inheritdoc/>
    public virtual Config GetConfig() => new Config(ClassName).Set("name", Name).Set("reduction", ReductionName(Reduction));

    public static implicit operator Loss(string name) => Get(name);

    /// <summary>The loss a Keras identifier, alias or class name names (<c>"mse"</c>, <c>"sparse_categorical_crossentropy"</c>), with default arguments.</summary>
    public static Loss Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string className = name switch
        {
            "mse" or "MSE" => "MeanSquaredError",
            "mae" or "MAE" => "MeanAbsoluteError",
            "bce" or "BCE" => "BinaryCrossentropy",
            "huber_loss" => "Huber",
            _ => name,
        };
        return Identifiers.Get(Serialization.LossRegistry, className, "loss");
    }

    /// <summary>Keras' reduction names: <c>none</c>, <c>sum</c>, <c>sum_over_batch_size</c>, <c>mean</c>, <c>mean_with_sample_weight</c>.</summary>
    public static string ReductionName(LossReduction reduction) => reduction switch
    {
        LossReduction.None => "none",
        LossReduction.Sum => "sum",
        LossReduction.SumOverBatchSize => "sum_over_batch_size",
        LossReduction.Mean => "mean",
        _ => "mean_with_sample_weight",
    };

    /// <summary>Reads Keras' <c>reduction</c> config value; null (Python's <c>None</c>) and a missing key mean what they mean in Keras.</summary>
    internal static LossReduction ReductionFromConfig(Config config)
    {
        if (!config.ContainsKey("reduction")) return LossReduction.SumOverBatchSize;
        return config.GetNullableString("reduction") switch
        {
            null or "none" => LossReduction.None,
            "sum" => LossReduction.Sum,
            "sum_over_batch_size" => LossReduction.SumOverBatchSize,
            "mean" => LossReduction.Mean,
            "mean_with_sample_weight" => LossReduction.MeanWithSampleWeight,
            _ => throw config.Invalid("reduction",
                "one of \"sum_over_batch_size\", \"sum\", \"mean\", \"mean_with_sample_weight\", \"none\" or null", config.GetNode("reduction")),
        };
    }
}
