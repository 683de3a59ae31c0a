using Layers.Tests.Support;

namespace Layers.Tests.Training;

/// <summary>EarlyStopping on scripted logs: the epoch it stops at, baseline, min_delta, start_from_epoch, restoring weights.</summary>
[Collection(CallbackOutputCollection.Name)]
public class CallbacksEarlyStoppingTests
{
    [Fact]
    public void StopsWhenPatienceRunsOut()
    {
        var model = Scripted.Model();
        var stopping = new EarlyStopping(patience: 2);
        // 0: best; 1: better; 2: wait 1; 3: wait 2 → stop.
        int epochs = Scripted.Run(model, [stopping], Scripted.Logs("val_loss", 1.0, 0.9, 0.95, 0.92, 0.91, 0.5));
        Assert.Equal(4, epochs);
        Assert.Equal(3, stopping.StoppedEpoch);
        Assert.Equal(0.9, stopping.Best);
        Assert.Equal(1, stopping.BestEpoch);
        Assert.True(model.StopTraining);
    }

    [Fact]
    public void AnImprovementResetsTheWait()
    {
        var stopping = new EarlyStopping(patience: 2);
        int epochs = Scripted.Run(Scripted.Model(), [stopping], Scripted.Logs("val_loss", 1.0, 1.1, 0.8, 0.85, 0.7, 0.75, 0.76, 0.1));
        Assert.Equal(7, epochs);
        Assert.Equal(6, stopping.StoppedEpoch);
        Assert.Equal(0.7, stopping.Best);
    }

    [Fact]
    public void DefaultPatienceStopsAtTheFirstEpochWithoutImprovementButNeverAtEpochZero()
    {
        var stopping = new EarlyStopping();
        Assert.Equal(3, Scripted.Run(Scripted.Model(), [stopping], Scripted.Logs("val_loss", 3, 2, 2, 1)));
        Assert.Equal(2, stopping.StoppedEpoch);
        // A NaN never improves, but at epoch 0 there is nothing to stop yet.
        var again = new EarlyStopping();
        Assert.Equal(2, Scripted.Run(Scripted.Model(), [again], Scripted.Logs("val_loss", double.NaN, double.NaN, 1)));
    }

    [Fact]
    public void MinDeltaIsTheMarginAnImprovementNeeds()
    {
        var strict = new EarlyStopping(minDelta: 0.05, patience: 1);
        Assert.Equal(2, Scripted.Run(Scripted.Model(), [strict], Scripted.Logs("val_loss", 1.0, 0.96, 0.5)));
        var negative = new EarlyStopping(minDelta: -0.05, patience: 1);
        Assert.Equal(0.05, negative.MinDelta);
        var lenient = new EarlyStopping(minDelta: 0.03, patience: 1);
        Assert.Equal(3, Scripted.Run(Scripted.Model(), [lenient], Scripted.Logs("val_loss", 1.0, 0.96, 0.95)));
        Assert.Equal(0.96, lenient.Best);
    }

    [Fact]
    public void ABaselineKeepsTheWaitGrowingUntilItIsBeaten()
    {
        var withBaseline = new EarlyStopping(patience: 2, baseline: 0.5);
        // Improvements that do not beat 0.5 do not reset the wait: 1, 2, then 3 ≥ 2 at epoch 2.
        Assert.Equal(3, Scripted.Run(Scripted.Model(), [withBaseline], Scripted.Logs("val_loss", 1.0, 0.9, 0.95, 0.8, 0.4, 0.45)));
        Assert.Equal(2, withBaseline.StoppedEpoch);

        var without = new EarlyStopping(patience: 2);
        Assert.Equal(6, Scripted.Run(Scripted.Model(), [without], Scripted.Logs("val_loss", 1.0, 0.9, 0.95, 0.8, 0.4, 0.45)));

        var beaten = new EarlyStopping(patience: 1, baseline: 0.5);
        Assert.Equal(3, Scripted.Run(Scripted.Model(), [beaten], Scripted.Logs("val_loss", 0.4, 0.3, 0.35, 0.1)));
        Assert.Equal(2, beaten.StoppedEpoch);
    }

    [Fact]
    public void EpochsBeforeStartFromEpochAreIgnored()
    {
        var stopping = new EarlyStopping(patience: 0, startFromEpoch: 2);
        Assert.Equal(4, Scripted.Run(Scripted.Model(), [stopping], Scripted.Logs("val_loss", 1, 2, 3, 4, 5)));
        Assert.Equal(3, stopping.StoppedEpoch);
        Assert.Equal(3, stopping.Best);
    }

    [Fact]
    public void MaxModeAndAutoModeForHigherIsBetterMetrics()
    {
        var max = new EarlyStopping(monitor: "val_score", mode: "max", patience: 1);
        Assert.Equal(3, Scripted.Run(Scripted.Model(), [max], Scripted.Logs("val_score", 0.5, 0.6, 0.55, 0.9)));
        Assert.True(max.HigherIsBetter);

        var auto = new EarlyStopping(monitor: "val_accuracy", patience: 1);
        Assert.Equal(3, Scripted.Run(Scripted.Model(metrics: new NamedMetric("accuracy")), [auto], Scripted.Logs("val_accuracy", 0.5, 0.6, 0.55, 0.9)));
        Assert.True(auto.HigherIsBetter);

        var loss = new EarlyStopping(monitor: "loss");
        Scripted.Run(Scripted.Model(), [loss], Scripted.Logs("loss", 1));
        Assert.False(loss.HigherIsBetter);
    }

