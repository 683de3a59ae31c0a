using Layers.Tests.Support;

namespace Layers.Tests.Tensors;

public class SeedGeneratorTests
{
    [Fact]
    public void A_seed_gives_the_same_tensor_every_time()
    {
        var shape = new Shape(3, 17);
        Assert.Equal(Tensor.RandomNormal(shape, seed: 5).ToArray<float>(), Tensor.RandomNormal(shape, seed: 5).ToArray<float>());
        Assert.NotEqual(Tensor.RandomNormal(shape, seed: 5).ToArray<float>(), Tensor.RandomNormal(shape, seed: 6).ToArray<float>());
    }

    [Fact]
    public void Successive_draws_differ_and_the_sequence_reproduces()
    {
        var a = new SeedGenerator(77);
        var b = new SeedGenerator(77);
        var first = Tensor.RandomUniform(new Shape(33), a).ToArray<float>();
        var second = Tensor.RandomUniform(new Shape(33), a).ToArray<float>();
        Assert.NotEqual(first, second);
        Assert.Equal(first, Tensor.RandomUniform(new Shape(33), b).ToArray<float>());
        Assert.Equal(second, Tensor.RandomUniform(new Shape(33), b).ToArray<float>());
        Assert.Equal(2, a.State);
    }

    [Fact]
    public void First_draw_of_a_generator_equals_the_plain_seed()
    {
        Assert.Equal(Tensor.TruncatedNormal(new Shape(9), seed: 31).ToArray<float>(),
            Tensor.TruncatedNormal(new Shape(9), new SeedGenerator(31)).ToArray<float>());
    }

    [Fact]
    public void State_can_be_saved_and_restored_to_resume_a_sequence()
    {
        var generator = new SeedGenerator(4);
        _ = Tensor.RandomNormal(new Shape(2), generator);
        long saved = generator.State;
        var next = Tensor.RandomNormal(new Shape(5), generator).ToArray<float>();
        generator.State = saved;
        Assert.Equal(next, Tensor.RandomNormal(new Shape(5), generator).ToArray<float>());
        Assertions.Throws<ArgumentOutOfRangeException>(() => generator.State = -1, "negative");
    }

    [Fact]
    public void Element_values_do_not_depend_on_the_tensor_size()
    {
        // A prefix of a longer draw is the shorter draw: the stream is indexed, not consumed per call.
        var longer = Tensor.RandomNormal(new Shape(127), seed: 8, dtype: DType.Float64).ToArray<double>();
        var shorter = Tensor.RandomNormal(new Shape(17), seed: 8, dtype: DType.Float64).ToArray<double>();
        Assert.Equal(shorter, longer[..17]);
        var u = Tensor.RandomUniform(new Shape(33), seed: 8).ToArray<float>();
        Assert.Equal(Tensor.RandomUniform(new Shape(3), seed: 8).ToArray<float>(), u[..3]);
    }

    [Fact]
    public void Concurrent_draws_each_get_their_own_stream()
    {
        var generator = new SeedGenerator(3);
        var results = new float[64][];
        Parallel.For(0, results.Length, i => results[i] = Tensor.RandomUniform(new Shape(4), generator).ToArray<float>());
        Assert.Equal(64, generator.State);
        Assert.Equal(64, results.Select(r => string.Join(",", r)).Distinct().Count());
    }

    [Fact]
    public void Bad_arguments_are_explained()
    {
        Assertions.Throws<ArgumentException>(() => Tensor.RandomNormal(new Shape(2), dtype: DType.Int32), "RandomNormal", "int32", "float32 or float64");
        Assertions.Throws<ArgumentOutOfRangeException>(() => Tensor.RandomNormal(new Shape(2), 0, -1), "RandomNormal", "stddev", "-1");
        Assertions.Throws<ArgumentOutOfRangeException>(() => Tensor.RandomUniform(new Shape(2), 1, 1), "RandomUniform", "[1, 1)", "minval < maxval");
        Assertions.Throws<ArgumentOutOfRangeException>(() => Tensor.RandomUniform(new Shape(2), 0, double.PositiveInfinity), "RandomUniform", "finite");
        Assertions.Throws<ArgumentException>(() => Tensor.TruncatedNormal(new Shape(2, Shape.Unknown)), "TruncatedNormal", "(2, None)");
        Assertions.Throws<ArgumentNullException>(() => Tensor.RandomUniform(new Shape(2), (SeedGenerator)null!), "RandomUniform", "generator");
        var generator = new SeedGenerator(1);
        Assert.ThrowsAny<ArgumentException>(() => Tensor.RandomUniform(new Shape(2), generator, 2, 1));
        Assert.Equal(0, generator.State); // a rejected call does not consume a stream
    }
}

/// <summary>Runs alone: it re-seeds the process-wide generator, which unseeded draws elsewhere would disturb.</summary>
[CollectionDefinition(nameof(GlobalSeedTests), DisableParallelization = true)]
[Collection(nameof(GlobalSeedTests))]
public class GlobalSeedTests
{
    [Fact]
    public void Global_seed_makes_unseeded_calls_and_generators_reproducible()
    {
        SeedGenerator.SetGlobalSeed(123);
        var first = new SeedGenerator();
        var second = new SeedGenerator();
        Assert.NotEqual(first.Seed, second.Seed);
        SeedGenerator.SetGlobalSeed(123);
        Assert.Equal(first.Seed, new SeedGenerator().Seed);

        SeedGenerator.SetGlobalSeed(123);
        var draw = Tensor.RandomUniform(new Shape(5)).ToArray<float>();
        SeedGenerator.SetGlobalSeed(123);
        Assert.Equal(draw, Tensor.RandomUniform(new Shape(5)).ToArray<float>());
        Assert.NotEqual(draw, Tensor.RandomUniform(new Shape(5)).ToArray<float>());
        // Unseeded calls use the global generator's streams: draw k is stream k of its seed.
        Assert.Equal(draw, Tensor.RandomUniform(new Shape(5), seed: 123).ToArray<float>());
    }
}
