using Layers.Tests.Support;

namespace Layers.Tests.Training;

/// <summary>LearningRateScheduler: the rate set at each epoch start, the rate logged, Keras' message.</summary>
[Collection(CallbackOutputCollection.Name)]
public class CallbacksLearningRateSchedulerTests
{
    [Fact]
    public void SetsTheRateAtEachEpochStartFromTheEpochAndTheCurrentRate()
    {
        var model = Scripted.Model(new SGD(0.1));
        var seenAtStart = new List<(int Epoch, double Rate)>();
        var scheduler = new LearningRateScheduler((epoch, lr) =>
        {
            seenAtStart.Add((epoch, lr));
            return epoch < 2 ? lr : lr * 0.5;
        });
        var seen = new List<Dictionary<string, double>>();
        Scripted.Run(model, [scheduler], Scripted.Logs("loss", 1, 1, 1, 1), seenLogs: seen);
        double f01 = (float)0.1, half = (float)(f01 * 0.5), quarter = (float)(half * 0.5);
        Assert.Equal([(0, f01), (1, f01), (2, f01), (3, half)], seenAtStart);
        Assert.Equal([f01, f01, half, quarter], seen.Select(l => l["learning_rate"]));
        Assert.Equal(quarter, model.Optimizer!.LearningRate);
    }

    [Fact]
    public void TheOneArgumentFormIgnoresTheCurrentRate()
    {
        var model = Scripted.Model(new SGD(0.1));
        Scripted.Run(model, [new LearningRateScheduler(epoch => 1.0 / (epoch + 1))], Scripted.Logs("loss", 1, 1, 1, 1));
        Assert.Equal((double)0.25f, model.Optimizer!.LearningRate);
    }

    [Fact]
    public void PrintsKerasMessagesWhenVerbose()
    {
        using var output = new OutputCapture();
        Scripted.Run(Scripted.Model(new SGD(0.1)), [new LearningRateScheduler(epoch => epoch == 0 ? 0.5 : 1e-05, verbose: 1)], Scripted.Logs("loss", 1, 1));
        Assert.Equal("\nEpoch 1: LearningRateScheduler setting learning rate to 0.5.\n\nEpoch 2: LearningRateScheduler setting learning rate to 1e-05.\n",
            output.Text);
    }

    [Fact]
    public void ANonFiniteRateIsAnError() =>
        Assertions.Throws<InvalidOperationException>(
            () => Scripted.Run(Scripted.Model(), [new LearningRateScheduler(_ => double.NaN)], Scripted.Logs("loss", 1)),
            "The output of the `schedule` function should be a finite float. Got: nan");
}
