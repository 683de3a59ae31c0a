namespace Layers;

public static partial class Ops
{
    /// <summary>
    /// Sum over <paramref name="axis"/> (all axes when null; negative axes count from the end), dropping the
    /// reduced axis unless <paramref name="keepDims"/>. float32 sums accumulate in double, so they are accurate
    /// to float32 rounding however long the reduction. Integers keep their dtype (wrapping on overflow); bool
    /// counts trues as int32, as Keras does.
    /// </summary>
    public static Tensor Sum(Tensor x, int? axis = null, bool keepDims = false) => SumOrMean(x, AxisList(axis), keepDims, mean: false, "Sum");

    /// <summary>Sum over several axes (an empty array reduces nothing). Repeated axes are an error.</summary>
    public static Tensor Sum(Tensor x, int[] axes, bool keepDims = false) => SumOrMean(x, RequireAxes(axes, "Sum"), keepDims, mean: false, "Sum");

    /// <summary>Arithmetic mean over <paramref name="axis"/> (all when null). Integers and bool average in float32, as Keras does; an empty reduction gives NaN.</summary>
    public static Tensor Mean(Tensor x, int? axis = null, bool keepDims = false) => SumOrMean(x, AxisList(axis), keepDims, mean: true, "Mean");

    /// <summary>Arithmetic mean over several axes.</summary>
    public static Tensor Mean(Tensor x, int[] axes, bool keepDims = false) => SumOrMean(x, RequireAxes(axes, "Mean"), keepDims, mean: true, "Mean");

    /// <summary>
    /// Maximum over <paramref name="axis"/> (all when null); NaN propagates. When several elements tie for the
    /// maximum the gradient is split equally between them (TensorFlow's rule, which Keras inherits). bool is
    /// reduced as "any"; an empty reduction is an error.
    /// </summary>
    public static Tensor Max(Tensor x, int? axis = null, bool keepDims = false) => Extremum(x, AxisList(axis), keepDims, max: true, "Max");

    /// <summary>Maximum over several axes.</summary>
    public static Tensor Max(Tensor x, int[] axes, bool keepDims = false) => Extremum(x, RequireAxes(axes, "Max"), keepDims, max: true, "Max");

    /// <summary>Minimum over <paramref name="axis"/> (all when null); ties split the gradient equally, bool is reduced as "all".</summary>
    public static Tensor Min(Tensor x, int? axis = null, bool keepDims = false) => Extremum(x, AxisList(axis), keepDims, max: false, "Min");

    /// <summary>Minimum over several axes.</summary>
    public static Tensor Min(Tensor x, int[] axes, bool keepDims = false) => Extremum(x, RequireAxes(axes, "Min"), keepDims, max: false, "Min");

    /// <summary>
    /// Population variance (mean squared deviation from the mean, no Bessel correction — Keras' <c>ops.var</c>)
    /// over <paramref name="axis"/> (all when null). Integers and bool compute in float32.
    /// </summary>
    public static Tensor Variance(Tensor x, int? axis = null, bool keepDims = false) => VarianceCore(x, AxisList(axis), keepDims);

    /// <summary>Population variance over several axes.</summary>
    public static Tensor Variance(Tensor x, int[] axes, bool keepDims = false) => VarianceCore(x, RequireAxes(axes, "Variance"), keepDims);

    /// <summary>
    /// <c>log(Σ exp(x))</c> over <paramref name="axis"/> (all when null), computed around the maximum so that
    /// large inputs neither overflow nor lose precision. Its gradient is the softmax of x along the reduced axes.
    /// </summary>
    public static Tensor LogSumExp(Tensor x, int? axis = null, bool keepDims = false) => LogSumExpCore(x, AxisList(axis), keepDims);

    /// <summary><c>log(Σ exp(x))</c> over several axes.</summary>
    public static Tensor LogSumExp(Tensor x, int[] axes, bool keepDims = false) => LogSumExpCore(x, RequireAxes(axes, "LogSumExp"), keepDims);

    /// <summary>
    /// Index of the maximum along <paramref name="axis"/>, or into the flattened tensor when null, as int32
    /// (Keras 3 returns int32 on every backend). Ties pick the first occurrence, the first NaN wins, and +0 counts
    /// as greater than -0 (Keras' rule). Not differentiable.
    /// </summary>
    public static Tensor ArgMax(Tensor x, int? axis = null, bool keepDims = false) => ArgExtremum(x, axis, keepDims, max: true, "ArgMax");

