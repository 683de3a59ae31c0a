using Layers.Tests.Support;

namespace Layers.Tests.Training.Losses;

/// <summary>Every loss's gradient against float64 central differences (<see cref="GradCheck"/>).</summary>
public class LossesGradientTests
{
    public static TheoryData<string> LossNames => new()
    {
        "mse", "mae", "huber", "huber_small_delta", "bce", "bce_logits", "bce_smoothing", "cce", "cce_logits", "cce_smoothing",
        "scce", "scce_logits", "scce_logits_ignore",
    };

    private static (Loss Loss, Tensor Labels, Tensor Predictions) Case(string name)
    {
        var rng = new Random(name.Length * 31 + name[^1]);
        var ids = Enumerable.Range(0, 6).Select(_ => rng.Next(4)).ToArray();
        var onehot = Tensor.Zeros(new Shape(6, 4), DType.Float64);
        for (int r = 0; r < 6; r++) onehot.AsMutableSpan<double>()[r * 4 + ids[r]] = 1;
        var binary = Tensor.FromSpan<double>(Enumerable.Range(0, 24).Select(_ => (double)rng.Next(2)).ToArray(), new Shape(6, 4));
        var sparse = Tensor.FromArray(ids, 6);
        var logits = TestData.Tensor(rng.Next(), new Shape(6, 4), DType.Float64, -3, 3);
        // Probabilities away from the clip bounds, where the clipped function is smooth.
        var probabilities = TestData.Tensor(rng.Next(), new Shape(6, 4), DType.Float64, 0.05, 0.95);
        // Regression errors kept away from 0 and from ±delta, where MAE and Huber have kinks.
        var target = TestData.Tensor(rng.Next(), new Shape(6, 4), DType.Float64, -1, 1);
        var offsets = TestData.Tensor(rng.Next(), new Shape(6, 4), out var offsetValues, DType.Float64, 0.1, 0.4);
        var signs = Tensor.FromSpan<double>(offsetValues.Select((_, i) => i % 3 == 0 ? -3.0 : 1.0).ToArray(), new Shape(6, 4));
        var regression = Ops.Add(target, Ops.Multiply(offsets, signs));
        return name switch
        {
            "mse" => (new MeanSquaredError(), target, regression),
            "mae" => (new MeanAbsoluteError(), target, regression),
            "huber" => (new Huber(), target, regression),
            "huber_small_delta" => (new Huber(0.7), target, regression),
            "bce" => (new BinaryCrossentropy(), binary, probabilities),
            "bce_logits" => (new BinaryCrossentropy(fromLogits: true), binary, logits),
            "bce_smoothing" => (new BinaryCrossentropy(fromLogits: true, labelSmoothing: 0.2), binary, logits),
            "cce" => (new CategoricalCrossentropy(), onehot, probabilities),
            "cce_logits" => (new CategoricalCrossentropy(fromLogits: true), onehot, logits),
            "cce_smoothing" => (new CategoricalCrossentropy(labelSmoothing: 0.1), onehot, probabilities),
            "scce" => (new SparseCategoricalCrossentropy(), sparse, probabilities),
            "scce_logits" => (new SparseCategoricalCrossentropy(fromLogits: true), sparse, logits),
            _ => (new SparseCategoricalCrossentropy(fromLogits: true, ignoreClass: ids[0]), sparse, logits),
        };
    }

    [Theory]
    [MemberData(nameof(LossNames))]
    public void Reduced_loss_gradient_matches_finite_differences(string name)
    {
        var (loss, labels, predictions) = Case(name);
        GradCheck.Check(x => loss.Compute(labels, x[0]), [predictions]);
    }

    [Theory]
    [MemberData(nameof(LossNames))]
    public void Weighted_sum_gradient_matches_finite_differences(string name)
    {
        var (loss, labels, predictions) = Case(name);
        var weights = TestData.Tensor(3, new Shape(6), DType.Float64, 0.2, 2);
        GradCheck.Check(x => loss.Compute(labels, x[0], weights), [predictions]);
    }

    [Theory]
    [MemberData(nameof(LossNames))]
    public void Per_sample_gradient_matches_finite_differences(string name)
    {
        var (loss, labels, predictions) = Case(name);
        GradCheck.Check(x => loss.Call(labels, x[0]), [predictions]);
    }

    [Theory]
    [InlineData("mse")]
    [InlineData("huber")]
    [InlineData("bce_logits")]
    [InlineData("cce_smoothing")]
    [InlineData("cce_logits")]
    public void Gradient_with_respect_to_float_labels_matches_finite_differences(string name)
    {
        var (loss, labels, predictions) = Case(name);
        var soft = Ops.Add(Ops.Multiply(labels, 0.8), 0.1);
        GradCheck.Check(x => loss.Compute(x[0], x[1]), [soft, predictions]);
    }

    [Fact]
    public void Binary_from_logits_has_gradient_sigmoid_minus_label_at_zero_and_at_1000()
    {
        var labels = Tensor.FromArray(new[] { 1.0, 0, 0.3, 1, 0 }, 1, 5);
        var logits = Tensor.FromArray(new[] { 0.0, 0, 0, 1000, 1000 }, 1, 5);
        Tensor grad;
        using (var tape = new GradientTape())
        {
            tape.Watch(logits);
            grad = tape.Gradient(new BinaryCrossentropy(fromLogits: true, reduction: LossReduction.Sum).Compute(labels, logits), [logits])[0];
        }
        Assertions.Close([(0.5 - 1) / 5, 0.5 / 5, 0.2 / 5, 0, 1.0 / 5], grad, 1e-15, 1e-15);
    }
}
