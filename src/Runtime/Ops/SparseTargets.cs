namespace Layers;

/// <summary>
/// Sparse labels read once as checked class ids: the labels of a sparse cross-entropy, aligned with
/// predictions whose class axis has been moved last. Ids equal to the ignored class become
/// <see cref="CrossEntropyKernel.Ignored"/>.
/// </summary>
internal sealed class SparseTargets
{
    private SparseTargets(int[] ids, Shape shape, int classes, int valid, Tensor? validMask)
    {
        Ids = ids;
        Shape = shape;
        Classes = classes;
        Valid = valid;
        ValidMask = validMask;
    }

    /// <summary>One id per label, row-major over <see cref="Shape"/>.</summary>
    public int[] Ids { get; }

    /// <summary>The labels' shape: the predictions' shape without the class axis.</summary>
    public Shape Shape { get; }

    public int Classes { get; }

    /// <summary>How many labels are not ignored.</summary>
    public int Valid { get; }

    /// <summary>True where the label is not ignored (bool, of <see cref="Shape"/>); null when nothing is ignored.</summary>
    public Tensor? ValidMask { get; }

    /// <summary>
    /// Checks <paramref name="labels"/> against <paramref name="predictions"/> (class axis <paramref name="axis"/>) and
    /// reads the ids. Labels have the predictions' shape without the class axis, or with it of size 1 (Keras squeezes
    /// it); int32, int64, bool, or floats holding whole numbers. Returns the predictions with the class axis last.
    /// </summary>
    /// <param name="owner">Who is asking, for messages: the loss (<c>SparseCategoricalCrossentropy 'scce'</c>) or the op.</param>
    public static (SparseTargets Targets, Tensor ClassLast) Prepare(Tensor labels, Tensor predictions, int axis, long? ignoreClass, string owner)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(predictions);
        if (predictions.Rank == 0)
            throw new ArgumentException(
                $"{owner}: predictions must have a class axis; got a scalar. Expected shape (batch, classes), labels of shape (batch,).");
        int a = Shape.NormalizeAxis(axis, predictions.Rank, owner);
        var expected = predictions.Shape.Slice(0, a).Append(predictions.Shape.Slice(a + 1, predictions.Rank).ToArray());
        var aligned = labels.Rank == predictions.Rank && labels.Shape[a] == 1 ? Ops.Squeeze(labels, a) : labels;
        if (aligned.Shape != expected)
            throw new ArgumentException(
                $"{owner}: labels of shape {labels.Shape} do not fit predictions of shape {predictions.Shape}. " +
                $"Expected labels of shape {expected} (or {predictions.Shape.WithDim(a, 1)}) holding class ids in [0, {predictions.Shape[a]}).");
        int classes = predictions.Shape[a];
        if (classes == 0 && aligned.Size > 0)
            throw new ArgumentException($"{owner}: predictions of shape {predictions.Shape} have no classes along axis {a}; expected at least one.");
        var targets = Read(aligned, classes, ignoreClass, owner, labels.Shape, predictions.Shape);
        var classLast = a == predictions.Rank - 1 ? predictions : Ops.Transpose(predictions, MoveToEnd(predictions.Rank, a));
        return (targets, classLast);
    }

    private static int[] MoveToEnd(int rank, int axis)
    {
        var order = new int[rank];
        int k = 0;
        for (int i = 0; i < rank; i++)
            if (i != axis) order[k++] = i;
        order[k] = axis;
        return order;
    }

    private static SparseTargets Read(Tensor labels, int classes, long? ignoreClass, string owner, Shape labelShape, Shape predictionShape)
    {
        var ids = new int[labels.Size];
        bool[]? valid = ignoreClass is null ? null : new bool[ids.Length];
        int validCount = 0;
        for (int i = 0; i < ids.Length; i++)
        {
            double value = labels.GetAsDouble(i);
            if (value != Math.Floor(value) || double.IsInfinity(value))
                throw new ArgumentException(
                    $"{owner}: label {value} at flat position {i} of labels with shape {labelShape} is not a class id. " +
                    $"Sparse labels are whole numbers in [0, {classes}) (int32, int64, or floats holding integers).");
            if (ignoreClass is { } ignored && value == ignored)
            {
                ids[i] = CrossEntropyKernel.Ignored;
                continue;
            }
            if (value < 0 || value >= classes)
                throw new ArgumentException(
                    $"{owner}: class id {value} at flat position {i} of labels with shape {labelShape} is out of range for predictions " +
                    $"of shape {predictionShape}, which have {classes} classes. Expected ids in [0, {classes})" +
                    (ignoreClass is { } ic ? $" or the ignored class {ic}." : "."));
            ids[i] = (int)value;
            if (valid is not null) valid[i] = true;
            validCount++;
        }
        var mask = valid is null ? null : Tensor.FromSpan<bool>(valid, labels.Shape);
        return new SparseTargets(ids, labels.Shape, classes, validCount, mask);
    }

    /// <summary>One-hot rows of <see cref="Classes"/> (the class axis last); ignored labels give all-zero rows.</summary>
    public Tensor OneHot(DType dtype)
    {
        var result = Tensor.Zeros(Shape.Append(Classes), dtype);
        for (int i = 0; i < Ids.Length; i++)
        {
            if (Ids[i] == CrossEntropyKernel.Ignored) continue;
            int flat = i * Classes + Ids[i];
            if (dtype == DType.Float32) result.Span<float>()[flat] = 1;
            else result.Span<double>()[flat] = 1;
        }
        return result;
    }
}
