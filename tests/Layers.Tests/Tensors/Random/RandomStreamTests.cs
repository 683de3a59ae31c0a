using Layers.Tests.Support;

namespace Layers.Tests.Tensors;

/// <summary>The random streams against the independent reference script, bit for bit.</summary>
public class RandomStreamTests
{
    [Theory]
    // The Random123 distribution's published known-answer vectors for philox4x32_10.
    [InlineData(0u, 0u, 0u, 0u, 0u, 0u, 0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u)]
    [InlineData(0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu)]
    [InlineData(0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u, 0xa4093822u, 0x299f31d0u, 0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u)]
    public void Philox_matches_published_known_answers(uint c0, uint c1, uint c2, uint c3, uint k0, uint k1, uint r0, uint r1, uint r2, uint r3)
    {
        Assert.Equal(new Philox.Block(r0, r1, r2, r3), Philox.Compute(c0, c1, c2, c3, k0, k1));
    }

    [Fact]
    public void Counter_layout_places_index_stream_and_seed_as_documented()
    {
        Assert.Equal(new Philox.Block(0x39b5e818, 0x2fa9cf5e, 0xc8119bbf, 0x370136f6), Philox.Compute(42, 3, 5));
        Assert.Equal(new Philox.Block(0x543c4394, 0x57dee148, 0x15b1720b, 0x5419396e),
            Philox.Compute(ulong.MaxValue, (1UL << 40) + 7, (1UL << 33) + 1));
    }

    [Theory]
    [InlineData(8)]
    [InlineData(4)]
    [InlineData(1)]
    public void Vectorized_fill_equals_the_scalar_blocks_on_every_path(int lanes)
    {
        // Odd block counts leave tails for the narrower paths; the second range crosses 2^32 in the
        // block index, where the counter's second word changes.
        foreach (ulong first in new ulong[] { 0, (1UL << 32) - 5 })
        {
            var words = new uint[4 * 37];
            Philox.Fill(0x0123456789ABCDEF, 0xFEDCBA9876543210, first, words, lanes);
            for (int j = 0; j < 37; j++)
            {
                var block = Philox.Compute(0x0123456789ABCDEF, 0xFEDCBA9876543210, first + (ulong)j);
                Assert.Equal(new[] { block.W0, block.W1, block.W2, block.W3 }, words[(4 * j)..(4 * j + 4)]);
            }
        }
    }

    [Fact]
    public void Long_draws_cross_batch_boundaries_without_seams()
    {
        // 3000 float32 uniforms span three batches of 1024 words; the reference is the scalar block formula.
        var values = Tensor.RandomUniform(new Shape(3000), seed: 42).ToArray<float>();
        for (int i = 0; i < values.Length; i += 97)
        {
            var block = Philox.Compute(42, 0, (ulong)(i / 4));
            uint word = (i % 4) switch { 0 => block.W0, 1 => block.W1, 2 => block.W2, _ => block.W3 };
            Assert.Equal((word >> 8) * (1.0f / (1 << 24)), values[i]);
        }
        var normals = Tensor.RandomNormal(new Shape(1500), seed: 3, dtype: DType.Float64).ToArray<double>();
        Assert.Equal(KnownAnswers.RawNormalsSeed3.Select(BitConverter.UInt64BitsToDouble), normals[..44]);
        Assert.Equal(normals[..700], Tensor.RandomNormal(new Shape(700), seed: 3, dtype: DType.Float64).ToArray<double>());
    }

    [Fact]
    public void Uniform_float32_matches_reference_bits()
    {
        AssertBits(KnownAnswers.UniformF32Seed42, Tensor.RandomUniform(new Shape(11), seed: 42));
        AssertBits(KnownAnswers.UniformF32Seed7Range, Tensor.RandomUniform(new Shape(3, 3), -3, 5.5, seed: 7));
    }

    [Fact]
    public void Uniform_float64_matches_reference_bits()
    {
        AssertBits(KnownAnswers.UniformF64Seed42, Tensor.RandomUniform(new Shape(7), seed: 42, dtype: DType.Float64));
        var generator = new SeedGenerator(1234567890123);
        generator.State = 2;
        AssertBits(KnownAnswers.UniformF64Stream2, Tensor.RandomUniform(new Shape(5), generator, -1, 2, DType.Float64));
    }

    [Fact]
    public void Normal_matches_reference_bits()
    {
        AssertBits(KnownAnswers.NormalF64Seed42, Tensor.RandomNormal(new Shape(9), seed: 42, dtype: DType.Float64));
        AssertBits(KnownAnswers.NormalF32Seed5, Tensor.RandomNormal(new Shape(9), 1.5, 0.25, seed: 5));
        var generator = new SeedGenerator(99);
        _ = Tensor.RandomNormal(new Shape(1), generator);
        AssertBits(KnownAnswers.NormalF64Stream1, Tensor.RandomNormal(new Shape(5), generator, -2, 3, DType.Float64));
    }

    [Fact]
    public void Truncated_normal_matches_reference_bits_and_skips_the_rejected_draws()
    {
        AssertBits(KnownAnswers.TruncatedF64Seed3, Tensor.TruncatedNormal(new Shape(40), seed: 3, dtype: DType.Float64));
        AssertBits(KnownAnswers.TruncatedF32Seed3, Tensor.TruncatedNormal(new Shape(5, 8), 10, 2, seed: 3));

        // Draws 16 and 36 of the raw stream are beyond 2σ; the truncated stream is the raw one without them.
        var raw = KnownAnswers.RawNormalsSeed3.Select(BitConverter.UInt64BitsToDouble).ToArray();
        Assert.True(Math.Abs(raw[16]) > 2 && Math.Abs(raw[36]) > 2);
        var kept = raw.Where((_, i) => i != 16 && i != 36).Take(40).ToArray();
        Assert.Equal(kept, Tensor.TruncatedNormal(new Shape(40), seed: 3, dtype: DType.Float64).ToArray<double>());
        AssertBits(KnownAnswers.RawNormalsSeed3, Tensor.RandomNormal(new Shape(44), seed: 3, dtype: DType.Float64));
    }

    [Fact]
    public void Log_and_sincos_stay_within_a_few_ulp_of_the_platform_functions()
    {
        var rng = new Random(11);
        for (int i = 0; i < 20000; i++)
        {
            double x = (rng.NextInt64(1L << 53) + 1) * Math.Pow(2, -53);
            Assert.InRange(Math.Abs(DeterministicMath.Log(x) - Math.Log(x)), 0, 4e-16 * Math.Max(1, Math.Abs(Math.Log(x))));
            ulong turns = (ulong)rng.NextInt64(1L << 53);
            double angle = 2 * Math.PI * turns / Math.Pow(2, 53);
            var (sin, cos) = DeterministicMath.SinCosTurns(turns);
            Assert.InRange(Math.Abs(sin - Math.Sin(angle)), 0, 2e-15);
            Assert.InRange(Math.Abs(cos - Math.Cos(angle)), 0, 2e-15);
        }
    }

    private static void AssertBits(uint[] expected, Tensor actual)
    {
        Assert.Equal(DType.Float32, actual.DType);
        Assert.Equal(expected, actual.ToArray<float>().Select(BitConverter.SingleToUInt32Bits).ToArray());
    }

    private static void AssertBits(ulong[] expected, Tensor actual)
    {
        Assert.Equal(DType.Float64, actual.DType);
        Assert.Equal(expected, actual.ToArray<double>().Select(BitConverter.DoubleToUInt64Bits).ToArray());
    }
}
