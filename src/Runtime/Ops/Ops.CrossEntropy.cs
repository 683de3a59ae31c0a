namespace Layers;

public static partial class Ops
{
    /// <summary>Keras' fuzz factor (<c>backend.epsilon()</c>): probabilities are clipped to [ε, 1 − ε] before their log.</summary>
    internal const double CrossEntropyEpsilon = 1e-7;

    /// <summary>
    /// Element-wise binary cross-entropy (Keras' <c>ops.binary_crossentropy</c>); <paramref name="target"/> and
    /// <paramref name="output"/> have the same shape. From logits it is <c>max(x, 0) − x·t + log1p(e^−|x|)</c>, exact
    /// for logits of any size; from probabilities, <c>−(t·log p + (1 − t)·log(1 − p))</c> with p clipped to [1e-7, 1 − 1e-7].
    /// </summary>
    public static Tensor BinaryCrossentropy(Tensor target, Tensor output, bool fromLogits = false) =>
        BinaryCrossentropy(target, output, fromLogits, "BinaryCrossentropy");

    internal static Tensor BinaryCrossentropy(Tensor target, Tensor output, bool fromLogits, string owner)
    {
        CheckNotNull(target, owner, "target");
        CheckNotNull(output, owner, "output");
        var x = FloatingInput(output, owner);
        var t = Cast(target, x.DType);
        if (t.Shape != x.Shape)
            throw new ArgumentException(
                $"{owner}: labels of shape {target.Shape} do not match predictions of shape {output.Shape}; binary cross-entropy expects labels of the same shape as the predictions.");
        if (fromLogits) return SigmoidCrossEntropy(t, x);
        var p = Clip(x, CrossEntropyEpsilon, 1 - CrossEntropyEpsilon);
        return Negate(Add(Multiply(t, Log(p)), Multiply(Subtract(1.0, t), Log(Subtract(1.0, p)))));
    }

    private static Tensor SigmoidCrossEntropy(Tensor target, Tensor logits)
    {
        var result = MapPair(target, logits, default(SigmoidCrossEntropyOperator<float>), default(SigmoidCrossEntropyOperator<double>));
        if (GradientTape.For(target, logits) is { } tape) RecordSigmoidCrossEntropy(tape, result, target, logits);
        return result;
    }

    private static void RecordSigmoidCrossEntropy(GradientTape tape, Tensor result, Tensor target, Tensor logits) =>
        tape.Record("SigmoidCrossEntropy", result, [target, logits], (grad, inputs) =>
        {
            if (inputs.Needs(1)) inputs.Add(1, Multiply(grad, Subtract(Sigmoid(logits), target)));
            if (inputs.Needs(0)) inputs.Add(0, Negate(Multiply(grad, logits)));
        });

    /// <summary>
    /// Categorical cross-entropy along <paramref name="axis"/> (Keras' <c>ops.categorical_crossentropy</c>), one value per
    /// slice; <paramref name="target"/> and <paramref name="output"/> have the same shape. From logits it is
    /// <c>−Σ t·log_softmax(x)</c>, fused into one kernel (exact for logits of ±1000); from probabilities the slice is first normalized to sum 1 and clipped to [1e-7, 1 − 1e-7].
    /// </summary>
    public static Tensor CategoricalCrossentropy(Tensor target, Tensor output, bool fromLogits = false, int axis = -1) =>
        CategoricalCrossentropy(target, output, fromLogits, axis, "CategoricalCrossentropy");

    internal static Tensor CategoricalCrossentropy(Tensor target, Tensor output, bool fromLogits, int axis, string owner)
    {
        CheckNotNull(target, owner, "target");
        CheckNotNull(output, owner, "output");
        var x = FloatingInput(output, owner);
        var t = Cast(target, x.DType);
        if (x.Rank == 0 || t.Shape != x.Shape)
            throw new ArgumentException(
                $"{owner}: labels of shape {target.Shape} do not match predictions of shape {output.Shape}; categorical cross-entropy " +
                "expects one-hot (or soft) labels of the predictions' shape, at least rank 1 — for integer class ids use the sparse variant.");
        int a = Shape.NormalizeAxis(axis, x.Rank, owner);
        if (fromLogits) return SoftmaxCrossEntropy(MoveAxisLast(t, a), MoveAxisLast(x, a));
        return Negate(Sum(Multiply(t, ClippedLog(Divide(x, Sum(x, a, keepDims: true)))), a));
    }

