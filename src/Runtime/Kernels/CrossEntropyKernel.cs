using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace Layers;

/// <summary>
/// Softmax cross-entropy against integer class ids, fused over a (rows, classes) block: one pass gives the
/// per-row losses and the softmax that the backward pass turns into <c>(softmax − onehot)·scale</c>. Rows are
/// shifted by their maximum, so logits of ±1000 give exact losses (0 or 2000), never inf or NaN.
/// </summary>
internal static class CrossEntropyKernel
{
    /// <summary>The class id of a row that is skipped (Keras' <c>ignore_class</c>): its loss and gradient are 0.</summary>
    public const int Ignored = -1;

    /// <summary>
    /// Per row r: <c>log Σ exp(x − max) − (x[label] − max)</c>, written to <paramref name="losses"/> when it is not
    /// empty. <paramref name="softmax"/> (rows × classes) is used as scratch and, when
    /// <paramref name="keepSoftmax"/>, left holding the softmax for <see cref="Backward{T}(ReadOnlySpan{T}, ReadOnlySpan{int}, T, Span{T}, int)"/>.
    /// Returns Σ losses, accumulated in double.
    /// </summary>
    public static double Forward<T>(ReadOnlySpan<T> logits, ReadOnlySpan<int> labels, Span<T> losses, Span<T> softmax, int classes, bool keepSoftmax)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int rows = labels.Length;
        var pooled = ArrayPool<T>.Shared.Rent(rows);
        try
        {
            var maxima = pooled.AsSpan(0, rows);
            ShiftedExponentials(logits, softmax, maxima, classes);
            double total = 0;
            for (int r = 0; r < rows; r++)
            {
                var row = softmax.Slice(r * classes, classes);
                double sum = SumAsDouble<T>(row);
                if (keepSoftmax) TensorPrimitives.Multiply(row, T.CreateTruncating(1 / sum), row);
                int label = labels[r];
                // (x[label] − max) is formed in double from the two floats, so it is exact and the loss of a
                // dominant wrong class (±1000 logits) comes out as exactly 2000.
                double loss = label == Ignored
                    ? 0
                    : Math.Log(sum) - (double.CreateTruncating(logits[r * classes + label]) - double.CreateTruncating(maxima[r]));
                if (!losses.IsEmpty) losses[r] = T.CreateTruncating(loss);
                total += loss;
            }
            return total;
        }
        finally
        {
            ArrayPool<T>.Shared.Return(pooled);
        }
    }

    /// <summary>
    /// Per row r against dense (one-hot or soft) <paramref name="targets"/>: <c>Σ t·(log Σ exp(x − max) − (x − max))</c>.
    /// Leaves the softmax in <paramref name="softmax"/>, each row's <c>Σ t</c> in <paramref name="targetSums"/> and its
    /// log-sum-exp in <paramref name="logSumExp"/>, for <see cref="DenseBackward{T}"/>.
    /// </summary>
    public static void DenseForward<T>(ReadOnlySpan<T> logits, ReadOnlySpan<T> targets, Span<T> losses, Span<T> softmax,
        Span<T> targetSums, Span<T> logSumExp, int classes)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int rows = losses.Length;
        ShiftedExponentials(logits, softmax, logSumExp, classes);
        for (int r = 0; r < rows; r++)
        {
            var row = softmax.Slice(r * classes, classes);
            double sum = SumAsDouble<T>(row);
            double logSum = Math.Log(sum);
            double max = double.CreateTruncating(logSumExp[r]);
            double loss = 0, targetSum = 0;
            for (int c = 0; c < classes; c++)
            {
                double t = double.CreateTruncating(targets[r * classes + c]);
                if (t == 0) continue;
                loss += t * (logSum - (double.CreateTruncating(logits[r * classes + c]) - max));
                targetSum += t;
            }
            TensorPrimitives.Multiply(row, T.CreateTruncating(1 / sum), row);
            losses[r] = T.CreateTruncating(loss);
            targetSums[r] = T.CreateTruncating(targetSum);
            logSumExp[r] = T.CreateTruncating(max + logSum);
        }
    }

    /// <summary>
    /// The gradients of <see cref="DenseForward{T}"/> given each row's upstream gradient g: logits
    /// <c>g·(softmax·Σt − t)</c>, targets <c>g·(logsumexp − x)</c> (each only when its destination is not empty).
    /// </summary>
    public static void DenseBackward<T>(ReadOnlySpan<T> softmax, ReadOnlySpan<T> logits, ReadOnlySpan<T> targets, ReadOnlySpan<T> targetSums,
        ReadOnlySpan<T> logSumExp, ReadOnlySpan<T> rowGrad, Span<T> logitsGrad, Span<T> targetsGrad, int classes)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        for (int r = 0; r < rowGrad.Length; r++)
        {
            var slice = new Range(r * classes, (r + 1) * classes);
            T g = rowGrad[r];
            if (!logitsGrad.IsEmpty)
            {
                TensorPrimitives.Multiply(softmax[slice], targetSums[r] * g, logitsGrad[slice]);
                TensorPrimitives.MultiplyAdd(targets[slice], -g, logitsGrad[slice], logitsGrad[slice]);
            }
            if (!targetsGrad.IsEmpty)
            {
                TensorPrimitives.Subtract(logSumExp[r], logits[slice], targetsGrad[slice]);
                TensorPrimitives.Multiply(targetsGrad[slice], g, targetsGrad[slice]);
            }
        }
    }

    /// <summary>
    /// <c>exp(x − max)</c> of every row into <paramref name="exponentials"/>, each row's max into <paramref name="maxima"/>.
    /// Every row is shifted first and the whole block exponentiated in one vectorized call — at ten classes a per-row
    /// call costs more in fixed overhead than in arithmetic. The vectorized exp returns 1 + 1 ulp at 0, so each row's
    /// maximum is set to exactly 1: a dominant class then has a loss of exactly 0.
    /// </summary>
    private static void ShiftedExponentials<T>(ReadOnlySpan<T> logits, Span<T> exponentials, Span<T> maxima, int classes)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int rows = maxima.Length;
        var pooled = ArrayPool<int>.Shared.Rent(rows);
        try
        {
            for (int r = 0; r < rows; r++)
            {
                var row = logits.Slice(r * classes, classes);
                int at = TensorPrimitives.IndexOfMax(row);
                pooled[r] = at;
                maxima[r] = row[at];
                TensorPrimitives.Subtract(row, maxima[r], exponentials.Slice(r * classes, classes));
            }
            TensorPrimitives.Exp(exponentials, exponentials);
            for (int r = 0; r < rows; r++)
                if (T.IsFinite(maxima[r])) exponentials[r * classes + pooled[r]] = T.One;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(pooled);
        }
    }

    /// <summary><c>grad = (softmax − onehot(label))·scale</c>, one scale for every row (the reduced loss); ignored rows get 0.</summary>
    public static void Backward<T>(ReadOnlySpan<T> softmax, ReadOnlySpan<int> labels, T scale, Span<T> grad, int classes)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        TensorPrimitives.Multiply(softmax, scale, grad);
        for (int r = 0; r < labels.Length; r++)
        {
            int label = labels[r];
            if (label == Ignored) grad.Slice(r * classes, classes).Clear();
            else grad[r * classes + label] -= scale;
        }
    }

    /// <summary><c>grad = (softmax − onehot(label))·scale[row]</c>, a scale per row (the upstream gradient of per-row losses).</summary>
    public static void Backward<T>(ReadOnlySpan<T> softmax, ReadOnlySpan<int> labels, ReadOnlySpan<T> rowScales, Span<T> grad, int classes)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        for (int r = 0; r < labels.Length; r++)
        {
            var target = grad.Slice(r * classes, classes);
            int label = labels[r];
            if (label == Ignored)
            {
                target.Clear();
                continue;
            }
            TensorPrimitives.Multiply(softmax.Slice(r * classes, classes), rowScales[r], target);
            target[label] -= rowScales[r];
        }
    }

    private static double SumAsDouble<T>(ReadOnlySpan<T> values) where T : unmanaged
    {
        if (typeof(T) == typeof(float)) return ReduceKernel.SumWide(MemoryMarshal.Cast<T, float>(values));
        return ReduceKernel.SumPairwise(MemoryMarshal.Cast<T, double>(values));
    }
}

/// <summary>
/// Binary cross-entropy on logits, <c>softplus(x) − x·t</c> given <c>(t, x)</c> — the same value as
/// <c>max(x, 0) − x·t + log1p(e^−|x|)</c>, finite and exact for |x| in the thousands.
/// </summary>
internal readonly struct SigmoidCrossEntropyOperator<T> : IPairOperator<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public Vector<T> Invoke(Vector<T> target, Vector<T> logits) => VectorMath.Softplus(logits) - logits * target;
}
