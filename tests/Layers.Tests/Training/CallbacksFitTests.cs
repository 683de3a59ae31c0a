using Layers.Tests.Saving;

namespace Layers.Tests.Training;

/// <summary>The callbacks inside a real Fit: stopping, rates in History and the CSV log, restored weights.</summary>
public class CallbacksFitTests
{
    public CallbacksFitTests() => TestModels.RegisterAll();

    [Fact]
    public void EarlyStoppingEndsFitAndRestoresTheBestWeights()
    {
        var (x, y) = TestModels.Data(24);
        var model = TestModels.Mlp();
        // A rate this large makes the loss oscillate, so it stops improving within a few epochs.
        model.Compile(new SGD(3.0), new TestMse());
        Tensor[]? bestWeights = null;
        double best = double.PositiveInfinity;
        var recorder = new LambdaCallback(onEpochEnd: (_, logs) =>
        {
            if (logs["loss"] < best) { best = logs["loss"]; bestWeights = model.GetWeights(); }
        });
        var stopping = new EarlyStopping(monitor: "loss", patience: 1, restoreBestWeights: true);
        var history = model.Fit(x, y, batchSize: 24, epochs: 30, verbose: 0, callbacks: [recorder, stopping], shuffle: false);
        Assert.True(history.Epochs.Count < 30);
        Assert.Equal(history.Epochs.Count - 1, stopping.StoppedEpoch);
        Assert.Equal(best, stopping.Best);
        Assert.Equal(bestWeights!.Select(TestModels.Bits), model.GetWeights().Select(TestModels.Bits));
    }

    [Fact]
    public void RatesAppearInHistoryAndTheCsvLog()
    {
        using var dir = new SavingSupport.TempDirectory();
        var (x, y) = TestModels.Data(16);
        var model = TestModels.Mlp();
        model.Compile(new SGD(0.5), new TestMse());
        string csv = dir.File("log.csv");
        var history = model.Fit(x, y, batchSize: 8, epochs: 3, verbose: 0, validationSplit: 0.25, seed: 2,
            callbacks: [new LearningRateScheduler(epoch => 0.5 / (1 << epoch)), new CSVLogger(csv)]);
        Assert.Equal([0.5, 0.25, 0.125], history["learning_rate"]);
        var lines = File.ReadAllText(csv).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("epoch,learning_rate,loss,val_loss", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("2,0.125,", lines[3]);
        Assert.EndsWith(PythonFloat.Repr(history["val_loss"][2]), lines[3]);
    }

    [Fact]
    public void ReduceLROnPlateauLowersTheRateOfARealFit()
    {
        var (x, y) = TestModels.Data(16);
        var model = TestModels.Mlp();
        model.Compile(new SGD(4.0), new TestMse());
        var history = model.Fit(x, y, batchSize: 16, epochs: 12, verbose: 0, shuffle: false,
            callbacks: [new ReduceLROnPlateau(monitor: "loss", factor: 0.5, patience: 1)]);
        var rates = history["learning_rate"];
        Assert.Equal(4.0, rates[0]);
        Assert.True(rates[^1] < 4.0);
        for (int i = 1; i < rates.Count; i++) Assert.True(rates[i] == rates[i - 1] || rates[i] == rates[i - 1] * 0.5);
    }
}