    /// <summary>Index of the minimum along <paramref name="axis"/> (flattened when null), as int32; see <see cref="ArgMax"/> for the order.</summary>
    public static Tensor ArgMin(Tensor x, int? axis = null, bool keepDims = false) => ArgExtremum(x, axis, keepDims, max: false, "ArgMin");

    private static int[]? AxisList(int? axis) => axis is { } a ? [a] : null;

    private static int[] RequireAxes(int[] axes, string op) =>
        axes ?? throw new ArgumentNullException(nameof(axes), $"{op}: axes is null; pass an axis of null (the int? overload) to reduce every axis.");

    /// <summary>Which axes a reduction removes, and the shapes it produces.</summary>
    private readonly struct Reduction
    {
        public Reduction(Shape input, int[]? axes, bool keepDims, string op)
        {
            int rank = input.Rank;
            Mask = new bool[rank];
            if (axes is null)
            {
                Array.Fill(Mask, true);
            }
            else
            {
                foreach (int axis in axes)
                {
                    int normalized = Shape.NormalizeAxis(axis, rank, op);
                    if (Mask[normalized])
                        throw new ArgumentException(
                            $"{op}: axis {normalized} appears more than once in axes [{string.Join(", ", axes)}] for rank {rank}; each axis may be reduced once.",
                            nameof(axes));
                    Mask[normalized] = true;
                }
            }
            var kept = new int[rank];
            var output = new List<int>(rank);
            Count = 1;
            for (int i = 0; i < rank; i++)
            {
                int d = input.Dims[i];
                kept[i] = Mask[i] ? 1 : d;
                if (Mask[i]) Count *= d;
                if (!Mask[i] || keepDims) output.Add(kept[i]);
            }
            KeptShape = Shape.FromOwned(kept);
            OutputShape = Shape.FromOwned([.. output]);
            Input = input;
        }

        public bool[] Mask { get; }

        /// <summary>The result shape with reduced axes kept as 1 (what backward rules broadcast from).</summary>
        public Shape KeptShape { get; }

        public Shape OutputShape { get; }

        public Shape Input { get; }

        /// <summary>Elements reduced into each output element.</summary>
        public int Count { get; }

        /// <summary>The reduced axes, in increasing order (for ops that take an axis list).</summary>
        public int[] Axes
        {
            get
            {
                var axes = new List<int>();
                for (int i = 0; i < Mask.Length; i++)
                    if (Mask[i]) axes.Add(i);
                return [.. axes];
            }
        }

        public ReduceKernel.Layout Layout => new(Input, Mask);
    }

    private static Tensor SumOrMean(Tensor x, int[]? axes, bool keepDims, bool mean, string op)
    {
        CheckNotNull(x, op, "x");
        var input = x.DType switch
        {
            DType.Bool => Cast(x, mean ? DType.Float32 : DType.Int32),
            DType.Int32 or DType.Int64 when mean => Cast(x, DType.Float32),
            _ => x,
        };
        var reduction = new Reduction(input.Shape, axes, keepDims, op);
        var result = Tensor.Allocate(reduction.OutputShape, input.DType);
        if (input.Size == 0 || reduction.Count == 0)
            result.Fill(mean ? double.NaN : 0);
        else
        {
            var layout = reduction.Layout;
            switch (input.DType)
            {
                case DType.Float32: ReduceKernel.Sum(input.AsReadOnlySpan<float>(), layout, result.Span<float>(), reduction.Count, mean); break;
                case DType.Float64: ReduceKernel.Sum(input.AsReadOnlySpan<double>(), layout, result.Span<double>(), reduction.Count, mean); break;
                case DType.Int32: ReduceKernel.Sum(input.AsReadOnlySpan<int>(), layout, result.Span<int>(), reduction.Count, mean); break;
                case DType.Int64: ReduceKernel.Sum(input.AsReadOnlySpan<long>(), layout, result.Span<long>(), reduction.Count, mean); break;
            }
        }
        if (result.DType.IsFloating() && GradientTape.For(input) is { } tape) RecordSumOrMean(tape, result, input, reduction, mean, op);
        return result;
    }

    private static void RecordSumOrMean(GradientTape tape, Tensor result, Tensor x, Reduction reduction, bool mean, string op) =>
        tape.Record(op, result, [x], (grad, inputs) =>
        {
            var kept = WithShape(grad, reduction.KeptShape);
            if (mean) kept = Divide(kept, reduction.Count);
            inputs.Add(0, Expand(kept, x.Shape));
        });