    private static Tensor MoveAxisLast(Tensor x, int axis)
    {
        if (axis == x.Rank - 1) return x;
        var order = new int[x.Rank];
        for (int i = 0, k = 0; i < x.Rank; i++)
            if (i != axis) order[k++] = i;
        order[^1] = axis;
        return Transpose(x, order);
    }

    /// <summary>Fused <c>−Σ t·log_softmax(x)</c> over the last axis, one value per row.</summary>
    private static Tensor SoftmaxCrossEntropy(Tensor targets, Tensor logits)
    {
        int classes = logits.Shape[-1];
        var shape = logits.Shape.Slice(0, logits.Rank - 1);
        var losses = Tensor.Allocate(shape, logits.DType);
        var softmax = logits.AllocateLike();
        var targetSums = losses.AllocateLike();
        var logSumExp = losses.AllocateLike();
        if (losses.Size > 0 && classes == 0)
            throw new ArgumentException($"CategoricalCrossentropy: predictions of shape {logits.Shape} have no classes; expected at least one.");
        if (logits.DType == DType.Float32)
            CrossEntropyKernel.DenseForward(logits.AsReadOnlySpan<float>(), targets.AsReadOnlySpan<float>(), losses.Span<float>(), softmax.Span<float>(),
                targetSums.Span<float>(), logSumExp.Span<float>(), classes);
        else
            CrossEntropyKernel.DenseForward(logits.AsReadOnlySpan<double>(), targets.AsReadOnlySpan<double>(), losses.Span<double>(), softmax.Span<double>(),
                targetSums.Span<double>(), logSumExp.Span<double>(), classes);
        if (GradientTape.For(targets, logits) is { } tape) RecordSoftmaxCrossEntropy(tape, losses, targets, logits, softmax, targetSums, logSumExp);
        return losses;
    }

    private static void RecordSoftmaxCrossEntropy(GradientTape tape, Tensor losses, Tensor targets, Tensor logits, Tensor softmax, Tensor targetSums, Tensor logSumExp) =>
        tape.Record("SoftmaxCrossEntropy", losses, [targets, logits], (grad, inputs) =>
        {
            var dx = inputs.Needs(1) ? logits.AllocateLike() : null;
            var dt = inputs.Needs(0) ? targets.AllocateLike() : null;
            int classes = logits.Shape[-1];
            if (logits.DType == DType.Float32)
                CrossEntropyKernel.DenseBackward(softmax.AsReadOnlySpan<float>(), logits.AsReadOnlySpan<float>(), targets.AsReadOnlySpan<float>(),
                    targetSums.AsReadOnlySpan<float>(), logSumExp.AsReadOnlySpan<float>(), grad.AsReadOnlySpan<float>(),
                    dx is null ? [] : dx.Span<float>(), dt is null ? [] : dt.Span<float>(), classes);
            else
                CrossEntropyKernel.DenseBackward(softmax.AsReadOnlySpan<double>(), logits.AsReadOnlySpan<double>(), targets.AsReadOnlySpan<double>(),
                    targetSums.AsReadOnlySpan<double>(), logSumExp.AsReadOnlySpan<double>(), grad.AsReadOnlySpan<double>(),
                    dx is null ? [] : dx.Span<double>(), dt is null ? [] : dt.Span<double>(), classes);
            if (dx is not null) inputs.Add(1, dx);
            if (dt is not null) inputs.Add(0, dt);
        });

    private static Tensor ClippedLog(Tensor probabilities) => Log(Clip(probabilities, CrossEntropyEpsilon, 1 - CrossEntropyEpsilon));

    /// <summary>
    /// Cross-entropy against integer class ids (Keras' <c>ops.sparse_categorical_crossentropy</c>): <paramref name="target"/>
    /// has <paramref name="output"/>'s shape without the class axis (or with it of size 1). From logits it runs a fused
    /// kernel — log-sum-exp of the max-shifted row, and a backward pass of <c>softmax − onehot</c>; from probabilities the
    /// row is normalized and clipped as in <see cref="CategoricalCrossentropy(Tensor, Tensor, bool, int)"/>. Ids outside
    /// [0, classes) throw.
    /// </summary>
    public static Tensor SparseCategoricalCrossentropy(Tensor target, Tensor output, bool fromLogits = false, int axis = -1)
    {
        CheckNotNull(target, "SparseCategoricalCrossentropy", "target");
        CheckNotNull(output, "SparseCategoricalCrossentropy", "output");
        var (targets, classLast) = SparseTargets.Prepare(target, FloatingInput(output, "SparseCategoricalCrossentropy"), axis, null, "SparseCategoricalCrossentropy");
        return SparseCrossEntropy(targets, classLast, fromLogits);
    }

