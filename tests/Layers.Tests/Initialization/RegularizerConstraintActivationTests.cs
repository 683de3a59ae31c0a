using System.Text.Json.Nodes;
using Layers.Tests.Support;

namespace Layers.Tests.Initialization;

public class RegularizerConstraintActivationTests
{
    [Fact]
    public void Regularizers_match_float64_sums_and_keras_defaults()
    {
        var x = TestData.Tensor(1, new Shape(17, 3), out var v);
        Assert.Equal(0.01 * v.Sum(Math.Abs), Regularizers.Get("l1").Compute(x).Item<float>(), 1e-5);
        Assert.Equal(0.01 * v.Sum(a => a * a), Regularizers.Get("l2").Compute(x).Item<float>(), 1e-5);
        Assert.Equal(0.5 * v.Sum(Math.Abs) + 0.25 * v.Sum(a => a * a), new L1L2(0.5, 0.25).Compute(x).Item<float>(), 1e-4);
        Assert.Equal(0f, Regularizers.Get("l1_l2").Compute(x).Item<float>());
        Assertions.Throws<ArgumentOutOfRangeException>(() => new L2(-1), "L2", "l2", ">= 0");
    }

    [Fact]
    public void Regularizer_gradients_match_finite_differences()
    {
        var x = TestData.Tensor(2, new Shape(5, 4), DType.Float64, 0.1, 1);
        GradCheck.Check(t => new L1L2(0.3, 0.7).Compute(t[0]), [x]);
    }

    /// <summary>Column norms (axis 0) of a row-major matrix, in float64.</summary>
    private static double[] ColumnNorms(double[] w, int rows, int cols) =>
        [.. Enumerable.Range(0, cols).Select(c => Math.Sqrt(Enumerable.Range(0, rows).Sum(r => w[r * cols + c] * w[r * cols + c])))];

    [Fact]
    public void Norm_constraints_follow_keras_formulas()
    {
        var w = TestData.Tensor(3, new Shape(6, 5), out var v, DType.Float64, -2, 2);
        var norms = ColumnNorms(v, 6, 5);
        double[] Scaled(Func<double, double> desired) =>
            [.. v.Select((x, i) => x * desired(norms[i % 5]) / (1e-7 + norms[i % 5]))];

        Assertions.Close(Scaled(n => Math.Clamp(n, 0, 2)), new MaxNorm().Apply(w), 1e-12, 1e-12);
        Assertions.Close(Scaled(n => 0.5 * Math.Clamp(n, 1, 3) + 0.5 * n), new MinMaxNorm(1, 3, 0.5).Apply(w), 1e-12, 1e-12);
        Assertions.Close(Scaled(_ => 1), new UnitNorm().Apply(w), 1e-12, 1e-12);
        Assertions.Close([.. v.Select(x => x >= 0 ? x : 0)], new NonNeg().Apply(w));

        var rowsUnit = new UnitNorm(1).Apply(w);
        for (int r = 0; r < 6; r++)
        {
            double norm = Math.Sqrt(Enumerable.Range(0, 5).Sum(c => rowsUnit[r, c] * rowsUnit[r, c]));
            Assert.Equal(1.0, norm, 1e-6);
        }
    }

    [Fact]
    public void A_variable_constraint_is_applied_after_each_optimizer_update()
    {
        var variable = new Variable(Tensor.FromArray(new[] { 1f, -1f }), "w", constraint: new NonNeg());
        new SGD(0.5).ApplyGradients([Tensor.FromArray(new[] { -1f, 1f })], [variable]);
        Assert.Equal(new[] { 1.5f, 0f }, variable.Value.ToArray<float>());
    }

    public static TheoryData<string, Func<double, double>> ActivationCases => new()
    {
        { "linear", x => x },
        { "relu", x => Math.Max(x, 0) },
        { "relu6", x => Math.Clamp(x, 0, 6) },
        { "leaky_relu", x => x >= 0 ? x : 0.2 * x },
        { "elu", x => x > 0 ? x : Math.Exp(x) - 1 },
        { "selu", x => 1.0507009873554804934193349852946 * (x > 0 ? x : 1.6732632423543772848170429916717 * (Math.Exp(x) - 1)) },
        { "gelu", x => 0.5 * x * Erfc(-x / Math.Sqrt(2)) },
        { "silu", x => x / (1 + Math.Exp(-x)) },
        { "swish", x => x / (1 + Math.Exp(-x)) },
        { "sigmoid", x => 1 / (1 + Math.Exp(-x)) },
        { "hard_sigmoid", x => Math.Clamp(x / 6 + 0.5, 0, 1) },
        { "tanh", Math.Tanh },
        { "softplus", x => Math.Log(1 + Math.Exp(x)) },
        { "softsign", x => x / (Math.Abs(x) + 1) },
        { "exponential", Math.Exp },
    };