    private static Tensor Extremum(Tensor x, int[]? axes, bool keepDims, bool max, string op)
    {
        CheckNotNull(x, op, "x");
        if (x.DType == DType.Bool)
            return Cast(Extremum(Cast(x, DType.Int32), axes, keepDims, max, op), DType.Bool);
        var reduction = new Reduction(x.Shape, axes, keepDims, op);
        if (reduction.Count == 0 && reduction.OutputShape.Size > 0)
            throw new ArgumentException(
                $"{op}: cannot reduce over zero elements (axes [{string.Join(", ", reduction.Axes)}] of shape {x.Shape} are empty); the {(max ? "maximum" : "minimum")} of nothing is undefined.");
        var result = Tensor.Allocate(reduction.OutputShape, x.DType);
        if (result.Size > 0)
        {
            var layout = reduction.Layout;
            switch (x.DType)
            {
                case DType.Float32: ReduceKernel.Extremum(x.AsReadOnlySpan<float>(), layout, result.Span<float>(), max); break;
                case DType.Float64: ReduceKernel.Extremum(x.AsReadOnlySpan<double>(), layout, result.Span<double>(), max); break;
                case DType.Int32: ReduceKernel.Extremum(x.AsReadOnlySpan<int>(), layout, result.Span<int>(), max); break;
                case DType.Int64: ReduceKernel.Extremum(x.AsReadOnlySpan<long>(), layout, result.Span<long>(), max); break;
            }
        }
        if (result.DType.IsFloating() && GradientTape.For(x) is { } tape) RecordExtremum(tape, result, x, reduction, op);
        return result;
    }

    private static void RecordExtremum(GradientTape tape, Tensor result, Tensor x, Reduction reduction, string op) =>
        tape.Record(op, result, [x], (grad, inputs) =>
        {
            // Every element equal to the extremum shares the gradient equally.
            var selected = Cast(Equal(x, WithShape(result, reduction.KeptShape)), x.DType);
            var share = Divide(WithShape(grad, reduction.KeptShape), Sum(selected, reduction.Axes, keepDims: true));
            inputs.Add(0, Multiply(selected, share));
        });

    private static Tensor VarianceCore(Tensor x, int[]? axes, bool keepDims)
    {
        var input = FloatingInput(x, "Variance");
        var reduction = new Reduction(input.Shape, axes, keepDims, "Variance");
        int[] reduced = reduction.Axes;
        Tensor mean, result;
        using (GradientTape.NoGrad())
        {
            mean = Mean(input, reduced, keepDims: true);
            result = Mean(Square(Subtract(input, mean)), reduced, keepDims);
        }
        if (GradientTape.For(input) is { } tape) RecordVariance(tape, result, input, mean, reduction);
        return result;
    }

    private static void RecordVariance(GradientTape tape, Tensor result, Tensor x, Tensor mean, Reduction reduction) =>
        tape.Record("Variance", result, [x], (grad, inputs) =>
        {
            // d var / dx = 2(x - mean) / N; the mean's own dependence on x cancels because Σ(x - mean) = 0.
            var scale = Multiply(WithShape(grad, reduction.KeptShape), 2.0 / reduction.Count);
            inputs.Add(0, Multiply(Subtract(x, mean), scale));
        });

    private static Tensor LogSumExpCore(Tensor x, int[]? axes, bool keepDims)
    {
        var input = FloatingInput(x, "LogSumExp");
        var reduction = new Reduction(input.Shape, axes, keepDims, "LogSumExp");
        int[] reduced = reduction.Axes;
        Tensor kept;
        using (GradientTape.NoGrad())
        {
            if (reduction.Count == 0)
                kept = Tensor.Full(reduction.KeptShape, double.NegativeInfinity, input.DType);
            else
            {
                // Shifting by the maximum keeps exp in range; an infinite maximum is not a usable shift
                // (inf - inf = NaN), and 0 gives the right limits (+inf stays +inf, all -inf gives -inf).
                var shift = FiniteOrZero(Max(input, reduced, keepDims: true));
                kept = Add(Log(Sum(Exp(Subtract(input, shift)), reduced, keepDims: true)), shift);
            }
        }
        var result = WithShape(kept, reduction.OutputShape, copy: true);
        if (GradientTape.For(input) is { } tape) RecordLogSumExp(tape, result, input, kept, reduction);
        return result;
    }

