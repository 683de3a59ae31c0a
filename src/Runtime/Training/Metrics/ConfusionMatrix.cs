namespace Layers;

/// <summary>
/// Keras' <c>update_confusion_matrix_variables</c>: one batch of labels and predictions turned into confusion counts
/// at every threshold. A prediction is positive at threshold t when <c>p &gt; t</c> and a label is positive when it is
/// non-zero; each pair counts with its sample weight (times its label weight). Predictions and thresholds are compared
/// in float32, as Keras' float32 metric variables make them.
/// </summary>
internal static class ConfusionMatrix
{
    /// <summary>How a metric asks for its counts.</summary>
    /// <param name="Thresholds">Ascending thresholds (AUC's include −1e-7 and 1 + 1e-7).</param>
    /// <param name="Evenly">Thresholds are <c>i/(n−1)</c>: bucket each prediction once instead of comparing it with every threshold.</param>
    /// <param name="LabelWeights">Per-class weights along the last axis (not multi-label), or null.</param>
    public sealed record Options(double[] Thresholds, bool Evenly, int? TopK = null, int? ClassId = null, bool MultiLabel = false, double[]? LabelWeights = null);

    /// <summary>The counts of one batch; <paramref name="labels"/> is 1 unless multi-label.</summary>
    /// <param name="owner">The metric, for messages.</param>
    public static ConfusionCounts Batch(Tensor yTrue, Tensor yPred, Tensor? sampleWeight, Options options, int labels, string owner)
    {
        ArgumentNullException.ThrowIfNull(yTrue);
        ArgumentNullException.ThrowIfNull(yPred);
        using var _ = GradientTape.NoGrad();
        var (p, t, w) = Prepare(yTrue, yPred, sampleWeight, options, owner);
        var predictions = p.ToArray<float>();
        var positive = t.ToArray<float>().Select(v => v != 0).ToArray();
        var weights = Weights(w, p.Shape, options.MultiLabel ? null : options.LabelWeights, owner);
        int width = options.MultiLabel ? LabelAxis(p, labels, owner) : 1;
        var counts = new ConfusionCounts(options.Thresholds.Length, width);
        if (options.Evenly) Bucketed(predictions, positive, weights, options.Thresholds, counts);
        else Compared(predictions, positive, weights, options.Thresholds, counts);
        return counts;
    }

    /// <summary>Float32 predictions and labels with Keras' rank alignment, top-k filter and class slice; weights aligned to the labels.</summary>
    private static (Tensor Predictions, Tensor Labels, Tensor? Weights) Prepare(Tensor yTrue, Tensor yPred, Tensor? sampleWeight, Options options, string owner)
    {
        var (p, t) = RankAlignment.SqueezeOrExpand(Ops.Cast(yPred, DType.Float32), Ops.Cast(yTrue, DType.Float32));
        Tensor? w = null;
        if (sampleWeight is not null)
            (_, w) = RankAlignment.SqueezeOrExpand(t, Ops.ExpandDims(Ops.Cast(sampleWeight, DType.Float32), -1), expandRank1: false);
        if (options.TopK is { } k) p = TopK(p, k);
        if (options.ClassId is { } classId)
        {
            if (p.Rank < 2 || t.Rank < 2)
                throw new ArgumentException($"{owner}: with class_id, predictions must be (num_samples, num_classes); got shape {yPred.Shape}.");
            int classes = p.Shape[-1];
            if (classId < 0 || classId >= classes || t.Shape[-1] != classes)
                throw new ArgumentException($"{owner}: class_id {classId} is out of range for labels of shape {yTrue.Shape} and predictions of shape {yPred.Shape}; expected [0, {classes}).");
            p = Ops.Slice(p, -1, classId, 1);
            t = Ops.Slice(t, -1, classId, 1);
        }
        if (p.Shape != t.Shape)
            throw new ArgumentException(
                $"{owner}: labels of shape {yTrue.Shape} do not match predictions of shape {yPred.Shape}; expected labels of the predictions' shape.");
        return (p, t, w);
    }

    /// <summary>Keeps the k largest predictions of each last-axis row (the earlier one wins a tie) and sets the rest to −1e10.</summary>
    private static Tensor TopK(Tensor p, int k)
    {
        var values = p.ToArray<float>();
        int length = p.Rank == 0 ? 1 : p.Shape[-1];
        var order = new int[length];
        for (int start = 0; start < values.Length; start += length)
        {
            for (int i = 0; i < length; i++) order[i] = i;
            var row = values.AsSpan(start, length).ToArray();
            Array.Sort(order, (a, b) => row[a] != row[b] ? row[b].CompareTo(row[a]) : a.CompareTo(b));
            for (int i = Math.Min(k, length); i < length; i++) values[start + order[i]] = (float)Thresholds.NegativeInfinity;
        }
        return Tensor.FromSpan<float>(values, p.Shape);
    }

