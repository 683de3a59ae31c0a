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
        var maximaArray = ArrayPool<T>.Shared.Rent(rows);
        var logSumsArray = ArrayPool<double>.Shared.Rent(rows);
        try
        {
            var maxima = maximaArray.AsSpan(0, rows);
            var logSums = logSumsArray.AsSpan(0, rows);
            RowExponentials(logits, softmax, maxima, logSums, classes);
            if (keepSoftmax) Normalize(softmax, logSums, classes);
            TensorPrimitives.Log(logSums, logSums);
            double total = 0;
            for (int r = 0; r < rows; r++)
            {
                int label = labels[r];
                // (x[label] − max) is formed in double from the two floats, so it is exact and the loss of a
                // dominant wrong class (±1000 logits) comes out as exactly 2000.
                double loss = label == Ignored
                    ? 0
                    : logSums[r] - (double.CreateTruncating(logits[r * classes + label]) - double.CreateTruncating(maxima[r]));
                if (!losses.IsEmpty) losses[r] = T.CreateTruncating(loss);
                total += loss;
            }
            return total;
        }
        finally
        {
            ArrayPool<T>.Shared.Return(maximaArray);
            ArrayPool<double>.Shared.Return(logSumsArray);
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
        var logSumsArray = ArrayPool<double>.Shared.Rent(rows);
        try
        {
            var logSums = logSumsArray.AsSpan(0, rows);
            RowExponentials(logits, softmax, logSumExp, logSums, classes);
            Normalize(softmax, logSums, classes);
            TensorPrimitives.Log(logSums, logSums);
            for (int r = 0; r < rows; r++)
            {
                double max = double.CreateTruncating(logSumExp[r]);
                double loss = 0, targetSum = 0;
                for (int c = 0; c < classes; c++)
                {
                    double t = double.CreateTruncating(targets[r * classes + c]);
                    if (t == 0) continue;
                    loss += t * (logSums[r] - (double.CreateTruncating(logits[r * classes + c]) - max));
                    targetSum += t;
                }
                losses[r] = T.CreateTruncating(loss);
                targetSums[r] = T.CreateTruncating(targetSum);
                logSumExp[r] = T.CreateTruncating(max + logSums[r]);
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(logSumsArray);
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

    /// <summary>Rows up to this long run as plain loops: a vector call per row costs more in fixed overhead than a few classes of arithmetic.</summary>
    private const int ShortRow = 32;

    /// <summary>
    /// <c>exp(x − max)</c> of every row into <paramref name="exponentials"/>, each row's max into <paramref name="maxima"/>
    /// and its sum of exponentials (in double) into <paramref name="sums"/>. Every row is shifted first and the whole block
    /// exponentiated in one vectorized call. That exp returns 1 + 1 ulp at 0, so each row's maximum is set to exactly 1:
    /// a dominant class then has a loss of exactly 0.
    /// </summary>
    private static void RowExponentials<T>(ReadOnlySpan<T> logits, Span<T> exponentials, Span<T> maxima, Span<double> sums, int classes)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int rows = maxima.Length;
        var positions = ArrayPool<int>.Shared.Rent(rows);
        try
        {
            for (int r = 0; r < rows; r++)
            {
                var row = logits.Slice(r * classes, classes);
                var target = exponentials.Slice(r * classes, classes);
                int at = classes <= ShortRow ? IndexOfMax(row) : TensorPrimitives.IndexOfMax(row);
                T max = row[at];
                positions[r] = at;
                maxima[r] = max;
                if (classes <= ShortRow)
                    for (int c = 0; c < row.Length; c++) target[c] = row[c] - max;
                else
                    TensorPrimitives.Subtract(row, max, target);
            }
            TensorPrimitives.Exp(exponentials, exponentials);
            for (int r = 0; r < rows; r++)
            {
                var row = exponentials.Slice(r * classes, classes);
                if (T.IsFinite(maxima[r])) row[positions[r]] = T.One;
                sums[r] = classes <= ShortRow ? ShortSum(row) : SumAsDouble<T>(row);
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(positions);
        }
    }

    /// <summary>Divides every row of exponentials by its sum, leaving the softmax.</summary>
    private static void Normalize<T>(Span<T> exponentials, ReadOnlySpan<double> sums, int classes)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        for (int r = 0; r < sums.Length; r++)
        {
            var row = exponentials.Slice(r * classes, classes);
            T inverse = T.CreateTruncating(1 / sums[r]);
            if (classes <= ShortRow)
                for (int c = 0; c < row.Length; c++) row[c] *= inverse;
            else
                TensorPrimitives.Multiply(row, inverse, row);
        }
    }

    /// <summary>The first index of the largest element (NaN never wins, which leaves the row's loss NaN as it should be).</summary>
    private static int IndexOfMax<T>(ReadOnlySpan<T> row) where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int at = 0;
        T best = row[0];
        for (int c = 1; c < row.Length; c++)
        {
            if (row[c] > best)
            {
                best = row[c];
                at = c;
            }
        }
        return at;
    }

    /// <summary>A short row's sum in double, over four independent accumulators so the adds do not wait on each other.</summary>
    private static double ShortSum<T>(ReadOnlySpan<T> row) where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int c = 0;
        for (; c + 4 <= row.Length; c += 4)
        {
            s0 += double.CreateTruncating(row[c]);
            s1 += double.CreateTruncating(row[c + 1]);
            s2 += double.CreateTruncating(row[c + 2]);
            s3 += double.CreateTruncating(row[c + 3]);
        }
        for (; c < row.Length; c++) s0 += double.CreateTruncating(row[c]);
        return (s0 + s1) + (s2 + s3);
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
