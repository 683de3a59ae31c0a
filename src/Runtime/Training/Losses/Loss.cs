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

    /// <summary>The reduced, optionally weighted loss (Keras' <c>loss(y_true, y_pred, sample_weight)</c>); differentiable.</summary>
    public abstract Tensor Compute(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null);

    /// <inheritdoc/>
    public virtual Config GetConfig() => new Config(ClassName).Set("name", Name).Set("reduction", ReductionName(Reduction));

    public static implicit operator Loss(string name) => Get(name);

    /// <summary>The loss a Keras identifier, alias or class name names (<c>"mse"</c>, <c>"sparse_categorical_crossentropy"</c>), with default arguments.</summary>
    public static Loss Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string className = name switch
        {
            "mse" => "MeanSquaredError",
            "mae" => "MeanAbsoluteError",
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
}