    /// <summary>One weight per prediction: the sample weights broadcast to the predictions' shape, times the label weights.</summary>
    private static double[] Weights(Tensor? sampleWeight, Shape shape, double[]? labelWeights, string owner)
    {
        var weights = new double[shape.Size];
        if (sampleWeight is null)
        {
            Array.Fill(weights, 1.0);
        }
        else
        {
            if (!RankAlignment.Broadcastable(sampleWeight.Shape, shape) || sampleWeight.Rank > shape.Rank)
                throw new ArgumentException($"{owner}: sample_weight of shape {sampleWeight.Shape} does not broadcast to predictions of shape {shape}.");
            var broadcast = Ops.Add(Tensor.Zeros(shape, DType.Float64), Ops.Cast(sampleWeight, DType.Float64));
            if (broadcast.Shape != shape)
                throw new ArgumentException($"{owner}: sample_weight of shape {sampleWeight.Shape} does not broadcast to predictions of shape {shape}.");
            broadcast.AsReadOnlySpan<double>().CopyTo(weights);
        }
        if (labelWeights is not null)
        {
            int length = shape.Rank == 0 ? 1 : shape[-1];
            if (labelWeights.Length != length)
                throw new ArgumentException($"{owner}: {labelWeights.Length} label_weights for predictions of shape {shape}; expected one per entry of the last axis ({length}).");
            for (int i = 0; i < weights.Length; i++) weights[i] *= labelWeights[i % length];
        }
        return weights;
    }

    private static int LabelAxis(Tensor p, int labels, string owner)
    {
        if (p.Rank != 2 || p.Shape[1] != labels)
            throw new ArgumentException($"{owner}: multi-label predictions must have shape (batch, {labels}); got {p.Shape}.");
        return labels;
    }

    /// <summary>
    /// Keras' O(n + T) path for evenly spaced thresholds: prediction p lands in bucket <c>ceil(p·(T−1)) − 1</c> (float32
    /// arithmetic, p clipped to [0, 1]) and is positive at every threshold up to its bucket. When the end thresholds are
    /// pushed past 0 and 1 (AUC), a prediction of exactly 0 joins bucket 0; otherwise it is positive nowhere.
    /// </summary>
    private static void Bucketed(float[] predictions, bool[] positive, double[] weights, double[] thresholds, ConfusionCounts counts)
    {
        int T = thresholds.Length, L = counts.Labels;
        bool withEpsilon = thresholds[0] < 0 || thresholds[^1] > 1;
        var truePerBucket = new double[T * L];
        var falsePerBucket = new double[T * L];
        var trueTotal = new double[L];
        var falseTotal = new double[L];
        float scale = T - 1;
        for (int i = 0; i < predictions.Length; i++)
        {
            int label = i % L;
            double w = weights[i];
            if (positive[i]) trueTotal[label] += w;
            else falseTotal[label] += w;
            float p = Math.Clamp(predictions[i], 0f, 1f);
            if (float.IsNaN(p)) continue;
            int bucket = (int)(MathF.Ceiling(p * scale) - 1f);
            if (withEpsilon) bucket = Math.Max(bucket, 0);
            if (bucket < 0 || bucket >= T) continue;
            if (positive[i]) truePerBucket[bucket * L + label] += w;
            else falsePerBucket[bucket * L + label] += w;
        }
        for (int label = 0; label < L; label++)
        {
            double tp = 0, fp = 0;
            for (int t = T - 1; t >= 0; t--)
            {
                tp += truePerBucket[t * L + label];
                fp += falsePerBucket[t * L + label];
                counts.TruePositives[t * L + label] = tp;
                counts.FalsePositives[t * L + label] = fp;
                counts.FalseNegatives[t * L + label] = trueTotal[label] - tp;
                counts.TrueNegatives[t * L + label] = falseTotal[label] - fp;
            }
        }
    }

    /// <summary>Every prediction against every threshold.</summary>
    private static void Compared(float[] predictions, bool[] positive, double[] weights, double[] thresholds, ConfusionCounts counts)
    {
        int L = counts.Labels;
        for (int t = 0; t < thresholds.Length; t++)
        {
            float threshold = (float)thresholds[t];
            for (int i = 0; i < predictions.Length; i++)
            {
                int at = t * L + i % L;
                bool predicted = predictions[i] > threshold;
                if (positive[i])
                {
                    if (predicted) counts.TruePositives[at] += weights[i];
                    else counts.FalseNegatives[at] += weights[i];
                }
                else
                {
                    if (predicted) counts.FalsePositives[at] += weights[i];
                    else counts.TrueNegatives[at] += weights[i];
                }
            }
        }
    }
}
