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
            // Shift every row first, then exponentiate the whole block in one vectorized call: at ten classes a
            // per-row exp call costs more in its fixed overhead than in arithmetic.
            for (int r = 0; r < rows; r++)
            {
                var row = logits.Slice(r * classes, classes);
                maxima[r] = TensorPrimitives.Max(row);
                TensorPrimitives.Subtract(row, maxima[r], softmax.Slice(r * classes, classes));
            }
            TensorPrimitives.Exp(softmax, softmax);

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
