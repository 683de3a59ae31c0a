using Layers.Tests.Kernels;
using Layers.Tests.Support;

namespace Layers.Tests.Operations;

public class MatMulTests
{
    /// <summary>Shape of a, shape of b, transposeA, transposeB: plain, batched, broadcast, vector and empty cases.</summary>
    public static TheoryData<int[], int[], bool, bool> Cases => new()
    {
        { [3, 4], [4, 5], false, false },
        { [4, 3], [4, 5], true, false },
        { [3, 4], [5, 4], false, true },
        { [4, 3], [5, 4], true, true },
        { [1, 17], [17, 1], false, false },
        { [17, 1], [1, 33], false, false },
        { [7], [7, 3], false, false },
        { [7], [3, 7], false, true },
        { [3, 7], [7], false, false },
        { [7, 3], [7], true, false },
        { [7], [7], false, false },
        { [2, 3, 4], [4, 5], false, false },
        { [2, 4, 3], [4, 5], true, false },
        { [2, 3, 4], [2, 5, 4], false, true },
        { [3, 4], [2, 4, 5], false, false },
        { [2, 1, 4, 5], [3, 5, 6], false, false },
        { [2, 1, 5, 4], [3, 6, 5], true, true },
        { [1, 3, 4], [2, 1, 4, 2], false, false },
        { [5], [2, 5, 3], false, false },
        { [2, 4, 5], [5], false, false },
        { [2, 5, 4], [5], true, false },
        { [0, 3], [3, 4], false, false },
        { [2, 0], [0, 3], false, false },
        { [0, 2, 3], [3, 4], false, false },
        { [1, 2, 3], [0, 3, 4], false, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Float64_matches_reference(int[] shapeA, int[] shapeB, bool ta, bool tb)
    {
        var a = TestData.Tensor(1, shapeA, out var av, DType.Float64);
        var b = TestData.Tensor(2, shapeB, out var bv, DType.Float64);
        var expected = MatMulReference(av, shapeA, ta, bv, shapeB, tb, out var shape, out var magnitude, out int k);
        var result = Ops.MatMul(a, b, ta, tb);
        Assert.Equal(new Shape(shape), result.Shape);
        AssertWithinBound(expected, magnitude, k, GemmReference.Float64Roundoff, result);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Float32_matches_reference(int[] shapeA, int[] shapeB, bool ta, bool tb)
    {
        var a = TestData.Tensor(3, shapeA, out var av);
        var b = TestData.Tensor(4, shapeB, out var bv);
        var expected = MatMulReference(av, shapeA, ta, bv, shapeB, tb, out var shape, out var magnitude, out int k);
        var result = Ops.MatMul(a, b, ta, tb);
        Assert.Equal(DType.Float32, result.DType);
        Assert.Equal(new Shape(shape), result.Shape);
        AssertWithinBound(expected, magnitude, k, GemmReference.Float32Roundoff, result);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gradients_match_finite_differences(int[] shapeA, int[] shapeB, bool ta, bool tb)
    {
        var a = TestData.Tensor(5, shapeA, DType.Float64);
        var b = TestData.Tensor(6, shapeB, DType.Float64);
        GradCheck.Check(x => Ops.MatMul(x[0], x[1], ta, tb), [a, b]);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Float32_gradients_match_float64_gradients(int[] shapeA, int[] shapeB, bool ta, bool tb)
    {
        var a64 = TestData.Tensor(7, shapeA, DType.Float64);
        var b64 = TestData.Tensor(8, shapeB, DType.Float64);
        var expected = Gradients(a64, b64, ta, tb);
        var actual = Gradients(Ops.Cast(a64, DType.Float32), Ops.Cast(b64, DType.Float32), ta, tb);
        for (int i = 0; i < 2; i++)
        {
            Assert.Equal(DType.Float32, actual[i].DType);
            // Each gradient element is a float32 sum of at most (result size) terms of magnitude <= ~1.5.
            Assertions.Close(TestData.ToDoubles(expected[i]), actual[i], rtol: 1e-5, atol: 1e-5, shape: expected[i].Shape);
        }
    }

    [Fact]
    public void Result_shapes_follow_numpy()
    {
        Assert.Equal(new Shape(2, 3, 4, 6), Ops.MatMul(Tensor.Zeros(2, 1, 4, 5), Tensor.Zeros(3, 5, 6)).Shape);
        Assert.Equal(new Shape(3), Ops.MatMul(Tensor.Zeros(4), Tensor.Zeros(4, 3)).Shape);
        Assert.Equal(new Shape(2), Ops.MatMul(Tensor.Zeros(2, 4), Tensor.Zeros(4)).Shape);
        Assert.Equal(Shape.Scalar, Ops.MatMul(Tensor.Zeros(4), Tensor.Zeros(4)).Shape);
        Assert.Equal(new Shape(2, 3), Ops.MatMul(Tensor.Zeros(4), Tensor.Zeros(2, 4, 3)).Shape);
        Assert.Equal(new Shape(6, 2), Ops.MatMul(Tensor.Zeros(5, 6), Tensor.Zeros(2, 5), transposeA: true, transposeB: true).Shape);
    }

    [Fact]
    public void Empty_contraction_gives_zeros()
    {
        var result = Ops.MatMul(Tensor.Zeros(2, 0), Tensor.Zeros(0, 3));
        Assert.Equal(new double[6], TestData.ToDoubles(result));
    }

    [Theory]
    [InlineData(DType.Int32)]
    [InlineData(DType.Int64)]
    public void Integer_matmul_is_exact_and_not_differentiable(DType dtype)
    {
        int[] shapeA = [2, 1, 5, 7], shapeB = [3, 7, 4];
        var a = TestData.Tensor(9, shapeA, out var av, dtype, -20, 20);
        var b = TestData.Tensor(10, shapeB, out var bv, dtype, -20, 20);
        var expected = MatMulReference(av, shapeA, false, bv, shapeB, false, out var shape, out _, out _);
        using var tape = new GradientTape();
        tape.Watch(a);
        var result = Ops.MatMul(a, b);
        Assert.Equal(dtype, result.DType);
        Assert.Equal(new Shape(shape), result.Shape);
        Assert.Equal(expected, TestData.ToDoubles(result));
        Assert.Equal(0, tape.RecordedOps);
    }

    [Fact]
    public void Large_batched_and_folded_products_on_every_path_match_reference()
    {
        // Big enough for the packed kernels and the second thread; covers stacked-rows folding,
        // batch-parallel stacks, and (through the gradients) depth folding.
        foreach (var path in new[] { GemmPath.Vector512, GemmPath.Vector256, GemmPath.Scalar })
        {
            using var scope = GemmConfig.Override(path);
            foreach (var (shapeA, shapeB, ta, tb) in new (int[], int[], bool, bool)[]
            {
                ([3, 70, 130], [130, 90], false, false),
                ([3, 130, 70], [90, 130], true, true),
                ([4, 40, 33], [4, 33, 29], false, false),
                ([2, 1, 33, 40], [3, 29, 33], true, true),
            })
            {
                var a = TestData.Tensor(11, shapeA, out var av);
                var b = TestData.Tensor(12, shapeB, out var bv);
                var expected = MatMulReference(av, shapeA, ta, bv, shapeB, tb, out var shape, out var magnitude, out int k);
                var result = Ops.MatMul(a, b, ta, tb);
                Assert.Equal(new Shape(shape), result.Shape);
                AssertWithinBound(expected, magnitude, k, GemmReference.Float32Roundoff, result);
            }
        }
    }

    [Fact]
    public void Gradients_of_a_dense_layer_on_a_sequence_match_finite_differences()
    {
        // (batch, time, features)·(features, units): the forward folds batch into rows, dW folds it into depth.
        var x = TestData.Tensor(13, new Shape(3, 4, 5), DType.Float64);
        var w = TestData.Tensor(14, new Shape(5, 6), DType.Float64);
        GradCheck.Check(t => Ops.MatMul(t[0], t[1]), [x, w]);
        GradCheck.Check(t => Ops.MatMul(t[0], t[1], transposeB: true), [x, TestData.Tensor(15, new Shape(6, 5), DType.Float64)]);
    }

    [Fact]
    public void Only_requested_gradients_are_computed()
    {
        var x = TestData.Tensor(16, new Shape(3, 4), DType.Float64);
        var w = new Variable(TestData.Tensor(17, new Shape(4, 2), DType.Float64), "w");
        using var tape = new GradientTape();
        var y = Ops.MatMul(x, w.Value);
        var grads = tape.Gradient(y, [w]);
        // dW = xᵀ·1 : column sums of x repeated for each unit.
        var xv = TestData.ToDoubles(x);
        var expected = new double[8];
        for (int p = 0; p < 4; p++)
            for (int j = 0; j < 2; j++)
                for (int i = 0; i < 3; i++) expected[p * 2 + j] += xv[i * 4 + p];
        Assertions.Close(expected, grads[0], rtol: 1e-12, atol: 1e-12, shape: new Shape(4, 2));
    }

    [Fact]
    public void Scalar_operands_are_rejected()
    {
        Assertions.Throws<ArgumentException>(() => Ops.MatMul(Tensor.Scalar(2f), Tensor.Zeros(3, 4)),
            "MatMul", "a ()", "b (3, 4)", "transposeA: false", "transposeB: false", "scalar", "rank >= 1", "Ops.Multiply");
        Assertions.Throws<ArgumentException>(() => Ops.MatMul(Tensor.Zeros(3), Tensor.Scalar(2f), transposeA: false, transposeB: true),
            "MatMul", "a (3,)", "b ()", "transposeB: true", "b is a scalar");
    }

    [Fact]
    public void Mismatched_inner_dimensions_are_rejected()
    {
        Assertions.Throws<ArgumentException>(() => Ops.MatMul(Tensor.Zeros(2, 3), Tensor.Zeros(4, 5)),
            "MatMul", "a (2, 3)", "b (4, 5)", "transposeA: false", "transposeB: false", "3 columns", "4 rows",
            "b with 3 rows", "or 3 columns with transposeB: true");
        Assertions.Throws<ArgumentException>(() => Ops.MatMul(Tensor.Zeros(2, 3), Tensor.Zeros(3, 5), transposeA: true),
            "MatMul", "a (2, 3)", "b (3, 5)", "transposeA: true", "2 columns", "3 rows");
        Assertions.Throws<ArgumentException>(() => Ops.MatMul(Tensor.Zeros(3), Tensor.Zeros(4)),
            "MatMul", "a (3,)", "b (4,)", "3 columns", "4 rows");
    }

    [Fact]
    public void Non_broadcastable_batch_dimensions_are_rejected()
    {
        Assertions.Throws<ArgumentException>(() => Ops.MatMul(Tensor.Zeros(2, 3, 4, 5), Tensor.Zeros(4, 5, 6)),
            "MatMul", "a (2, 3, 4, 5)", "b (4, 5, 6)", "transposeA: false", "transposeB: false",
            "batch dimensions (2, 3) and (4,)", "sizes 3 and 4", "equal or 1");
    }

    [Fact]
    public void Mismatched_and_bool_dtypes_are_rejected()
    {
        Assertions.Throws<ArgumentException>(() => Ops.MatMul(Tensor.Zeros(2, 3), Tensor.Zeros(new Shape(3, 4), DType.Float64)),
            "MatMul", "a (2, 3)", "b (3, 4)", "transposeA: false", "float32 and float64", "same dtype", "Ops.Cast");
        Assertions.Throws<ArgumentException>(() => Ops.MatMul(Tensor.Zeros(new Shape(2, 3), DType.Bool), Tensor.Zeros(new Shape(3, 4), DType.Bool)),
            "MatMul", "a (2, 3)", "b (3, 4)", "bool", "float32, float64, int32 and int64");
    }

    [Fact]
    public void Transposing_a_vector_is_rejected()
    {
        Assertions.Throws<ArgumentException>(() => Ops.MatMul(Tensor.Zeros(3), Tensor.Zeros(3, 4), transposeA: true),
            "MatMul", "a (3,)", "b (3, 4)", "transposeA: true", "transposeA needs a matrix", "pass false");
        Assertions.Throws<ArgumentException>(() => Ops.MatMul(Tensor.Zeros(4, 3), Tensor.Zeros(3), transposeB: true),
            "MatMul", "a (4, 3)", "b (3,)", "transposeB: true", "transposeB needs a matrix");
    }

    [Fact]
    public void Null_operands_are_rejected()
    {
        Assertions.Throws<ArgumentNullException>(() => Ops.MatMul(null!, Tensor.Zeros(2, 2)), "MatMul", "'a'");
        Assertions.Throws<ArgumentNullException>(() => Ops.MatMul(Tensor.Zeros(2, 2), null!), "MatMul", "'b'");
    }

    private static Tensor[] Gradients(Tensor a, Tensor b, bool ta, bool tb)
    {
        using var tape = new GradientTape();
        tape.Watch(a);
        tape.Watch(b);
        var y = Ops.MatMul(a, b, ta, tb);
        var weights = TestData.Tensor(99, y.Shape, y.DType, 0.5, 1.5);
        return tape.Gradient(Ops.Multiply(y, weights), [a, b]);
    }

    private static void AssertWithinBound(double[] expected, double[] magnitude, int k, double roundoff, Tensor actual)
    {
        var values = TestData.ToDoubles(actual);
        Assert.Equal(expected.Length, values.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double tolerance = GemmReference.Tolerance(magnitude[i], k, roundoff);
            if (!(Math.Abs(expected[i] - values[i]) <= tolerance))
                Assert.Fail($"Element {i} of {actual.Shape}: expected {expected[i]:R}, got {values[i]:R} (bound {tolerance:E3}).");
        }
    }

    /// <summary>
    /// NumPy matmul in float64, written from its definition: promote vectors, broadcast the batch
    /// axes, sum products over the inner axis, drop the promoted axes.
    /// </summary>
    private static double[] MatMulReference(double[] a, int[] shapeA, bool ta, double[] b, int[] shapeB, bool tb,
        out int[] shape, out double[] magnitude, out int k)
    {
        int[] la = shapeA.Length == 1 ? [1, shapeA[0]] : shapeA;
        int[] lb = shapeB.Length == 1 ? [shapeB[0], 1] : shapeB;
        int ra = la[^2], ca = la[^1], rb = lb[^2], cb = lb[^1];
        int m = ta ? ca : ra;
        k = ta ? ra : ca;
        int n = tb ? rb : cb;
        int[] batchA = la[..^2], batchB = lb[..^2];
        int[] batch = BroadcastBatch(batchA, batchB);
        int count = Reference.Size(batch);
        var result = new double[count * m * n];
        magnitude = new double[result.Length];
        for (int t = 0; t < count; t++)
        {
            var index = Reference.Unravel(t, batch);
            int baseA = Reference.BroadcastSource(index, batchA) * ra * ca;
            int baseB = Reference.BroadcastSource(index, batchB) * rb * cb;
            for (int i = 0; i < m; i++)
                for (int j = 0; j < n; j++)
                {
                    double sum = 0, abs = 0;
                    for (int p = 0; p < k; p++)
                    {
                        double x = a[baseA + (ta ? p * ca + i : i * ca + p)];
                        double y = b[baseB + (tb ? j * cb + p : p * cb + j)];
                        sum += x * y;
                        abs += Math.Abs(x * y);
                    }
                    result[(t * m + i) * n + j] = sum;
                    magnitude[(t * m + i) * n + j] = abs;
                }
        }
        var dims = new List<int>(batch);
        if (shapeA.Length > 1) dims.Add(m);
        if (shapeB.Length > 1) dims.Add(n);
        shape = [.. dims];
        return result;
    }

    /// <summary>NumPy broadcast of two batch shapes, where a 1 stretches to any size, including 0.</summary>
    private static int[] BroadcastBatch(int[] a, int[] b)
    {
        int rank = Math.Max(a.Length, b.Length);
        var result = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            int da = i - (rank - a.Length) >= 0 ? a[i - (rank - a.Length)] : 1;
            int db = i - (rank - b.Length) >= 0 ? b[i - (rank - b.Length)] : 1;
            Assert.True(da == db || da == 1 || db == 1);
            result[i] = da == 1 ? db : da;
        }
        return result;
    }
}
