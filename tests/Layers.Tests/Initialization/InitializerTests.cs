using System.Text.Json.Nodes;
using Layers.Tests.Support;

namespace Layers.Tests.Initialization;

public class InitializerTests
{
    private static (double Mean, double Std, double Min, double Max) Stats(Tensor t)
    {
        var v = TestData.ToDoubles(t);
        double mean = v.Average();
        double std = Math.Sqrt(v.Select(x => (x - mean) * (x - mean)).Average());
        return (mean, std, v.Min(), v.Max());
    }

    [Theory]
    [InlineData(new int[0], 1, 1)]
    [InlineData(new[] { 7 }, 7, 7)]
    [InlineData(new[] { 300, 200 }, 300, 200)]
    [InlineData(new[] { 3, 3, 16, 32 }, 144, 288)]
    public void Fans_follow_keras_compute_fans(int[] shape, double fanIn, double fanOut) =>
        Assert.Equal((fanIn, fanOut), VarianceScaling.ComputeFans(new Shape(shape)));

    public static TheoryData<string, double, bool> VarianceCases => new()
    {
        // name, expected variance for shape (400, 600), uniform?
        { "glorot_uniform", 2.0 / 1000, true },
        { "glorot_normal", 2.0 / 1000, false },
        { "he_uniform", 2.0 / 400, true },
        { "he_normal", 2.0 / 400, false },
        { "lecun_uniform", 1.0 / 400, true },
        { "lecun_normal", 1.0 / 400, false },
    };

    [Theory]
    [MemberData(nameof(VarianceCases))]
    public void Variance_scaling_family_has_the_keras_variance_and_support(string name, double variance, bool uniform)
    {
        var values = Initializers.Get(name).Call(new Shape(400, 600), DType.Float64);
        var (mean, std, min, max) = Stats(values);
        Assert.InRange(mean, -0.02 * Math.Sqrt(variance), 0.02 * Math.Sqrt(variance));
        Assert.InRange(std * std, variance * 0.97, variance * 1.03);
        double bound = uniform ? Math.Sqrt(3 * variance) : 2 * Math.Sqrt(variance) / 0.87962566103423978;
        Assert.True(min >= -bound && max <= bound, $"{name}: values in [{min}, {max}] exceed ±{bound}");
        Assert.True(max > 0.95 * bound, $"{name}: max {max} does not reach near the bound {bound}");
    }

    [Fact]
    public void Simple_random_initializers_use_keras_defaults()
    {
        var normal = Stats(Initializers.Get("random_normal").Call(new Shape(200, 200), DType.Float64));
        Assert.InRange(normal.Std, 0.049, 0.051);
        var uniform = Stats(Initializers.Get("random_uniform").Call(new Shape(200, 200), DType.Float64));
        Assert.True(uniform.Min >= -0.05 && uniform.Max < 0.05 && uniform.Max > 0.049);
        var truncated = Stats(Initializers.Get("truncated_normal").Call(new Shape(200, 200), DType.Float64));
        Assert.True(truncated.Min >= -0.1 && truncated.Max <= 0.1);
    }

    [Fact]
    public void Seeded_initializers_are_reproducible_and_one_instance_repeats_itself()
    {
        var a = new GlorotUniform(seed: 42).Call(new Shape(5, 7), DType.Float32).ToArray<float>();
        var b = new GlorotUniform(seed: 42).Call(new Shape(5, 7), DType.Float32).ToArray<float>();
        Assert.Equal(a, b);
        var unseeded = new HeNormal();
        Assert.Equal(unseeded.Call(new Shape(3, 3), DType.Float32).ToArray<float>(), unseeded.Call(new Shape(3, 3), DType.Float32).ToArray<float>());
        Assert.NotEqual(new HeNormal().Call(new Shape(3, 3), DType.Float32).ToArray<float>(), unseeded.Call(new Shape(3, 3), DType.Float32).ToArray<float>());
    }

