namespace Layers.Tests.Training;

/// <summary>LambdaCallback calls each delegate at its event, in Fit's order, with Fit's arguments.</summary>
public class CallbacksLambdaTests
{
    [Fact]
    public void EveryHookRunsAtItsEventDuringFit()
    {
        var events = new List<string>();
        var callback = new LambdaCallback(
            onEpochBegin: (e, _) => events.Add($"epoch_begin {e}"),
            onEpochEnd: (e, logs) => events.Add($"epoch_end {e} {string.Join(",", logs.Keys.Order())}"),
            onTrainBegin: _ => events.Add("train_begin"),
            onTrainEnd: _ => events.Add("train_end"),
            onTrainBatchBegin: (b, _) => events.Add($"batch_begin {b}"),
            onTrainBatchEnd: (b, logs) => events.Add($"batch_end {b} {string.Join(",", logs.Keys.Order())}"),
            onTestBegin: _ => events.Add("test_begin"),
            onTestEnd: _ => events.Add("test_end"),
            onTestBatchBegin: (b, _) => events.Add($"test_batch_begin {b}"),
            onTestBatchEnd: (b, _) => events.Add($"test_batch_end {b}"),
            onPredictBegin: _ => events.Add("predict_begin"),
            onPredictEnd: _ => events.Add("predict_end"),
            onPredictBatchBegin: (b, _) => events.Add($"predict_batch_begin {b}"),
            onPredictBatchEnd: (b, _) => events.Add($"predict_batch_end {b}"));
        var model = Scripted.Model();
        var (x, y) = TestModels.Data(6);
        model.Fit(x, y, batchSize: 4, epochs: 2, verbose: 0, callbacks: [callback], seed: 1);
        Assert.Equal(
        [
            "train_begin",
            "epoch_begin 0", "batch_begin 0", "batch_end 0 loss", "batch_begin 1", "batch_end 1 loss", "epoch_end 0 loss",
            "epoch_begin 1", "batch_begin 0", "batch_end 0 loss", "batch_begin 1", "batch_end 1 loss", "epoch_end 1 loss",
            "train_end",
        ], events);

        events.Clear();
        model.Evaluate(x, y, batchSize: 4, verbose: 0, callbacks: [callback]);
        Assert.Equal(["test_begin", "test_batch_begin 0", "test_batch_end 0", "test_batch_begin 1", "test_batch_end 1", "test_end"], events);
        events.Clear();
        model.Predict(x, batchSize: 6, callbacks: [callback]);
        Assert.Equal(["predict_begin", "predict_batch_begin 0", "predict_batch_end 0", "predict_end"], events);
    }

    [Fact]
    public void MissingHooksDoNothing()
    {
        int ends = 0;
        var callback = new LambdaCallback(onEpochEnd: (_, logs) => { ends++; logs["extra"] = 1; });
        var seen = new List<Dictionary<string, double>>();
        Scripted.Run(Scripted.Model(), [callback], Scripted.Logs("loss", 1, 2), batches: 2, seenLogs: seen);
        Assert.Equal(2, ends);
        Assert.All(seen, logs => Assert.Equal(1, logs["extra"]));
    }
}