    private static void RecordLogSumExp(GradientTape tape, Tensor result, Tensor x, Tensor kept, Reduction reduction) =>
        tape.Record("LogSumExp", result, [x], (grad, inputs) =>
            inputs.Add(0, Multiply(Exp(Subtract(x, kept)), WithShape(grad, reduction.KeptShape))));

    /// <summary>A copy of a float tensor with its infinities and NaNs replaced by 0.</summary>
    private static Tensor FiniteOrZero(Tensor x)
    {
        var result = x.Clone();
        if (x.DType == DType.Float32)
        {
            foreach (ref float v in result.Span<float>())
                if (!float.IsFinite(v)) v = 0;
        }
        else
        {
            foreach (ref double v in result.Span<double>())
                if (!double.IsFinite(v)) v = 0;
        }
        return result;
    }

    private static Tensor ArgExtremum(Tensor x, int? axis, bool keepDims, bool max, string op)
    {
        CheckNotNull(x, op, "x");
        var input = x.DType == DType.Bool ? Cast(x, DType.Int32) : x;
        var dims = input.Shape.Dims;
        int outer = 1, length, inner = 1;
        int[] outputDims;
        if (axis is null)
        {
            length = input.Size;
            outputDims = keepDims ? Enumerable.Repeat(1, input.Rank).ToArray() : [];
        }
        else
        {
            int a = Shape.NormalizeAxis(axis.Value, input.Rank, op);
            for (int i = 0; i < a; i++) outer *= dims[i];
            for (int i = a + 1; i < dims.Length; i++) inner *= dims[i];
            length = dims[a];
            var output = new List<int>(input.Rank);
            for (int i = 0; i < dims.Length; i++)
                if (i != a) output.Add(dims[i]);
                else if (keepDims) output.Add(1);
            outputDims = [.. output];
        }
        if (length == 0)
            throw new ArgumentException(
                $"{op}: cannot take the {(max ? "argmax" : "argmin")} of an empty sequence ({(axis is null ? "the tensor" : $"axis {axis}")} of shape {x.Shape} has no elements).");
        var result = Tensor.Allocate(Shape.FromOwned(outputDims), DType.Int32);
        var destination = result.Span<int>();
        switch (input.DType)
        {
            case DType.Float32: ReduceKernel.ArgExtremum(input.AsReadOnlySpan<float>(), outer, length, inner, destination, max); break;
            case DType.Float64: ReduceKernel.ArgExtremum(input.AsReadOnlySpan<double>(), outer, length, inner, destination, max); break;
            case DType.Int32: ReduceKernel.ArgExtremum(input.AsReadOnlySpan<int>(), outer, length, inner, destination, max); break;
            case DType.Int64: ReduceKernel.ArgExtremum(input.AsReadOnlySpan<long>(), outer, length, inner, destination, max); break;
        }
        return result;
    }

    /// <summary>
    /// The same elements under another shape of equal size (only size-1 axes differ in the reductions). Returns
    /// <paramref name="x"/> itself when the shape already matches, unless <paramref name="copy"/> asks for a fresh tensor.
    /// </summary>
    private static Tensor WithShape(Tensor x, Shape shape, bool copy = false)
    {
        if (x.Shape == shape && !copy) return x;
        var result = Tensor.Allocate(shape, x.DType);
        Tensor.CopyStorage(x, result);
        return result;
    }

    /// <summary>A new tensor of <paramref name="shape"/> holding <paramref name="x"/> broadcast to it (not recorded).</summary>
    internal static Tensor Expand(Tensor x, Shape shape)
    {
        if (x.Shape == shape) return x;
        var result = Tensor.Allocate(shape, x.DType);
        switch (x.DType)
        {
            case DType.Float32: ExpandKernel.Run(x.AsReadOnlySpan<float>(), x.Shape, result.Span<float>(), shape); break;
            case DType.Float64: ExpandKernel.Run(x.AsReadOnlySpan<double>(), x.Shape, result.Span<double>(), shape); break;
            case DType.Int32: ExpandKernel.Run(x.AsReadOnlySpan<int>(), x.Shape, result.Span<int>(), shape); break;
            case DType.Int64: ExpandKernel.Run(x.AsReadOnlySpan<long>(), x.Shape, result.Span<long>(), shape); break;
            case DType.Bool: ExpandKernel.Run(x.AsReadOnlySpan<bool>(), x.Shape, result.Span<bool>(), shape); break;
        }
        return result;
    }
}