    [Theory]
    [InlineData(6, 4)]
    [InlineData(4, 6)]
    [InlineData(5, 5)]
    public void Orthogonal_gives_orthonormal_rows_or_columns_times_gain(int rows, int cols)
    {
        var q = TestData.ToDoubles(new Orthogonal(gain: 2, seed: 3).Call(new Shape(rows, cols), DType.Float64));
        bool columns = rows >= cols;
        int count = columns ? cols : rows, length = columns ? rows : cols;
        for (int i = 0; i < count; i++)
            for (int j = 0; j < count; j++)
            {
                double dot = 0;
                for (int k = 0; k < length; k++)
                    dot += columns ? q[k * cols + i] * q[k * cols + j] : q[i * cols + k] * q[j * cols + k];
                Assert.Equal(i == j ? 4.0 : 0.0, dot, 1e-9);
            }
    }

    [Fact]
    public void Identity_and_constants()
    {
        Assert.Equal(new[] { 3f, 0f, 0f, 0f, 3f, 0f }, new Identity(3).Call(new Shape(2, 3), DType.Float32).ToArray<float>());
        Assert.Equal(new[] { 1.5, 1.5 }, Initializers.Constant(1.5).Call(new Shape(2), DType.Float64).ToArray<double>());
        Assertions.Throws<ArgumentException>(() => new Identity().Call(new Shape(2, 2, 2), DType.Float32), "2-D", "(2, 2, 2)");
        Assertions.Throws<ArgumentException>(() => new Orthogonal().Call(new Shape(4), DType.Float32), "rank 2", "(4,)");
    }

    [Fact]
    public void Unknown_names_list_the_known_ones()
    {
        var error = Assertions.Throws<ArgumentException>(() => Initializers.Get("glorot_uniformm"), "Unknown initializer 'glorot_uniformm'", "glorot_uniform", "he_normal", "zeros");
        Assert.Contains("orthogonal", error.Message);
    }

    [Fact]
    public void Configs_use_keras_class_names_and_keys_and_round_trip()
    {
        var json = Serialization.Serialize(new GlorotUniform());
        Assert.Equal("""{"module":"keras.initializers","class_name":"GlorotUniform","config":{"seed":null,"input_axes":null,"output_axes":null},"registered_name":null}""",
            json.ToJsonString());
        Assert.Equal("""{"module":"keras.initializers","class_name":"Zeros","config":{},"registered_name":null}""", Serialization.Serialize(new Zeros()).ToJsonString());

        Initializer[] all =
        [
            new Zeros(), new Ones(), new Constant(2.5), new RandomNormal(1, 2, 3), new RandomUniform(-1, 1, 4), new TruncatedNormal(0, 1, 5),
            new VarianceScaling(2, FanMode.FanOut, VarianceDistribution.Uniform, 6), new GlorotUniform(7), new GlorotNormal(8),
            new HeUniform(9), new HeNormal(10), new LecunUniform(11), new LecunNormal(12), new Orthogonal(1.5, 13), new Identity(2),
        ];
        foreach (var initializer in all)
        {
            var text = Serialization.Serialize(initializer).ToJsonString();
            var restored = Serialization.DeserializeInitializer(JsonNode.Parse(text));
            Assert.Equal(initializer.GetType(), restored.GetType());
            Assert.Equal(text, Serialization.Serialize(restored).ToJsonString());
            Assert.Equal(initializer.Call(new Shape(3, 4), DType.Float32).ToArray<float>(), restored.Call(new Shape(3, 4), DType.Float32).ToArray<float>());
        }
        Assert.Equal("""{"module":"keras.initializers","class_name":"VarianceScaling","config":{"scale":2,"mode":"fan_out","distribution":"uniform","seed":6,"input_axes":null,"output_axes":null},"registered_name":null}""",
            Serialization.Serialize(all[6]).ToJsonString());
    }

    [Fact]
    public void String_identifiers_convert_implicitly()
    {
        Initializer init = "he_normal";
        Assert.IsType<HeNormal>(init);
        Assert.IsType<GlorotUniform>(Serialization.DeserializeInitializer(JsonValue.Create("glorot_uniform")));
    }
}
