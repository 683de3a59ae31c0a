using Layers.Tests.Support;

namespace Layers.Tests.Operations;

/// <summary>Pow, Maximum, Minimum and Clip.</summary>
public class BinaryElementwiseTests
{
    public static TheoryData<int[], int[]> BroadcastPairs => ArithmeticTests.BroadcastPairs;

    private static readonly (string Name, Func<Tensor, Tensor, Tensor> Op, Func<double, double, double> Reference)[] Operators =
    [
        ("pow", Ops.Pow, Math.Pow),
        ("maximum", Ops.Maximum, Math.Max),
        ("minimum", Ops.Minimum, Math.Min),
    ];

    [Theory]
    [MemberData(nameof(BroadcastPairs))]
    public void Float32_and_float64_match_the_reference_with_broadcasting(int[] shapeA, int[] shapeB)
    {
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            foreach (var (name, op, reference) in Operators)
            {
                var a = TestData.Tensor(31, shapeA, out var av, dtype, 0.2, 3);
                var b = TestData.Tensor(32, shapeB, out var bv, dtype, -2, 2);
                var expected = Reference.Binary(av, shapeA, bv, shapeB, reference, out var shape);
                double rtol = dtype == DType.Float32 ? 2e-6 : 1e-14;
                Assertions.Close(expected, op(a, b), rtol, shape: new Shape(shape));
                if (name != "pow")
                    Assertions.Close(Reference.Binary(bv, shapeB, av, shapeA, reference, out _), op(b, a), rtol, shape: new Shape(shape));
            }
        }
    }

    [Theory]
    [MemberData(nameof(BroadcastPairs))]
    public void Gradients_match_finite_differences(int[] shapeA, int[] shapeB)
    {
        // Positive bases for pow (its exponent gradient needs log x); distinct values so max/min have no ties.
        var a = TestData.Tensor(33, shapeA, DType.Float64, 0.5, 2);
        var b = TestData.Tensor(34, shapeB, DType.Float64, -1.5, 1.5);
        foreach (var (_, op, _) in Operators)
            GradCheck.Check(x => op(x[0], x[1]), [a, b]);
    }

    [Fact]
    public void Ties_send_the_whole_gradient_to_the_first_operand_as_in_TensorFlow()
    {
        var a = Tensor.FromArray(new[] { 1.0, 2.0, 3.0 }, 3);
        var b = Tensor.FromArray(new[] { 1.0, 5.0, 0.0 }, 3);
        foreach (var op in new Func<Tensor, Tensor, Tensor>[] { Ops.Maximum, Ops.Minimum })
        {
            using var tape = new GradientTape();
            tape.Watch(a);
            tape.Watch(b);
            var grads = tape.Gradient(op(a, b), [a, b]);
            bool max = op == Ops.Maximum;
            Assert.Equal(max ? new[] { 1.0, 0.0, 1.0 } : new[] { 1.0, 1.0, 0.0 }, grads[0].ToArray<double>());
            Assert.Equal(max ? new[] { 0.0, 1.0, 0.0 } : new[] { 0.0, 0.0, 1.0 }, grads[1].ToArray<double>());
        }
    }

    [Fact]
    public void Maximum_and_minimum_propagate_nan_and_order_signed_zeros()
    {
        var a = Tensor.FromArray(new[] { double.NaN, 1.0, -0.0 }, 3);
        var b = Tensor.FromArray(new[] { 1.0, double.NaN, 0.0 }, 3);
        var max = Ops.Maximum(a, b).ToArray<double>();
        var min = Ops.Minimum(a, b).ToArray<double>();
        Assert.True(double.IsNaN(max[0]) && double.IsNaN(max[1]) && double.IsNaN(min[0]) && double.IsNaN(min[1]));
        Assert.False(double.IsNegative(max[2]));
        Assert.True(double.IsNegative(min[2]));
    }

    [Fact]
    public void Integer_maximum_minimum_and_pow_stay_integer()
    {
        var a = Tensor.FromArray(new[] { 2, -3, 7 });
        var b = Tensor.FromArray(new[] { 3, 2, 0 });
        Assert.Equal(new[] { 3, 2, 7 }, Ops.Maximum(a, b).ToArray<int>());
        Assert.Equal(new[] { 2, -3, 0 }, Ops.Minimum(a, b).ToArray<int>());
        Assert.Equal(new[] { 8, 9, 1 }, Ops.Pow(a, b).ToArray<int>());
        Assert.Equal(new[] { 8L, -27L, 343L }, Ops.Pow(Ops.Cast(a, DType.Int64), 3).ToArray<long>());
        Assert.Equal(DType.Int32, Ops.Maximum(a, 1).DType);
        var promoted = Ops.Maximum(a, 2.5);
        Assert.Equal(DType.Float32, promoted.DType);
        Assert.Equal(new[] { 2.5f, 2.5f, 7f }, promoted.ToArray<float>());
        Assertions.Throws<ArgumentException>(() => Ops.Pow(a, Tensor.FromArray(new[] { 1, -1, 2 })), "Pow", "negative", "float");
    }

    [Fact]
    public void Scalar_exponents_are_weakly_typed()
    {
        var f = Tensor.FromArray(new[] { 4f, 9f });
        Assert.Equal(new[] { 2f, 3f }, Ops.Pow(f, 0.5).ToArray<float>());
        Assert.Equal(new[] { 16f, 81f }, Ops.Pow(f, 2).ToArray<float>());
        var i = Tensor.FromArray(new[] { 4, 9 });
        Assert.Equal(DType.Int32, Ops.Pow(i, 2).DType);
        var root = Ops.Pow(i, 0.5);
        Assert.Equal(DType.Float32, root.DType);
        Assert.Equal(new[] { 2f, 3f }, root.ToArray<float>());
    }

    [Fact]
    public void Pow_gradient_is_finite_at_zero_to_the_zero()
    {
        var x = Tensor.FromArray(new[] { 0.0, 0.0, 2.0 }, 3);
        var y = Tensor.FromArray(new[] { 0.0, 2.0, 3.0 }, 3);
        using var tape = new GradientTape();
        tape.Watch(x);
        tape.Watch(y);
        var grads = tape.Gradient(Ops.Pow(x, y), [x, y]);
        Assert.Equal(new[] { 0.0, 0.0, 12.0 }, grads[0].ToArray<double>());
        // ∂/∂y = x^y·log x where x > 0, else 0 (TensorFlow's convention).
        Assertions.Close([0, 0, 8 * Math.Log(2)], grads[1], rtol: 1e-15);
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void Clip_matches_the_reference_on_odd_sizes(DType dtype)
    {
        foreach (int size in TestData.OddSizes)
        {
            var x = TestData.Tensor(size, new Shape(size), out var values, dtype, -3, 3);
            Assertions.Close(values.Select(v => Math.Min(Math.Max(v, -1.25), 0.5)).ToArray(), Ops.Clip(x, -1.25, 0.5), rtol: 0, atol: 0);
        }
    }

    [Fact]
    public void Clip_gradient_passes_inside_the_bounds_inclusive()
    {
        var x = Tensor.FromArray(new[] { -2.0, -1.0, 0.3, 1.0, 2.0 }, 5);
        using (var tape = new GradientTape())
        {
            tape.Watch(x);
            Assert.Equal(new[] { 0.0, 1.0, 1.0, 1.0, 0.0 }, tape.Gradient(Ops.Clip(x, -1, 1), [x])[0].ToArray<double>());
        }
        var inside = TestData.Tensor(35, new Shape(3, 7), DType.Float64, -3, 3);
        GradCheck.Check(t => Ops.Clip(t[0], -1.1, 1.3), [inside]);
    }

    [Fact]
    public void Clip_handles_integers_nan_and_crossed_bounds_like_numpy()
    {
        var i = Tensor.FromArray(new[] { -5, 0, 5 });
        Assert.Equal(new[] { -2, 0, 3 }, Ops.Clip(i, -2, 3).ToArray<int>());
        Assert.Equal(new[] { 0, 1, 1 }, Ops.Clip(Tensor.FromArray(new[] { false, true, true }), 0, 1).ToArray<int>());
        Assert.True(double.IsNaN(Ops.Clip(Tensor.FromArray(new[] { double.NaN }, 1), 0, 1).ToArray<double>()[0]));
        Assert.Equal(new[] { 1.0, 1.0 }, Ops.Clip(Tensor.FromArray(new[] { -3.0, 3.0 }, 2), 2, 1).ToArray<double>());
        Assertions.Throws<ArgumentException>(() => Ops.Clip(i, 0.5, 2), "Clip", "int32", "whole-number");
        Assertions.Throws<ArgumentException>(() => Ops.Clip(i, double.NaN, 2), "Clip", "bounds");
    }

    [Fact]
    public void Errors_name_the_op_the_shapes_and_the_dtype()
    {
        Assertions.Throws<ArgumentException>(() => Ops.Maximum(Tensor.Zeros(2, 3), Tensor.Zeros(4)), "Maximum", "(2, 3)", "(4,)");
        Assertions.Throws<ArgumentException>(() => Ops.Pow(Tensor.FromArray(new[] { true }), Tensor.Zeros(1)), "Pow", "bool");
        Assertions.Throws<ArgumentException>(() => Ops.Minimum(Tensor.FromArray(new[] { true }), 1), "Minimum", "bool");
    }
}