    /// <summary>Per-label sparse cross-entropy of predictions whose class axis is last; ignored labels give 0.</summary>
    internal static Tensor SparseCrossEntropy(SparseTargets targets, Tensor classLast, bool fromLogits)
    {
        if (fromLogits) return SparseSoftmaxCrossEntropy(targets, classLast);
        var logProbabilities = ClippedLog(Divide(classLast, Sum(classLast, -1, keepDims: true)));
        return Negate(Sum(Multiply(targets.OneHot(classLast.DType), logProbabilities), -1));
    }

    private static Tensor SparseSoftmaxCrossEntropy(SparseTargets targets, Tensor logits)
    {
        var losses = Tensor.Allocate(targets.Shape, logits.DType);
        var tape = GradientTape.For(logits);
        var softmax = logits.AllocateLike();
        if (logits.DType == DType.Float32)
            CrossEntropyKernel.Forward(logits.AsReadOnlySpan<float>(), targets.Ids, losses.Span<float>(), softmax.Span<float>(), targets.Classes, keepSoftmax: tape is not null);
        else
            CrossEntropyKernel.Forward(logits.AsReadOnlySpan<double>(), targets.Ids, losses.Span<double>(), softmax.Span<double>(), targets.Classes, keepSoftmax: tape is not null);
        if (tape is not null) RecordSparseSoftmaxCrossEntropy(tape, losses, logits, softmax, targets);
        return losses;
    }

    private static void RecordSparseSoftmaxCrossEntropy(GradientTape tape, Tensor losses, Tensor logits, Tensor softmax, SparseTargets targets) =>
        tape.Record("SparseSoftmaxCrossEntropy", losses, [logits], (grad, inputs) =>
        {
            var dx = logits.AllocateLike();
            if (logits.DType == DType.Float32)
                CrossEntropyKernel.Backward(softmax.AsReadOnlySpan<float>(), targets.Ids, grad.AsReadOnlySpan<float>(), dx.Span<float>(), targets.Classes);
            else
                CrossEntropyKernel.Backward(softmax.AsReadOnlySpan<double>(), targets.Ids, grad.AsReadOnlySpan<double>(), dx.Span<double>(), targets.Classes);
            inputs.Add(0, dx);
        });

    /// <summary>
    /// <c>scale · Σ</c> of the per-label sparse softmax cross-entropy as one scalar op — a loss's sum or mean reduction
    /// fused into the kernel, so a training step records one node whose backward is <c>(softmax − onehot)·scale·g</c>.
    /// </summary>
    internal static Tensor SparseSoftmaxCrossEntropyTotal(SparseTargets targets, Tensor logits, double scale)
    {
        var tape = GradientTape.For(logits);
        var softmax = logits.AllocateLike();
        double total = logits.DType == DType.Float32
            ? CrossEntropyKernel.Forward(logits.AsReadOnlySpan<float>(), targets.Ids, [], softmax.Span<float>(), targets.Classes, keepSoftmax: tape is not null)
            : CrossEntropyKernel.Forward(logits.AsReadOnlySpan<double>(), targets.Ids, [], softmax.Span<double>(), targets.Classes, keepSoftmax: tape is not null);
        var result = Tensor.Scalar(total * scale, logits.DType);
        if (tape is not null) RecordSparseSoftmaxCrossEntropyTotal(tape, result, logits, softmax, targets, scale);
        return result;
    }

    private static void RecordSparseSoftmaxCrossEntropyTotal(GradientTape tape, Tensor result, Tensor logits, Tensor softmax, SparseTargets targets, double scale) =>
        tape.Record("SparseSoftmaxCrossEntropyTotal", result, [logits], (grad, inputs) =>
        {
            double factor = grad.GetAsDouble(0) * scale;
            var dx = logits.AllocateLike();
            if (logits.DType == DType.Float32)
                CrossEntropyKernel.Backward(softmax.AsReadOnlySpan<float>(), targets.Ids, (float)factor, dx.Span<float>(), targets.Classes);
            else
                CrossEntropyKernel.Backward(softmax.AsReadOnlySpan<double>(), targets.Ids, factor, dx.Span<double>(), targets.Classes);
            inputs.Add(0, dx);
        });
}