    [Fact]
    public void AutoModeCannotGuessAnUnknownMetric()
    {
        var stopping = new EarlyStopping(monitor: "val_test_mean_prediction");
        Assertions.Throws<InvalidOperationException>(
            () => Scripted.Run(Scripted.Model(metrics: new TestMeanPrediction()), [stopping], Scripted.Logs("val_test_mean_prediction", 1)),
            "EarlyStopping callback received monitor=val_test_mean_prediction", "Pass mode: \"max\"");
        Assertions.Throws<InvalidOperationException>(
            () => Scripted.Run(Scripted.Model(), [new EarlyStopping(monitor: "val_accuracy")], Scripted.Logs("val_accuracy", 1)),
            "monitor=val_accuracy");
    }

    [Fact]
    public void RestoresTheBestEpochsWeightsAtTheEnd()
    {
        using var output = new OutputCapture();
        var model = Scripted.Model();
        var stopping = new EarlyStopping(patience: 2, restoreBestWeights: true, verbose: 1);
        int epochs = Scripted.Run(model, [stopping], Scripted.Logs("val_loss", 1.0, 0.5, 0.7, 0.6, 0.1), duringEpoch: e => Scripted.Mark(model, e + 10));
        Assert.Equal(4, epochs);
        Assert.Equal(11, Scripted.Marked(model));
        Assert.Equal("Epoch 4: early stopping\nRestoring model weights from the end of the best epoch: 2.\n", output.Text);
    }

    [Fact]
    public void RestoresEvenWhenTrainingRanToTheEndAndSaysNothingWhenQuiet()
    {
        using var output = new OutputCapture();
        var model = Scripted.Model();
        var stopping = new EarlyStopping(patience: 5, restoreBestWeights: true);
        Assert.Equal(4, Scripted.Run(model, [stopping], Scripted.Logs("val_loss", 3, 2, 1, 1.5), duringEpoch: e => Scripted.Mark(model, e)));
        Assert.Equal(2, Scripted.Marked(model));
        Assert.Equal(0, stopping.StoppedEpoch);
        Assert.Equal("", output.Text);

        var withoutRestore = new EarlyStopping(patience: 5);
        Scripted.Run(model, [withoutRestore], Scripted.Logs("val_loss", 3, 2, 1, 1.5), duringEpoch: e => Scripted.Mark(model, e));
        Assert.Equal(3, Scripted.Marked(model));
    }

    [Fact]
    public void BetterValuesBeforeStartFromEpochDoNotCount()
    {
        var model = Scripted.Model();
        var stopping = new EarlyStopping(patience: 9, restoreBestWeights: true, startFromEpoch: 2);
        Scripted.Run(model, [stopping], Scripted.Logs("val_loss", 0.1, 0.1, 7, 5, 6), duringEpoch: e => Scripted.Mark(model, e));
        Assert.Equal(3, Scripted.Marked(model));
        Assert.Equal(3, stopping.BestEpoch);
        Assert.Equal(5, stopping.Best);
    }

    /// <summary>Keras' quirk, kept: anything improves on no best, so a first NaN becomes the best and nothing beats it.</summary>
    [Fact]
    public void AFirstNaNBecomesABestNothingBeats()
    {
        var model = Scripted.Model();
        var stopping = new EarlyStopping(patience: 1, restoreBestWeights: true);
        Assert.Equal(2, Scripted.Run(model, [stopping], Scripted.Logs("val_loss", double.NaN, 0.5, 0.1), duringEpoch: e => Scripted.Mark(model, e)));
        Assert.Equal(0, Scripted.Marked(model));
        Assert.True(double.IsNaN(stopping.Best!.Value));
    }

    [Fact]
    public void AMissingMetricWarnsOnceAndNeverStops()
    {
        using var output = new OutputCapture();
        var stopping = new EarlyStopping();
        Assert.Equal(3, Scripted.Run(Scripted.Model(), [stopping], Scripted.Logs("loss", 1, 2, 3)));
        Assert.Equal("UserWarning: Early stopping conditioned on metric `val_loss` which is not available. Available metrics are: loss\n", output.Text);
    }

    [Fact]
    public void AnInstanceIsResetForEachFit()
    {
        var model = Scripted.Model();
        var stopping = new EarlyStopping(patience: 1);
        Assert.Equal(2, Scripted.Run(model, [stopping], Scripted.Logs("val_loss", 0.1, 0.2)));
        Assert.Equal(3, Scripted.Run(model, [stopping], Scripted.Logs("val_loss", 5, 4, 4.5)));
        Assert.Equal(4, stopping.Best);
    }

    [Fact]
    public void AnUnknownModeWarnsAndFallsBackToAuto()
    {
        using var output = new OutputCapture();
        var stopping = new EarlyStopping(mode: "lowest");
        Assert.Equal("auto", stopping.Mode);
        Assert.Equal("UserWarning: EarlyStopping mode 'lowest' is unknown, fallback to auto mode.\n", output.Text);
    }
}
