using Layers.Tests.Support;

namespace Layers.Tests.Operations;

public class ArithmeticTests
{
    public static TheoryData<int[], int[]> BroadcastPairs => new()
    {
        { [17], [17] },
        { [3, 33], [33] },
        { [3, 33], [3, 1] },
        { [1], [127] },
        { [], [2, 5] },
        { [4, 1, 7], [3, 1] },
        { [2, 3, 1, 5], [3, 17, 1] },
        { [1, 1], [1] },
        { [5, 1, 3], [1, 4, 1] },
        { [1000], [] },
    };

    private static readonly (string Name, Func<Tensor, Tensor, Tensor> Op, Func<double, double, double> Reference)[] Operators =
    [
        ("add", Ops.Add, (x, y) => x + y),
        ("subtract", Ops.Subtract, (x, y) => x - y),
        ("multiply", Ops.Multiply, (x, y) => x * y),
        ("divide", Ops.Divide, (x, y) => x / y),
    ];

    [Theory]
    [MemberData(nameof(BroadcastPairs))]
    public void Float32_matches_float64_reference_with_broadcasting(int[] shapeA, int[] shapeB)
    {
        foreach (var (_, op, reference) in Operators)
        {
            var a = TestData.Tensor(1, shapeA, out var av, low: 0.5, high: 2);
            var b = TestData.Tensor(2, shapeB, out var bv, low: 0.5, high: 2);
            var expected = Reference.Binary(av, shapeA, bv, shapeB, reference, out var shape);
            Assertions.Close(expected, op(a, b), rtol: 1e-6, shape: new Shape(shape));
            var swapped = Reference.Binary(bv, shapeB, av, shapeA, reference, out _);
            Assertions.Close(swapped, op(b, a), rtol: 1e-6, shape: new Shape(shape));
        }
    }

    [Theory]
    [MemberData(nameof(BroadcastPairs))]
    public void Gradients_match_finite_differences(int[] shapeA, int[] shapeB)
    {
        foreach (var (_, op, _) in Operators)
        {
            var a = TestData.Tensor(3, shapeA, DType.Float64, 0.5, 2);
            var b = TestData.Tensor(4, shapeB, DType.Float64, 0.5, 2);
            GradCheck.Check(x => op(x[0], x[1]), [a, b]);
        }
    }

    [Fact]
    public void Same_tensor_on_both_sides_accumulates_both_gradients()
    {
        var x = TestData.Tensor(5, new Shape(3, 4), DType.Float64);
        GradCheck.Check(t => Ops.Multiply(t[0], t[0]), [x]);
        GradCheck.Check(t => Ops.Add(t[0], t[0]), [x]);
    }

    [Fact]
    public void Integer_arithmetic_stays_integer_and_promotes_with_floats()
    {
        var i = Tensor.FromArray(new[] { 1, 2, 3 });
        var f = Tensor.FromArray(new[] { 0.5f, 0.5f, 0.5f });
        Assert.Equal(DType.Int32, (i + i).DType);
        Assert.Equal(new[] { 2, 4, 6 }, (i + i).ToArray<int>());
        var mixed = i + f;
        Assert.Equal(DType.Float32, mixed.DType);
        Assert.Equal(new[] { 1.5f, 2.5f, 3.5f }, mixed.ToArray<float>());
        Assert.Equal(DType.Float64, (f + Tensor.FromArray(new[] { 1.0, 2.0, 3.0 })).DType);
    }

    [Fact]
    public void Scalar_operands_are_weakly_typed()
    {
        var f = Tensor.FromArray(new[] { 1f, 2f });
        var scaled = 0.5 * f;
        Assert.Equal(DType.Float32, scaled.DType);
        Assert.Equal(new[] { 0.5f, 1f }, scaled.ToArray<float>());
        Assert.Equal(new[] { 0f, -1f }, (1 - f).ToArray<float>());
        Assert.Equal(new[] { 2f, 1f }, (2 / f).ToArray<float>());
        Assert.Equal(new[] { -1f, -2f }, (-f).ToArray<float>());
        var i = Tensor.FromArray(new[] { 1, 2 });
        Assert.Equal(DType.Int32, (i * 3).DType);
        var half = i + 0.5;
        Assert.Equal(DType.Float32, half.DType);
        Assert.Equal(new[] { 1.5f, 2.5f }, half.ToArray<float>());
    }

    [Fact]
    public void Incompatible_shapes_name_the_op_both_shapes_and_the_rule()
    {
        var a = Tensor.Zeros(2, 3);
        var b = Tensor.Zeros(4);
        Assertions.Throws<ArgumentException>(() => Ops.Add(a, b), "Add", "(2, 3)", "(4,)", "equal, or one of them 1");
        Assertions.Throws<ArgumentException>(() => _ = a * b, "Multiply", "(2, 3)", "(4,)");
    }

    [Fact]
    public void Bool_arithmetic_is_rejected()
    {
        var b = Tensor.FromArray(new[] { true, false });
        Assertions.Throws<ArgumentException>(() => Ops.Add(b, b), "Add", "bool", "cast");
    }
}
