using Layers.Tests.Support;

namespace Layers.Tests.Training;

/// <summary>ReduceLROnPlateau on scripted logs: when it reduces, cooldowns, the floor, what it logs and prints.</summary>
[Collection(CallbackOutputCollection.Name)]
public class CallbacksReduceLROnPlateauTests
{
    private static double F(double value) => (float)value;

    /// <summary>The learning rate logged at each epoch end (before that epoch's reduction, as in Keras).</summary>
    private static double[] LoggedRates(Model model, ReduceLROnPlateau callback, params double[] valLosses)
    {
        var seen = new List<Dictionary<string, double>>();
        Scripted.Run(model, [callback], Scripted.Logs("val_loss", valLosses), seenLogs: seen);
        return [.. seen.Select(l => l["learning_rate"])];
    }

    [Fact]
    public void ReducesAfterPatienceEpochsWithoutImprovement()
    {
        var model = Scripted.Model(new SGD(0.1));
        var rates = LoggedRates(model, new ReduceLROnPlateau(factor: 0.5, patience: 2), 1, 1, 1, 1, 1, 1);
        Assert.Equal([F(0.1), F(0.1), F(0.1), F(F(0.1) * 0.5), F(F(0.1) * 0.5), F(F(F(0.1) * 0.5) * 0.5)], rates);
        Assert.Equal(F(F(F(0.1) * 0.5) * 0.5), model.Optimizer!.LearningRate);
    }

    [Fact]
    public void ImprovementsByMoreThanMinDeltaResetTheWait()
    {
        var model = Scripted.Model(new SGD(0.1));
        // 0.99995 is within min_delta (1e-4) of 1, so it counts as no improvement; 0.9 does improve.
        LoggedRates(model, new ReduceLROnPlateau(factor: 0.5, patience: 2), 1, 0.99995, 0.9, 0.9, 0.85);
        Assert.Equal(F(0.1), model.Optimizer!.LearningRate);
        var strict = Scripted.Model(new SGD(0.1));
        LoggedRates(strict, new ReduceLROnPlateau(factor: 0.5, patience: 2), 1, 0.99995, 0.99991);
        Assert.Equal(F(F(0.1) * 0.5), strict.Optimizer!.LearningRate);
    }

    [Fact]
    public void CooldownPausesCountingAfterAReduction()
    {
        var model = Scripted.Model(new SGD(0.5));
        var callback = new ReduceLROnPlateau(factor: 0.5, patience: 1, cooldown: 2);
        var rates = LoggedRates(model, callback, 1, 1, 1, 1, 1, 1, 1);
        // Reductions at epochs 1, 3, 5: the epoch after a reduction is skipped; in the next the counter reaches 0
        // and the epoch counts again (Keras decrements before testing).
        Assert.Equal([0.5, 0.5, 0.25, 0.25, 0.125, 0.125, 0.0625], rates);
        Assert.Equal(0.0625, model.Optimizer!.LearningRate);

        var noCooldown = Scripted.Model(new SGD(0.5));
        Assert.Equal([0.5, 0.5, 0.25, 0.125, 0.0625, 0.03125], LoggedRates(noCooldown, new ReduceLROnPlateau(factor: 0.5, patience: 1), 1, 1, 1, 1, 1, 1));
        var longCooldown = Scripted.Model(new SGD(0.5));
        Assert.Equal([0.5, 0.5, 0.25, 0.25, 0.25, 0.125], LoggedRates(longCooldown, new ReduceLROnPlateau(factor: 0.5, patience: 1, cooldown: 3), 1, 1, 1, 1, 1, 1));
    }

    [Fact]
    public void AnImprovementDuringCooldownBecomesTheNewBest()
    {
        var model = Scripted.Model(new SGD(0.5));
        var callback = new ReduceLROnPlateau(factor: 0.5, patience: 1, cooldown: 1);
        LoggedRates(model, callback, 1, 1, 0.5, 0.6);
        Assert.Equal(0.5, callback.Best);
        Assert.Equal(0.125, model.Optimizer!.LearningRate);
        Assert.Equal(1, callback.CooldownCounter);
    }

    [Fact]
    public void NeverGoesBelowMinLr()
    {
        var model = Scripted.Model(new SGD(0.1));
        var rates = LoggedRates(model, new ReduceLROnPlateau(factor: 0.5, patience: 1, minLr: 0.03), 1, 1, 1, 1, 1);
        // 0.1 → 0.05 → 0.03 (floored); at float32(0.03) it is no longer above min_lr (Keras compares in float32).
        Assert.Equal([F(0.1), F(0.1), F(F(0.1) * 0.5), F(0.03), F(0.03)], rates);
    }

    [Fact]
    public void PrintsKerasMessages()
    {
        using var output = new OutputCapture();
        var model = Scripted.Model(new SGD(0.1));
        LoggedRates(model, new ReduceLROnPlateau(factor: 0.5, patience: 1, verbose: 1), 1, 1);
        // Python prints the float32 rate times the factor, in repr form.
        Assert.Equal("\nEpoch 2: ReduceLROnPlateau reducing learning rate to 0.05000000074505806.\n", output.Text);
    }

    [Fact]
    public void MaxModeReducesWhenTheMetricStopsRising()
    {
        var model = Scripted.Model(new SGD(0.5), new NamedMetric("accuracy"));
        var callback = new ReduceLROnPlateau(monitor: "val_accuracy", factor: 0.5, patience: 1);
        var seen = new List<Dictionary<string, double>>();
        Scripted.Run(model, [callback], Scripted.Logs("val_accuracy", 0.5, 0.6, 0.7, 0.65), seenLogs: seen);
        Assert.Equal(0.25, model.Optimizer!.LearningRate);
        Assert.True(callback.HigherIsBetter);
    }

    [Fact]
    public void AMissingMetricWarnsButStillLogsTheRate()
    {
        using var output = new OutputCapture();
        var model = Scripted.Model(new SGD(0.5));
        var seen = new List<Dictionary<string, double>>();
        Scripted.Run(model, [new ReduceLROnPlateau(patience: 0)], Scripted.Logs("loss", 1, 1), seenLogs: seen);
        Assert.Equal(0.5, seen[1]["learning_rate"]);
        Assert.Equal(0.5, model.Optimizer!.LearningRate);
        Assert.Equal("UserWarning: Learning rate reduction is conditioned on metric `val_loss` which is not available. Available metrics are: loss,learning_rate.\n",
            output.Text);
    }

    [Fact]
    public void FactorMustBeBelowOne()
    {
        Assertions.Throws<ArgumentOutOfRangeException>(() => new ReduceLROnPlateau(factor: 1.0), "ReduceLROnPlateau does not support a factor >= 1.0. Received factor=1.0");
        Assertions.Throws<ArgumentOutOfRangeException>(() => new ReduceLROnPlateau(factor: -0.5), "factor must be in [0, 1)");
    }

    [Fact]
    public void AScheduledOptimizerCannotBeReduced()
    {
        var model = Scripted.Model(new SGD(schedule: new ExponentialDecay(0.1, 10, 0.5)));
        Assertions.Throws<InvalidOperationException>(() => LoggedRates(model, new ReduceLROnPlateau(patience: 0), 1, 1), "not settable");
    }
}
