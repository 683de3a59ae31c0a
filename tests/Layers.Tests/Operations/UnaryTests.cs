using Layers.Tests.Support;
using R = Layers.Tests.Support.ElementwiseReference;

namespace Layers.Tests.Operations;

public class UnaryTests
{
    /// <summary>An op, its float64 reference, the input range to test it on, and the float64 tolerance it meets.</summary>
    /// <remarks>
    /// float32 tolerances are a few ulps times the function's condition number: where the result is an exponential
    /// of a float32 intermediate of magnitude ~16 (the tanh-GELU tail), that intermediate's rounding alone moves the
    /// result by ~1e-6 relative.
    /// </remarks>
    public sealed record Case(string Name, Func<Tensor, Tensor> Op, Func<double, double> Reference, double Low, double High, double Rtol64 = 1e-14, double Rtol32 = 1e-6)
    {
        public override string ToString() => Name;
    }

    public static readonly Case[] Cases =
    [
        new("Abs", Ops.Abs, Math.Abs, -3, 3),
        new("Square", Ops.Square, v => v * v, -3, 3),
        new("Sign", Ops.Sign, R.Sign, -3, 3),
        new("Exp", Ops.Exp, Math.Exp, -20, 20),
        new("Log", Ops.Log, Math.Log, 1e-3, 50),
        new("Sqrt", Ops.Sqrt, Math.Sqrt, 0, 50),
        new("Rsqrt", Ops.Rsqrt, v => 1 / Math.Sqrt(v), 1e-3, 50),
        new("Relu", Ops.Relu, v => Math.Max(v, 0), -3, 3),
        new("Sigmoid", Ops.Sigmoid, R.Sigmoid, -40, 40),
        new("Tanh", Ops.Tanh, Math.Tanh, -8, 8),
        new("Gelu", x => Ops.Gelu(x), R.Gelu, -5.5, 5.5, Rtol64: 1e-12),
        new("GeluTanh", x => Ops.Gelu(x, approximate: true), R.GeluTanh, -5, 5, Rtol64: 1e-13, Rtol32: 4e-6),
        new("Silu", Ops.Silu, R.Silu, -30, 30),
        new("Softplus", Ops.Softplus, R.Softplus, -40, 40),
        new("Elu", x => Ops.Elu(x), v => R.Elu(v, 1.0), -15, 5),
        new("Elu(0.3)", x => Ops.Elu(x, 0.3), v => R.Elu(v, 0.3), -15, 5),
    ];

    public static TheoryData<Case> AllCases()
    {
        var data = new TheoryData<Case>();
        foreach (var c in Cases) data.Add(c);
        return data;
    }

    [Theory]
    [MemberData(nameof(AllCases))]
    public void Float32_matches_the_float64_reference_on_odd_sizes(Case c)
    {
        foreach (int size in TestData.OddSizes)
        {
            var x = TestData.Tensor(size, new Shape(size), out var values, DType.Float32, c.Low, c.High);
            var result = c.Op(x);
            Assert.Equal(DType.Float32, result.DType);
            // float32 results: a few ulps of the exact value, plus a floor for results that round to ~0.
            Assertions.Close(values.Select(c.Reference).ToArray(), result, rtol: c.Rtol32, atol: 1e-30, shape: x.Shape);
        }
    }

    [Theory]
    [MemberData(nameof(AllCases))]
    public void Float64_matches_the_reference_to_a_few_ulps(Case c)
    {
        foreach (int size in TestData.OddSizes)
        {
            var x = TestData.Tensor(size + 100, new Shape(size), out var values, DType.Float64, c.Low, c.High);
            var result = c.Op(x);
            Assert.Equal(DType.Float64, result.DType);
            Assertions.Close(values.Select(c.Reference).ToArray(), result, rtol: c.Rtol64, atol: 1e-300, shape: x.Shape);
        }
    }

    [Theory]
    [MemberData(nameof(AllCases))]
    public void Keeps_any_shape_and_returns_a_new_tensor(Case c)
    {
        var x = TestData.Tensor(11, new Shape(3, 1, 17), DType.Float32, Math.Max(c.Low, 0.5), Math.Min(c.High, 2));
        var before = x.ToArray<float>();
        var result = c.Op(x);
        Assert.Equal(x.Shape, result.Shape);
        Assert.NotSame(x, result);
        Assert.Equal(before, x.ToArray<float>());
        Assert.Equal(new Shape(), c.Op(Tensor.Scalar(1f)).Shape);
        Assert.Equal(new Shape(0, 4), c.Op(Tensor.Zeros(0, 4)).Shape);
    }

