using Digits;
using Layers;

namespace Digits.Tests;

/// <summary>The README's first command, as a test: the digits MLP reaches the accuracy the sample promises.</summary>
public class DigitsSampleTests
{
    [Fact]
    public void The_data_set_is_the_uci_digits()
    {
        var data = DigitsData.Load();
        Assert.Equal(new Shape(1797, 64), data.Images.Shape);
        Assert.Equal(new Shape(1797), data.Labels.Shape);
        var pixels = data.Images.ToArray<float>();
        Assert.Equal(0f, pixels.Min());
        Assert.Equal(1f, pixels.Max());
        var counts = data.Labels.ToArray<int>().GroupBy(l => l).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(10, counts.Count);
        Assert.All(counts.Values, c => Assert.InRange(c, 170, 190));   // the UCI test set is balanced (174–183 per digit)
    }

    [Fact]
    public void Training_reaches_at_least_95_percent_test_accuracy_and_is_reproducible()
    {
        var lines = new List<string>();
        var (model, history, test) = DigitsTraining.Run(verbose: 0, print: lines.Add);
        Assert.True(test["accuracy"] >= 0.95, $"test accuracy {test["accuracy"]:0.0000} < 0.95");
        Assert.Contains(lines, l => l.StartsWith("Test accuracy: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("residual_dense (ResidualDense)", StringComparison.Ordinal));
        Assert.True(history["loss"][^1] < history["loss"][0] / 10);

        var again = DigitsTraining.Run(verbose: 0, print: _ => { });
        Assert.Equal(test["accuracy"], again.Test["accuracy"]);
        Assert.Equal(model.GetWeights()[0].ToArray<float>(), again.Model.GetWeights()[0].ToArray<float>());
    }
}
