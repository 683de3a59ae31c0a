using Layers.Tests.Support;

namespace Layers.Tests.Operations;

public class CompareTests
{
    public static TheoryData<int[], int[]> BroadcastPairs => ArithmeticTests.BroadcastPairs;

    private static readonly (string Name, Func<Tensor, Tensor, Tensor> Op, Func<double, double, bool> Reference)[] Comparisons =
    [
        ("Equal", Ops.Equal, (x, y) => x == y),
        ("NotEqual", Ops.NotEqual, (x, y) => x != y),
        ("Less", Ops.Less, (x, y) => x < y),
        ("LessEqual", Ops.LessEqual, (x, y) => x <= y),
        ("Greater", Ops.Greater, (x, y) => x > y),
        ("GreaterEqual", Ops.GreaterEqual, (x, y) => x >= y),
    ];

    /// <summary>Values from a small set, so equal pairs are common and every comparison sees both outcomes.</summary>
    private static Tensor Discrete(int seed, int[] shape, DType dtype, out double[] values)
    {
        var rng = new Random(seed);
        double[] pool = [-1.5, -0.0, 0.0, 1.0, 2.0, double.NaN];
        if (!dtype.IsFloating()) pool = [-2, 0, 1, 3];
        values = Enumerable.Range(0, Reference.Size(shape)).Select(_ => pool[rng.Next(pool.Length)]).ToArray();
        return Ops.Cast(Tensor.FromArray(values, shape), dtype);
    }

    [Theory]
    [MemberData(nameof(BroadcastPairs))]
    public void Every_comparison_matches_the_reference_for_every_dtype(int[] shapeA, int[] shapeB)
    {
        foreach (var dtype in new[] { DType.Float32, DType.Float64, DType.Int32, DType.Int64 })
        {
            var a = Discrete(1, shapeA, dtype, out var av);
            var b = Discrete(2, shapeB, dtype, out var bv);
            foreach (var (name, op, reference) in Comparisons)
            {
                var expected = Reference.Binary(av, shapeA, bv, shapeB, (x, y) => reference(x, y) ? 1 : 0, out var shape);
                var result = op(a, b);
                Assert.Equal(DType.Bool, result.DType);
                Assert.Equal(new Shape(shape), result.Shape);
                Assert.True(expected.SequenceEqual(TestData.ToDoubles(result)), $"{name} on {dtype.Name()} {a.Shape} vs {b.Shape}");
            }
        }
    }

    [Fact]
    public void Odd_lengths_exercise_every_vector_tail()
    {
        foreach (int size in TestData.OddSizes.Append(31).Append(65).Append(129))
        {
            foreach (var dtype in new[] { DType.Float32, DType.Float64, DType.Int32, DType.Int64, DType.Bool })
            {
                var a = dtype == DType.Bool ? Ops.Greater(Discrete(size, [size], DType.Float64, out _), 0.5) : Discrete(size, [size], dtype, out _);
                var b = dtype == DType.Bool ? Ops.Greater(Discrete(size + 7, [size], DType.Float64, out _), 0.5) : Discrete(size + 7, [size], dtype, out _);
                var av = TestData.ToDoubles(a);
                var bv = TestData.ToDoubles(b);
                foreach (var (name, op, reference) in Comparisons)
                {
                    var expected = av.Zip(bv, (x, y) => reference(x, y) ? 1.0 : 0.0).ToArray();
                    Assert.True(expected.SequenceEqual(TestData.ToDoubles(op(a, b))), $"{name} on {dtype.Name()} of length {size}");
                    var scalarExpected = av.Select(x => reference(x, bv[0]) ? 1.0 : 0.0).ToArray();
                    Assert.True(scalarExpected.SequenceEqual(TestData.ToDoubles(op(a, Ops.Cast(Tensor.Scalar(bv[0], DType.Float64), b.DType)))), $"{name} vs scalar, {dtype.Name()} {size}");
                }
            }
        }
    }

    [Fact]
    public void Nan_compares_unequal_to_everything_and_signed_zeros_are_equal()
    {
        var a = Tensor.FromArray(new[] { double.NaN, -0.0, double.NaN });
        var b = Tensor.FromArray(new[] { double.NaN, 0.0, 1.0 });
        Assert.Equal(new[] { false, true, false }, Ops.Equal(a, b).ToArray<bool>());
        Assert.Equal(new[] { true, false, true }, Ops.NotEqual(a, b).ToArray<bool>());
        Assert.Equal(new[] { false, true, false }, Ops.LessEqual(a, b).ToArray<bool>());
        Assert.Equal(new[] { false, false, false }, Ops.Less(a, b).ToArray<bool>());
    }

