namespace Layers;

/// <summary>
/// Keras' loss functions (<c>keras.losses.mean_squared_error</c>…): per-sample values from labels and predictions,
/// shared by the <see cref="Loss"/> classes and the mean metrics built on them. <c>owner</c> names the caller in messages.
/// </summary>
internal static class LossFunctions
{
    public static Tensor MeanSquaredError(Tensor yTrue, Tensor yPred, string owner)
    {
        var (t, p) = Regression(yTrue, yPred, owner);
        return Ops.Mean(Ops.Square(Ops.Subtract(t, p)), -1);
    }

    public static Tensor MeanAbsoluteError(Tensor yTrue, Tensor yPred, string owner)
    {
        var (t, p) = Regression(yTrue, yPred, owner);
        return Ops.Mean(Ops.Abs(Ops.Subtract(t, p)), -1);
    }

    /// <summary><c>0.5·e²</c> where <c>|e| ≤ δ</c>, else <c>δ·|e| − 0.5·δ²</c>, averaged over the last axis (e = y_pred − y_true).</summary>
    public static Tensor Huber(Tensor yTrue, Tensor yPred, double delta, string owner)
    {
        var (t, p) = Regression(yTrue, yPred, owner);
        var error = Ops.Subtract(p, t);
        var absolute = Ops.Abs(error);
        var quadratic = Ops.Multiply(Ops.Square(error), 0.5);
        var linear = Ops.Subtract(Ops.Multiply(absolute, delta), 0.5 * delta * delta);
        return Ops.Mean(Ops.Where(Ops.LessEqual(absolute, delta), quadratic, linear), -1);
    }

    /// <summary>Element-wise binary cross-entropy of labels smoothed towards 0.5, averaged over <paramref name="axis"/>.</summary>
    public static Tensor BinaryCrossentropy(Tensor yTrue, Tensor yPred, bool fromLogits, double labelSmoothing, int axis, string owner)
    {
        var (t, p) = Aligned(yTrue, yPred);
        if (labelSmoothing != 0) t = Ops.Add(Ops.Multiply(t, 1 - labelSmoothing), 0.5 * labelSmoothing);
        var values = Ops.BinaryCrossentropy(t, p, fromLogits, owner);
        if (values.Rank == 0)
            throw new ArgumentException($"{owner}: predictions must have at least one axis to average over; got a scalar (labels of shape {yTrue.Shape}).");
        return Ops.Mean(values, Shape.NormalizeAxis(axis, values.Rank, owner));
    }

    /// <summary>Categorical cross-entropy along <paramref name="axis"/>; labels smoothed to <c>t·(1 − s) + s/classes</c>.</summary>
    public static Tensor CategoricalCrossentropy(Tensor yTrue, Tensor yPred, bool fromLogits, double labelSmoothing, int axis, string owner)
    {
        var (t, p) = Aligned(yTrue, yPred);
        if (labelSmoothing != 0 && p.Rank > 0 && t.Shape == p.Shape)
        {
            int classes = p.Shape[Shape.NormalizeAxis(axis, p.Rank, owner)];
            t = Ops.Add(Ops.Multiply(t, 1 - labelSmoothing), labelSmoothing / classes);
        }
        return Ops.CategoricalCrossentropy(t, p, fromLogits, axis, owner);
    }

    /// <summary>
    /// Sparse categorical cross-entropy; labels equal to <paramref name="ignoreClass"/> give 0 and are masked out
    /// (the values carry a Keras mask, so the mean reductions average over the other labels only).
    /// </summary>
    public static Tensor SparseCategoricalCrossentropy(Tensor yTrue, Tensor yPred, bool fromLogits, int? ignoreClass, int axis, string owner)
    {
        var (targets, classLast) = SparseTargets.Prepare(yTrue, Floating(yPred), axis, ignoreClass, owner);
        var values = Ops.SparseCrossEntropy(targets, classLast, fromLogits);
        if (targets.ValidMask is { } valid) values.KerasMask = valid;
        return values;
    }

    /// <summary>Predictions as floats (integers compute in float32, Keras' floatx), labels in their dtype, ranks aligned as Keras' loss wrapper does.</summary>
    public static (Tensor Labels, Tensor Predictions) Aligned(Tensor yTrue, Tensor yPred)
    {
        ArgumentNullException.ThrowIfNull(yTrue);
        ArgumentNullException.ThrowIfNull(yPred);
        var p = Floating(yPred);
        return RankAlignment.SqueezeOrExpand(Ops.Cast(yTrue, p.DType), p);
    }

    public static Tensor Floating(Tensor x) => x.DType.IsFloating() ? x : Ops.Cast(x, DType.Float32);

    private static (Tensor Labels, Tensor Predictions) Regression(Tensor yTrue, Tensor yPred, string owner)
    {
        var (t, p) = Aligned(yTrue, yPred);
        if (!RankAlignment.Broadcastable(t.Shape, p.Shape) || (t.Rank == 0 && p.Rank == 0))
            throw new ArgumentException(
                $"{owner}: labels of shape {yTrue.Shape} do not match predictions of shape {yPred.Shape}. " +
                $"Expected labels of the predictions' shape {yPred.Shape} (a trailing axis of 1 may differ), at least rank 1.");
        return (t, p);
    }
}