    [Theory]
    [MemberData(nameof(AllCases))]
    public void Nan_propagates(Case c)
    {
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            var x = Tensor.Full(new Shape(19), double.NaN, dtype);
            Assert.All(TestData.ToDoubles(c.Op(x)), v => Assert.True(double.IsNaN(v), $"{c.Name} {dtype.Name()} gave {v} for NaN"));
        }
    }

    [Theory]
    [MemberData(nameof(AllCases))]
    public void Gradients_match_finite_differences(Case c)
    {
        if (c.Name == "Sign") return;
        // Keep away from kinks (0 for abs/relu), and keep outputs moderate: the finite difference of the contracted
        // output carries the rounding error of its largest terms.
        var values = GradientInputs(c, 21, 37);
        var x = Tensor.FromArray(values, 37);
        GradCheck.Check(t => c.Op(t[0]), [x]);
    }

    private static double[] GradientInputs(Case c, int seed, int count)
    {
        double low = Math.Max(c.Low, -3), high = Math.Min(c.High, 3);
        var values = TestData.Uniform(seed, count, low, high).Select(v => Math.Abs(v) < 0.05 ? v + 0.1 : v).ToArray();
        return c.Name is "Log" or "Sqrt" or "Rsqrt" ? values.Select(v => Math.Max(v, 0.1)).ToArray() : values;
    }

    [Fact]
    public void Sign_has_a_zero_gradient()
    {
        var x = TestData.Tensor(3, new Shape(5), DType.Float64);
        using var tape = new GradientTape();
        tape.Watch(x);
        var y = Ops.Sign(x);
        Assert.Equal(new double[5], tape.Gradient(y, [x])[0].ToArray<double>());
    }

    [Theory]
    [MemberData(nameof(AllCases))]
    public void Float32_gradients_agree_with_the_float64_path(Case c)
    {
        var values = GradientInputs(c, 22, 41);
        var x32 = Tensor.FromArray(values.Select(v => (float)v).ToArray(), 41);
        var x64 = Ops.Cast(x32, DType.Float64);
        Assertions.Close(TestData.ToDoubles(GradientOf(c.Op, x64)), GradientOf(c.Op, x32), rtol: 1e-5, atol: 1e-6);
    }

    private static Tensor GradientOf(Func<Tensor, Tensor> op, Tensor x)
    {
        using var tape = new GradientTape();
        tape.Watch(x);
        var y = op(x);
        return tape.Gradient(y, [x])[0];
    }

    [Fact]
    public void Extreme_inputs_stay_finite_and_exact()
    {
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            var big = Tensor.FromArray(new[] { -1000.0, 1000.0 }, 2);
            var x = Ops.Cast(big, dtype);
            Assertions.Close([0, 1], Ops.Sigmoid(x), rtol: 0, atol: 0);
            Assertions.Close([-1, 1], Ops.Tanh(x), rtol: 0, atol: 0);
            Assertions.Close([0, 1000], Ops.Softplus(x), rtol: 0, atol: 0);
            Assertions.Close([0, 1000], Ops.Silu(x), rtol: 0, atol: 0);
            Assertions.Close([0, 1000], Ops.Gelu(x), rtol: 0, atol: 0);
            Assertions.Close([0, 1000], Ops.Gelu(x, approximate: true), rtol: 0, atol: 0);
            Assertions.Close([-1, 1000], Ops.Elu(x), rtol: 0, atol: 0);
        }
    }

    [Fact]
    public void Tails_keep_their_relative_precision()
    {
        // Values a naive formula rounds to 0 or to the wrong magnitude; references are independent closed forms.
        var x = Tensor.FromArray(new[] { -80.0, -50.0, 1e-10, -1e-10, -1e-7 }, 5);
        Assertions.Close([R.Sigmoid(-80), R.Sigmoid(-50), 0.5 + 2.5e-11, 0.5 - 2.5e-11, R.Sigmoid(-1e-7)], Ops.Sigmoid(x), rtol: 1e-14);
        Assertions.Close([-1, -1, 1e-10, -1e-10, Math.Tanh(-1e-7)], Ops.Tanh(x), rtol: 1e-14);
        Assertions.Close([R.Softplus(-80), R.Softplus(-50), R.Softplus(1e-10), R.Softplus(-1e-10), R.Softplus(-1e-7)], Ops.Softplus(x), rtol: 1e-14);
        Assertions.Close([R.Expm1(-80), R.Expm1(-50), 1e-10, R.Expm1(-1e-10), R.Expm1(-1e-7)], Ops.Elu(x), rtol: 1e-14);
        // Φ(-10) = 7.6198530241605260660e-24 (tabulated), so GELU(-10) is about -7.62e-23, not 0.
        Assertions.Close([-7.6198530241605260660e-23], Ops.Gelu(Tensor.FromArray(new[] { -10.0 }, 1)), rtol: 1e-13);

        var f = Tensor.FromArray(new[] { -80f, 1e-10f, -1e-7f, 1e-30f }, 4);
        Assertions.Close([R.Sigmoid(-80), 0.5, 0.5, 0.5], Ops.Sigmoid(f), rtol: 1e-6);
        Assertions.Close([-1, 1e-10, (double)-1e-7f, 1e-30], Ops.Tanh(f), rtol: 1e-6);
        Assertions.Close([R.Expm1(-80), 1e-10, R.Expm1(-1e-7f), 1e-30], Ops.Elu(f), rtol: 1e-6, atol: 0);
        Assertions.Close([-7.6198530241605260660e-23], Ops.Gelu(Tensor.FromArray(new[] { -10f }, 1)), rtol: 1e-6);
    }

    [Fact]
    public void Float32_exp_is_faithfully_rounded_over_its_whole_range()
    {
        var x = TestData.Tensor(40, new Shape(100_003), out var values, DType.Float32, -87, 88.7);
        var result = Ops.Exp(x).ToArray<float>();
        for (int i = 0; i < values.Length; i++)
        {
            double exact = Math.Exp(values[i]);
            // Faithful rounding: one of the two floats around the exact value, i.e. within one ulp.
            float nearest = (float)exact;
            double ulp = (double)MathF.BitIncrement(nearest) - nearest;
            Assert.True(Math.Abs(result[i] - exact) <= ulp, $"exp({values[i]:R}) = {result[i]:R}, exact {exact:R}");
        }
    }

    [Fact]
    public void Landmark_values_are_exact()
    {
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            var zero = Tensor.Zeros(new Shape(3), dtype);
            Assert.Equal([1, 1, 1], TestData.ToDoubles(Ops.Exp(zero)));
            Assert.Equal([0.5, 0.5, 0.5], TestData.ToDoubles(Ops.Sigmoid(zero)));
            Assert.Equal([0, 0, 0], TestData.ToDoubles(Ops.Log(Tensor.Ones(new Shape(3), dtype))));
            Assert.Equal([0, 0, 0], TestData.ToDoubles(Ops.Gelu(zero)));
            Assert.Equal([0, 0, 0], TestData.ToDoubles(Ops.Silu(zero)));
            Assert.Equal([0, 0, 0], TestData.ToDoubles(Ops.Elu(zero)));
            var ln2 = dtype == DType.Float32 ? (double)MathF.Log(2) : Math.Log(2);
            Assert.Equal([ln2, ln2, ln2], TestData.ToDoubles(Ops.Softplus(zero)));
        }
    }

    [Fact]
    public void Float32_exp_overflows_to_infinity_and_flushes_subnormal_results_to_zero()
    {
        var x = Tensor.FromArray(new[] { 88.7f, 89f, float.PositiveInfinity, -87.3f, -88f, -104f, float.NegativeInfinity });
        var result = Ops.Exp(x).ToArray<float>();
        Assert.Equal(MathF.Exp(88.7f), result[0], 1e-7f * MathF.Exp(88.7f));
        Assert.Equal(new[] { float.PositiveInfinity, float.PositiveInfinity }, result[1..3]);
        Assert.True(result[3] > 0 && float.IsNormal(result[3]));
        Assert.Equal(new[] { 0f, 0f, 0f }, result[4..]);
    }

    [Fact]
    public void Exact_zeros_and_signs()
    {
        var x = Tensor.FromArray(new[] { 0.0, -0.0, -2.0, 3.0 }, 4);
        Assert.Equal(new[] { 0.0, 0.0, -1.0, 1.0 }, Ops.Sign(x).ToArray<double>());
        Assert.True(double.IsNegative(Ops.Sign(x).ToArray<double>()[1]), "sign(-0) keeps the sign of zero");
        Assert.Equal(new[] { 0.0, 0.0, 0.0, 3.0 }, Ops.Relu(x).ToArray<double>());
        Assert.False(double.IsNegative(Ops.Relu(x).ToArray<double>()[1]), "relu(-0) is +0");
        Assert.Equal(new[] { 0.0, 0.0, 0.0, 0.0 }, Ops.Tanh(Tensor.Zeros(new Shape(4), DType.Float64)).ToArray<double>());
        Assertions.Close([double.PositiveInfinity, double.NaN], Ops.Rsqrt(Tensor.FromArray(new[] { 0.0, -1.0 }, 2)));
        Assertions.Close([double.NegativeInfinity, double.NaN], Ops.Log(Tensor.FromArray(new[] { 0.0, -1.0 }, 2)));
    }

    [Fact]
    public void Relu_gradient_is_zero_at_zero()
    {
        var x = Tensor.FromArray(new[] { -1.0, 0.0, 2.0 }, 3);
        Assert.Equal(new[] { 0.0, 0.0, 1.0 }, GradientOf(Ops.Relu, x).ToArray<double>());
        Assert.Equal(new[] { -1.0, 0.0, 1.0 }, GradientOf(Ops.Abs, x).ToArray<double>());
        // ELU at 0 takes the exponential side (alpha·e⁰), as TensorFlow's rule does.
        Assert.Equal(new[] { Math.Exp(-1) * 0.5, 0.5, 1.0 }, GradientOf(t => Ops.Elu(t, 0.5), x).ToArray<double>());
    }

    [Fact]
    public void Integers_keep_their_dtype_where_numpy_does_and_become_float32_otherwise()
    {
        var i = Tensor.FromArray(new[] { -3, 0, 4, int.MinValue });
        Assert.Equal(new[] { 3, 0, 4, int.MinValue }, Ops.Abs(i).ToArray<int>());
        Assert.Equal(new[] { -1, 0, 1, -1 }, Ops.Sign(i).ToArray<int>());
        Assert.Equal(new[] { 0, 0, 4, 0 }, Ops.Relu(i).ToArray<int>());
        Assert.Equal(new[] { 9, 0, 16, 0 }, Ops.Square(i).ToArray<int>());
        var l = Tensor.FromArray(new[] { -3L, 5L });
        Assert.Equal(new[] { 3L, 5L }, Ops.Abs(l).ToArray<long>());
        Assert.Equal(new[] { 9L, 25L }, Ops.Square(l).ToArray<long>());

        var small = Tensor.FromArray(new[] { 1, 4 });
        var sqrt = Ops.Sqrt(small);
        Assert.Equal(DType.Float32, sqrt.DType);
        Assert.Equal(new[] { 1f, 2f }, sqrt.ToArray<float>());
        Assert.Equal(DType.Float32, Ops.Exp(l).DType);
        Assert.Equal(DType.Float32, Ops.Sigmoid(Tensor.FromArray(new[] { true, false })).DType);
    }

    [Fact]
    public void Bool_is_refused_by_sign_preserving_ops_with_the_op_and_dtype_named()
    {
        var b = Tensor.FromArray(new[] { true, false });
        Assertions.Throws<ArgumentException>(() => Ops.Abs(b), "Abs", "bool", "Ops.Cast");
        Assertions.Throws<ArgumentException>(() => Ops.Relu(b), "Relu", "bool");
        Assertions.Throws<ArgumentException>(() => Ops.Square(b), "Square", "bool");
        Assertions.Throws<ArgumentException>(() => Ops.Sign(b), "Sign", "bool");
        Assertions.Throws<ArgumentNullException>(() => Ops.Exp(null!), "Exp", "'x'");
        Assertions.Throws<ArgumentException>(() => Ops.Elu(Tensor.Zeros(2), double.NaN), "Elu", "alpha");
    }
}