    [Fact]
    public void Mixed_dtypes_are_promoted_before_comparing()
    {
        var i = Tensor.FromArray(new[] { 1, 2, 3 });
        var f = Tensor.FromArray(new[] { 1.5f, 2f, 2.5f });
        Assert.Equal(new[] { true, false, false }, Ops.Less(i, f).ToArray<bool>());
        Assert.Equal(new[] { false, true, false }, Ops.Equal(i, f).ToArray<bool>());
        var flags = Tensor.FromArray(new[] { true, false });
        Assert.Equal(new[] { false, true }, Ops.Less(flags, Tensor.FromArray(new[] { true, true })).ToArray<bool>());
    }

    [Fact]
    public void Operators_and_weak_scalars()
    {
        var x = Tensor.FromArray(new[] { 1f, 2f, 3f });
        Assert.Equal(new[] { true, false, false }, (x < 2).ToArray<bool>());
        Assert.Equal(new[] { true, true, false }, (x <= 2).ToArray<bool>());
        Assert.Equal(new[] { false, false, true }, (x > 2).ToArray<bool>());
        Assert.Equal(new[] { false, true, true }, (x >= 2).ToArray<bool>());
        Assert.Equal(new[] { false, false, true }, (2 < x).ToArray<bool>());
        Assert.Equal(new[] { true, true, false }, (2 >= x).ToArray<bool>());
        Assert.Equal(new[] { false, true, true }, (x >= Tensor.FromArray(new[] { 2f, 2f, 2f })).ToArray<bool>());
        // A fractional scalar against integers compares exactly rather than truncating the scalar.
        var i = Tensor.FromArray(new[] { 2, 3 });
        Assert.Equal(new[] { true, false }, (i < 2.5).ToArray<bool>());
        Assert.Equal(new[] { false, false }, Ops.Equal(i, 2.5).ToArray<bool>());
        Assert.Equal(new[] { true, false }, Ops.Equal(i, 2).ToArray<bool>());
        // 0.1 means float32(0.1) next to a float32 tensor, as a weakly typed scalar does in Keras and NumPy 2.
        Assert.Equal(new[] { true }, Ops.Equal(Tensor.FromArray(new[] { 0.1f }), 0.1).ToArray<bool>());
    }

    public static TheoryData<int[], int[], int[]> WhereShapes => new()
    {
        { [17], [17], [17] },
        { [3, 33], [33], [3, 1] },
        { [1], [4, 5], [] },
        { [2, 1, 5], [3, 1], [1, 1, 5] },
        { [], [7], [7] },
        { [4, 1], [1, 127], [4, 127] },
    };

    [Theory]
    [MemberData(nameof(WhereShapes))]
    public void Where_broadcasts_all_three_operands(int[] conditionShape, int[] xShape, int[] yShape)
    {
        var condition = Ops.Greater(TestData.Tensor(1, conditionShape, DType.Float64), 0.0);
        var cv = TestData.ToDoubles(condition);
        foreach (var dtype in new[] { DType.Float32, DType.Float64, DType.Int32, DType.Int64 })
        {
            var x = TestData.Tensor(2, xShape, out var xv, dtype, -9, 9);
            var y = TestData.Tensor(3, yShape, out var yv, dtype, -9, 9);
            int[] shape = Reference.BroadcastShape(conditionShape, Reference.BroadcastShape(xShape, yShape));
            var expected = new double[Reference.Size(shape)];
            for (int flat = 0; flat < expected.Length; flat++)
            {
                var index = Reference.Unravel(flat, shape);
                expected[flat] = cv[Reference.BroadcastSource(index, conditionShape)] != 0
                    ? xv[Reference.BroadcastSource(index, xShape)]
                    : yv[Reference.BroadcastSource(index, yShape)];
            }
            var result = Ops.Where(condition, x, y);
            Assert.Equal(dtype, result.DType);
            Assertions.Close(expected, result, rtol: 0, atol: 0, shape: new Shape(shape));
        }
    }

    [Theory]
    [MemberData(nameof(WhereShapes))]
    public void Where_gradients_flow_to_the_chosen_branch(int[] conditionShape, int[] xShape, int[] yShape)
    {
        var condition = Ops.Greater(TestData.Tensor(4, conditionShape, DType.Float64), 0.0);
        var x = TestData.Tensor(5, xShape, DType.Float64);
        var y = TestData.Tensor(6, yShape, DType.Float64);
        GradCheck.Check(t => Ops.Where(condition, t[0], t[1]), [x, y]);
    }