    [Theory]
    [MemberData(nameof(ActivationCases))]
    public void Element_wise_activations_match_float64_references_and_have_gradients(string name, Func<double, double> reference)
    {
        var x = TestData.Tensor(4, new Shape(3, 33), out var v, DType.Float64, -8, 8);
        Assertions.Close([.. v.Select(a => reference(a))], Activations.Get(name).Call(x), 1e-7, 1e-9);
        var x32 = TestData.Tensor(4, new Shape(3, 33), out var v32, DType.Float32, -8, 8);
        Assertions.Close([.. v32.Select(a => reference(a))], Activations.Get(name).Call(x32), 1e-5, 1e-6);
        // Finite differences are meaningless across kinks, so sample away from 0, ±3 and 6.
        var smooth = TestData.Tensor(5, new Shape(2, 17), DType.Float64, 0.1, 2.9);
        GradCheck.Check(t => Activations.Get(name).Call(t[0]), [smooth]);
        GradCheck.Check(t => Activations.Get(name).Call(Ops.Negate(t[0])), [smooth]);
    }

    [Fact]
    public void Softmax_activations_work_row_wise()
    {
        var x = TestData.Tensor(6, new Shape(4, 7), out var v, DType.Float64, -3, 3);
        var expected = new double[v.Length];
        for (int r = 0; r < 4; r++)
        {
            double total = Enumerable.Range(0, 7).Sum(c => Math.Exp(v[r * 7 + c]));
            for (int c = 0; c < 7; c++) expected[r * 7 + c] = Math.Exp(v[r * 7 + c]) / total;
        }
        Assertions.Close(expected, Activations.Get("softmax").Call(x), 1e-12, 1e-14);
        Assertions.Close([.. expected.Select(e => Math.Log(e))], Activations.Get("log_softmax").Call(x), 1e-12, 1e-12);
    }

    [Fact]
    public void Unknown_names_list_what_exists()
    {
        Assertions.Throws<ArgumentException>(() => Activations.Get("rellu"), "Unknown activation 'rellu'", "relu", "softmax", "swish");
        Assertions.Throws<ArgumentException>(() => Regularizers.Get("l3"), "Unknown regularizer 'l3'", "l1", "l1_l2", "l2");
        Assertions.Throws<ArgumentException>(() => Constraints.Get("max"), "Unknown constraint 'max'", "max_norm", "non_neg", "unit_norm", "min_max_norm");
    }

    [Fact]
    public void Configs_round_trip_with_keras_keys()
    {
        Assert.Equal("""{"module":"keras.regularizers","class_name":"L2","config":{"l2":0.01},"registered_name":null}""",
            Serialization.Serialize(Regularizers.Get("l2")).ToJsonString());
        Assert.Equal("""{"module":"keras.constraints","class_name":"MaxNorm","config":{"max_value":2,"axis":0},"registered_name":null}""",
            Serialization.Serialize(new MaxNorm()).ToJsonString());
        Regularizer[] regularizers = [new L1(0.3), new L2(0.2), new L1L2(0.1, 0.4)];
        foreach (var r in regularizers)
        {
            var text = Serialization.Serialize(r).ToJsonString();
            Assert.Equal(text, Serialization.Serialize(Serialization.DeserializeRegularizer(JsonNode.Parse(text))).ToJsonString());
        }
        Constraint[] constraints = [new MaxNorm(3, 0, 1), new MinMaxNorm(0.5, 2, 0.3, 1), new NonNeg(), new UnitNorm(1)];
        foreach (var c in constraints)
        {
            var text = Serialization.Serialize(c).ToJsonString();
            Assert.Equal(text, Serialization.Serialize(Serialization.DeserializeConstraint(JsonNode.Parse(text))).ToJsonString());
        }
        Assert.Equal("\"relu\"", Serialization.Serialize(Activations.Get("relu")).ToJsonString());
        Assert.Equal("gelu", Serialization.DeserializeActivation(JsonValue.Create("gelu")).Name);
    }

    /// <summary>
    /// erfc(z) in float64, written independently of the runtime: 1 − (Maclaurin series of erf) for
    /// |z| &lt; 2, else the classic continued fraction evaluated bottom-up (no cancellation in the tail).
    /// </summary>
    private static double Erfc(double z)
    {
        if (z < 0) return 2 - Erfc(-z);
        if (z < 2)
        {
            double sum = 0, term = z;
            for (int n = 0; n < 60; n++)
            {
                sum += term / (2 * n + 1);
                term *= -z * z / (n + 1);
            }
            return 1 - 2 / Math.Sqrt(Math.PI) * sum;
        }
        // erfc(z) = exp(−z²)/√π · 1/(z + (1/2)/(z + 1/(z + (3/2)/(z + 2/(z + …)))))
        double fraction = z;
        for (int k = 200; k >= 1; k--) fraction = z + k / 2.0 / fraction;
        return Math.Exp(-z * z) / Math.Sqrt(Math.PI) / fraction;
    }
}
