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
    /// As Keras' <c>reduce_weighted_values</c>: per-sample values times the weights (ranks aligned by
    /// squeezing a trailing 1 or expanding), then summed and, for the mean reductions, divided by the
    /// number of values (or by the sum of weights for <see cref="LossReduction.MeanWithSampleWeight"/>).
    /// </summary>
    public Tensor Compute(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null)
    {
        ArgumentNullException.ThrowIfNull(yTrue);
        ArgumentNullException.ThrowIfNull(yPred);
        var values = Call(yTrue, yPred);
        Tensor? weights = null;
        if (sampleWeight is not null)
        {
            weights = Ops.Cast(sampleWeight, values.DType);
            (values, weights) = SameRank(values, weights);
            values = Ops.Multiply(values, weights);
        }
        if (Reduction == LossReduction.None || values.Rank == 0) return values;
        var total = Ops.Sum(values);
        if (Reduction == LossReduction.Sum) return total;
        Tensor divisor = Reduction == LossReduction.MeanWithSampleWeight && weights is not null
            ? Ops.Sum(Ops.Add(Tensor.ZerosLike(values), weights))
            : Tensor.Scalar(values.Size, values.DType);
        return DivideNoNan(total, divisor);
    }

    /// <summary>Keras' <c>squeeze_or_expand_to_same_rank</c>: drop a trailing size-1 axis, or add trailing axes, so the ranks agree.</summary>
    private (Tensor Values, Tensor Weights) SameRank(Tensor values, Tensor weights)
    {
        while (weights.Rank > values.Rank)
        {
            if (weights.Shape[-1] != 1)
                throw new ArgumentException($"{Name}: sample_weight of shape {weights.Shape} does not fit per-sample losses of shape {values.Shape}.");
            weights = Ops.Squeeze(weights, -1);
        }
        while (weights.Rank < values.Rank) weights = Ops.ExpandDims(weights, -1);
        return (values, weights);
    }

    private static Tensor DivideNoNan(Tensor numerator, Tensor denominator) =>
        denominator.GetAsDouble(0) == 0 ? Tensor.ZerosLike(numerator) : Ops.Divide(numerator, denominator);

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
