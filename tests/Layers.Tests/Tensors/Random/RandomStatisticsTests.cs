using Layers.Tests.Support;

namespace Layers.Tests.Tensors;

/// <summary>
/// Distribution sanity checks on 10⁵ draws. Bounds are ~6 standard errors wide, so a correct
/// generator fails with negligible probability while a wrong scale, shift or range is caught.
/// </summary>
public class RandomStatisticsTests
{
    private const int N = 100_000;

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void Normal_has_the_requested_mean_and_stddev(DType dtype)
    {
        var values = TestData.ToDoubles(Tensor.RandomNormal(new Shape(N), 3, 2, seed: 1, dtype: dtype));
        var (mean, std) = Moments(values);
        Assert.InRange(mean, 3 - 6 * 2 / Math.Sqrt(N), 3 + 6 * 2 / Math.Sqrt(N));
        Assert.InRange(std, 2 * (1 - 6 / Math.Sqrt(2.0 * N)), 2 * (1 + 6 / Math.Sqrt(2.0 * N)));
        // Tails: P(|z| > 2) = 4.55 %.
        double beyond = values.Count(v => Math.Abs(v - 3) > 4) / (double)N;
        Assert.InRange(beyond, 0.0455 - 0.004, 0.0455 + 0.004);
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void Truncated_normal_respects_two_sigma_and_has_the_truncated_stddev(DType dtype)
    {
        var values = TestData.ToDoubles(Tensor.TruncatedNormal(new Shape(N), -1, 0.5, seed: 2, dtype: dtype));
        Assert.All(values, v => Assert.InRange(v, -1 - 2 * 0.5 - 1e-6, -1 + 2 * 0.5 + 1e-6));
        var (mean, std) = Moments(values);
        // Standard normal truncated to [-2, 2]: stddev sqrt(1 - 4φ(2)/(2Φ(2)-1)) = 0.879626.
        Assert.InRange(mean, -1 - 6 * 0.44 / Math.Sqrt(N), -1 + 6 * 0.44 / Math.Sqrt(N));
        Assert.InRange(std / 0.5, 0.879626 - 0.005, 0.879626 + 0.005);
        // Values near the bound do occur: truncation is at 2σ, not tighter.
        Assert.Contains(values, v => v > -1 + 0.5 * 1.95);
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void Uniform_is_flat_over_the_half_open_range(DType dtype)
    {
        var values = TestData.ToDoubles(Tensor.RandomUniform(new Shape(N), -2, 6, seed: 3, dtype: dtype));
        Assert.All(values, v => Assert.True(v >= -2 && v < 6, $"{v} is outside [-2, 6)"));
        var (mean, std) = Moments(values);
        Assert.InRange(mean, 2 - 6 * 8 / Math.Sqrt(12.0 * N), 2 + 6 * 8 / Math.Sqrt(12.0 * N));
        Assert.InRange(std, 8 / Math.Sqrt(12) * 0.99, 8 / Math.Sqrt(12) * 1.01);
        var counts = new int[16];
        foreach (var v in values) counts[(int)((v + 2) / 0.5)]++;
        Assert.All(counts, c => Assert.InRange(c, N / 16 - 6 * 242, N / 16 + 6 * 242));
    }

    [Fact]
    public void Float32_uniform_never_reaches_the_upper_bound_even_when_rounding_would()
    {
        // With a range of one float32 ulp every draw rounds to either bound; the upper one must be excluded.
        float low = 1f, high = MathF.BitIncrement(1f);
        var values = Tensor.RandomUniform(new Shape(4096), low, high, seed: 9).ToArray<float>();
        Assert.All(values, v => Assert.Equal(low, v));
        var wide = Tensor.RandomUniform(new Shape(N), 0, 1e-30, seed: 10).ToArray<float>();
        Assert.All(wide, v => Assert.True(v >= 0 && v < 1e-30f));
    }

    [Fact]
    public void Uniform_bits_fill_all_24_mantissa_positions()
    {
        var values = Tensor.RandomUniform(new Shape(4096), seed: 12).ToArray<float>();
        Assert.Contains(values, v => v < 1.0 / 1024);
        Assert.Contains(values, v => v > 1 - 1.0 / 1024);
        Assert.True(values.Distinct().Count() > 4000);
    }

    private static (double Mean, double Std) Moments(double[] values)
    {
        double mean = values.Average();
        double variance = values.Sum(v => (v - mean) * (v - mean)) / values.Length;
        return (mean, Math.Sqrt(variance));
    }
}