    [Fact]
    public void Where_accepts_numeric_conditions_bool_branches_and_scalars()
    {
        var condition = Tensor.FromArray(new[] { 0.0, 2.5, double.NaN });
        var x = Tensor.FromArray(new[] { 1f, 2f, 3f });
        Assert.Equal(new[] { -1f, 2f, 3f }, Ops.Where(condition, x, -1).ToArray<float>());
        Assert.Equal(new[] { 1f, 7f, 7f }, Ops.Where(condition, 7, x).ToArray<float>());
        var flags = Ops.Where(Tensor.FromArray(new[] { true, false }), Tensor.FromArray(new[] { true, true }), Tensor.FromArray(new[] { false, false }));
        Assert.Equal(new[] { true, false }, flags.ToArray<bool>());
        Assert.Equal(DType.Float64, Ops.Where(condition, Tensor.FromArray(new[] { 1, 2, 3 }), Tensor.FromArray(new[] { 1.0, 2.0, 3.0 })).DType);
    }

    [Fact]
    public void Logical_ops_broadcast_and_treat_nonzero_as_true()
    {
        var a = Tensor.From(new[,] { { true, false }, { true, true } });
        var b = Tensor.FromArray(new[] { false, true });
        Assert.Equal(new[] { false, false, false, true }, Ops.LogicalAnd(a, b).ToArray<bool>());
        Assert.Equal(new[] { true, true, true, true }, Ops.LogicalOr(a, b).ToArray<bool>());
        Assert.Equal(new[] { false, true, false, false }, Ops.LogicalNot(a).ToArray<bool>());
        var numbers = Tensor.FromArray(new[] { 0.0, -2.0, double.NaN });
        Assert.Equal(new[] { true, false, false }, Ops.LogicalNot(numbers).ToArray<bool>());
        Assert.Equal(new[] { false, true, true }, Ops.LogicalAnd(numbers, Tensor.Scalar(true)).ToArray<bool>());
        Assert.Equal(new[] { false, false, false }, Ops.LogicalAnd(numbers, Tensor.Scalar(false)).ToArray<bool>());
        Assert.Equal(new[] { true, true, true }, Ops.LogicalOr(Tensor.Scalar(true), numbers).ToArray<bool>());
        Assert.Equal(new[] { false, true, true }, Ops.LogicalOr(Tensor.Scalar(false), numbers).ToArray<bool>());
    }

    [Fact]
    public void Logical_ops_on_long_random_inputs_match_the_reference()
    {
        foreach (int size in TestData.OddSizes)
        {
            var a = Ops.Greater(TestData.Tensor(size, new Shape(size), out var av, DType.Float32), 0.0);
            var b = Ops.Greater(TestData.Tensor(size + 1, new Shape(size), out var bv, DType.Float32), 0.0);
            var and = av.Zip(bv, (x, y) => x > 0 && y > 0 ? 1.0 : 0.0).ToArray();
            var or = av.Zip(bv, (x, y) => x > 0 || y > 0 ? 1.0 : 0.0).ToArray();
            Assert.Equal(and, TestData.ToDoubles(Ops.LogicalAnd(a, b)));
            Assert.Equal(or, TestData.ToDoubles(Ops.LogicalOr(a, b)));
            Assert.Equal(av.Select(x => x > 0 ? 0.0 : 1.0).ToArray(), TestData.ToDoubles(Ops.LogicalNot(a)));
        }
    }

    [Fact]
    public void Errors_name_the_op_and_both_shapes()
    {
        Assertions.Throws<ArgumentException>(() => Ops.Less(Tensor.Zeros(2, 3), Tensor.Zeros(4)), "Less", "(2, 3)", "(4,)");
        Assertions.Throws<ArgumentException>(() => Ops.Where(Tensor.Zeros(3), Tensor.Zeros(2), Tensor.Zeros(2)), "Where", "(3,)", "(2,)");
        Assertions.Throws<ArgumentException>(() => Ops.LogicalOr(Tensor.Zeros(2), Tensor.Zeros(5)), "LogicalOr", "(2,)", "(5,)");
        Assertions.Throws<ArgumentNullException>(() => Ops.Equal(null!, Tensor.Zeros(1)), "Equal", "'a'");
    }
}
