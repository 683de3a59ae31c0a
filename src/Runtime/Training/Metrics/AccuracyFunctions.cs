namespace Layers;

/// <summary>
/// Keras' accuracy functions (<c>keras.metrics.binary_accuracy</c>…): 1.0 where a prediction matches its label, 0.0
/// elsewhere, one value per sample (float32). <c>owner</c> names the metric in messages.
/// </summary>
internal static class AccuracyFunctions
{
    /// <summary>Exact equality of labels and predictions (labels in the predictions' dtype).</summary>
    public static Tensor Accuracy(Tensor yTrue, Tensor yPred, string owner)
    {
        var (t, p) = RankAlignment.SqueezeOrExpand(Ops.Cast(yTrue, yPred.DType), yPred);
        RequireBroadcastable(t, p, yTrue, yPred, owner, "labels of the predictions' shape");
        return Matches(t, p);
    }

    /// <summary>Labels against <c>y_pred &gt; threshold</c>.</summary>
    public static Tensor Binary(Tensor yTrue, Tensor yPred, double threshold, string owner)
    {
        var labels = yTrue.DType == DType.Bool ? Ops.Cast(yTrue, DType.Float32) : yTrue;
        var (t, p) = RankAlignment.SqueezeOrExpand(labels, LossFunctions.Floating(yPred));
        RequireBroadcastable(t, p, yTrue, yPred, owner, "labels of the predictions' shape holding 0 or 1");
        return Matches(t, Ops.Cast(Ops.Greater(p, threshold), t.DType));
    }

    /// <summary>The arg-max of one-hot labels against the arg-max of the predictions, along the last axis.</summary>
    public static Tensor Categorical(Tensor yTrue, Tensor yPred, string owner)
    {
        if (yTrue.Rank == 0 || yPred.Rank == 0)
            throw Mismatch(yTrue, yPred, owner, "one-hot labels of the predictions' shape (batch, classes)");
        var t = Ops.ArgMax(yTrue, -1);
        if (t.Rank == yPred.Rank && t.Shape[-1] == 1) t = Ops.Squeeze(t, -1);
        var p = Ops.ArgMax(yPred, -1);
        RequireBroadcastable(t, p, yTrue, yPred, owner, "one-hot labels of the predictions' shape (batch, classes)");
        return Matches(t, p);
    }

    /// <summary>Integer labels against the arg-max of the predictions along the last axis; (N, 1) labels count as (N,).</summary>
    public static Tensor SparseCategorical(Tensor yTrue, Tensor yPred, string owner)
    {
        if (yPred.Rank == 0)
            throw Mismatch(yTrue, yPred, owner, "predictions with a class axis, (batch, classes), and labels of shape (batch,)");
        var p = LossFunctions.Floating(yPred);
        var t = Ops.Cast(yTrue, p.DType);
        if (t.Rank == p.Rank && t.Shape[-1] == 1) t = Ops.Squeeze(t, -1);
        var predicted = Ops.Cast(Ops.ArgMax(p, -1), p.DType);
        RequireBroadcastable(t, predicted, yTrue, yPred, owner,
            $"class ids of shape {yPred.Shape.Slice(0, yPred.Rank - 1)} or {yPred.Shape.WithDim(-1, 1)}");
        var matches = Matches(t, predicted);
        return matches.Rank > 1 && matches.Shape[-1] == 1 ? Ops.Squeeze(matches, -1) : matches;
    }

    private static Tensor Matches(Tensor a, Tensor b) => Ops.Cast(Ops.Equal(a, b), DType.Float32);

    private static void RequireBroadcastable(Tensor t, Tensor p, Tensor yTrue, Tensor yPred, string owner, string expected)
    {
        if (!RankAlignment.Broadcastable(t.Shape, p.Shape)) throw Mismatch(yTrue, yPred, owner, expected);
    }

    private static ArgumentException Mismatch(Tensor yTrue, Tensor yPred, string owner, string expected) =>
        new($"{owner}: labels of shape {yTrue.Shape} do not match predictions of shape {yPred.Shape}; expected {expected}.");
}
