using System.Text.RegularExpressions;
using Layers.Tests.Support;

namespace Layers.Tests.Training;

[CollectionDefinition(nameof(ProgressOutput), DisableParallelization = true)]
public sealed class ProgressOutput;

/// <summary>Model: compile, fit, evaluate, predict, on-batch methods, summary, progress. Runs alone: it redirects Progress.Output.</summary>
[Collection(nameof(ProgressOutput))]
public class ModelTests
{
    /// <summary>y = x · [2, −3] + 1 plus a little noise: a linear model must learn it.</summary>
    private static (Tensor X, Tensor Y) LinearData(int n, int seed)
    {
        var x = TestData.Tensor(seed, new Shape(n, 2), out var xv, low: -1, high: 1);
        var noise = TestData.Uniform(seed + 1, n, -0.01, 0.01);
        var y = Enumerable.Range(0, n).Select(i => (float)(2 * xv[2 * i] - 3 * xv[2 * i + 1] + 1 + noise[i])).ToArray();
        return (x, Tensor.FromArray(y, n, 1));
    }

    private static Sequential LinearModel() => new([new InputLayer(shape: new Shape(2)), new Dense(1, kernelInitializer: new Zeros())]);

    private static T Silently<T>(Func<T> action)
    {
        var previous = Progress.Output;
        Progress.Output = TextWriter.Null;
        try { return action(); }
        finally { Progress.Output = previous; }
    }

    [Fact]
    public void Fit_learns_a_linear_function_and_records_history()
    {
        var (x, y) = LinearData(256, 1);
        var model = LinearModel();
        model.Compile(new SGD(0.1), "mse");
        var history = Silently(() => model.Fit(x, y, batchSize: 16, epochs: 20, validationSplit: 0.25, seed: 3, verbose: 0));
        Assert.Equal(Enumerable.Range(0, 20), history.Epochs);
        Assert.Equal(20, history["loss"].Count);
        Assert.Equal(20, history["val_loss"].Count);
        Assert.True(history["loss"][^1] < 1e-3 * history["loss"][0], $"loss went from {history["loss"][0]} to {history["loss"][^1]}");
        var kernel = TestData.ToDoubles(((Dense)model.Layers[0]).Kernel.Value);
        Assert.Equal(2, kernel[0], 0.05);
        Assert.Equal(-3, kernel[1], 0.05);
        Assert.Equal(1, ((Dense)model.Layers[0]).Bias!.Value[0], 0.05);
    }

    [Fact]
    public void Fit_with_a_seed_is_reproducible()
    {
        var (x, y) = LinearData(64, 2);
        double[] Train()
        {
            var model = LinearModel();
            model.Compile(new SGD(0.05, momentum: 0.9), "mse");
            return [.. Silently(() => model.Fit(x, y, batchSize: 8, epochs: 3, seed: 7, verbose: 0))["loss"]];
        }
        Assert.Equal(Train(), Train());
    }

    [Fact]
    public void Evaluate_and_predict_run_in_batches_and_agree_with_a_single_call()
    {
        var (x, y) = LinearData(70, 3);
        var model = LinearModel();
        model.Compile(new SGD(0.1), "mse");
        Silently(() => model.Fit(x, y, epochs: 2, verbose: 0));
        var whole = model.Apply(x);
        var predicted = model.Predict(x, batchSize: 16);
        Assert.Equal(whole.ToArray<float>(), predicted.ToArray<float>());
        var expectedLoss = TestData.ToDoubles(whole).Zip(TestData.ToDoubles(y), (p, t) => (p - t) * (p - t)).Average();
        var results = Silently(() => model.Evaluate(x, y, batchSize: 16, verbose: 0));
        Assert.Equal(expectedLoss, results["loss"], 1e-5);
        var onBatch = model.TestOnBatch(x, y);
        Assert.Equal(expectedLoss, onBatch["loss"], 1e-5);
        Assert.Equal(whole.ToArray<float>(), model.PredictOnBatch(x).ToArray<float>());
    }

    [Fact]
    public void Train_on_batch_updates_weights_and_test_on_batch_does_not()
    {
        var (x, y) = LinearData(32, 4);
        var model = LinearModel();
        model.Compile(new SGD(0.1), "mse");
        var before = model.GetWeights().Select(w => w.ToArray<float>()).ToArray();
        model.TestOnBatch(x, y);
        Assert.Equal(before, model.GetWeights().Select(w => w.ToArray<float>()).ToArray());
        var first = model.TrainOnBatch(x, y)["loss"];
        var second = model.TrainOnBatch(x, y)["loss"];
        Assert.True(second < first);
        Assert.NotEqual(before, model.GetWeights().Select(w => w.ToArray<float>()).ToArray());
    }

    [Fact]
    public void Added_losses_and_regularizers_are_part_of_the_optimized_loss()
    {
        var x = Tensor.Ones(4, 2);
        var y = Tensor.Zeros(4, 1);
        var model = new Sequential([new InputLayer(shape: new Shape(2)), new Dense(1, kernelInitializer: new Ones(), kernelRegularizer: new L2(0.5))]);
        model.Compile(new SGD(0.01), "mse");
        // prediction 2 for every row → mse 4; L2: 0.5 · (1 + 1) = 1.
        Assert.Equal(5.0, model.TestOnBatch(x, y)["loss"], 1e-5);
    }

    [Fact]
    public void Using_an_uncompiled_model_or_mismatched_data_is_explained()
    {
        var model = LinearModel();
        Assertions.Throws<InvalidOperationException>(() => model.Fit(Tensor.Ones(2, 2), Tensor.Ones(2, 1)), "Compile()", "before Fit");
        model.Compile("sgd", "mse");
        Assertions.Throws<ArgumentException>(() => model.Fit(Tensor.Ones(3, 2), Tensor.Ones(2, 1)), "x has 3 samples", "y has 2");
        Assertions.Throws<ArgumentOutOfRangeException>(() => model.Fit(Tensor.Ones(3, 2), Tensor.Ones(3, 1), validationSplit: 1.5), "validation_split");
    }

    private sealed class StopAfter(int epochs) : Callback
    {
        public override void OnEpochEnd(int epoch, IDictionary<string, double> logs)
        {
            if (epoch + 1 >= epochs) Model!.StopTraining = true;
        }
    }

    [Fact]
    public void A_callback_can_stop_training()
    {
        var (x, y) = LinearData(16, 5);
        var model = LinearModel();
        model.Compile(new SGD(0.1), "mse");
        var history = Silently(() => model.Fit(x, y, epochs: 10, callbacks: [new StopAfter(3)], verbose: 0));
        Assert.Equal([0, 1, 2], history.Epochs);
    }

    [Fact]
    public void One_line_per_epoch_when_output_is_redirected()
    {
        var (x, y) = LinearData(40, 6);
        var model = LinearModel();
        model.Compile(new SGD(0.1), "mse");
        var output = new StringWriter();
        var previous = Progress.Output;
        Progress.Output = output;
        try
        {
            model.Fit(x, y, batchSize: 10, epochs: 2, validationSplit: 0.25, verbose: -1);
        }
        finally
        {
            Progress.Output = previous;
        }
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.Equal("Epoch 1/2", lines[0]);
        Assert.Matches(new Regex(@"^3/3 - \d+s - \d+(us|ms|s)/step - loss: \d\.\d{4}(e[+-]\d\d)? - val_loss: \d\.\d{4}(e[+-]\d\d)?$"), lines[1]);
        Assert.Equal("Epoch 2/2", lines[2]);
    }

    [Fact]
    public void A_live_bar_is_redrawn_after_every_batch_on_a_terminal()
    {
        var (x, y) = LinearData(40, 7);
        var model = LinearModel();
        model.Compile(new SGD(0.1), "mse");
        var output = new StringWriter();
        var previous = Progress.Output;
        Progress.Output = output;
        Progress.IsInteractive = true;
        try
        {
            model.Fit(x, y, batchSize: 10, epochs: 1, verbose: -1);
        }
        finally
        {
            Progress.Output = previous;
            Progress.DetectInteractive();
        }
        var text = output.ToString();
        Assert.StartsWith("Epoch 1/1\n", text);
        var frames = text["Epoch 1/1\n".Length..].TrimEnd('\n').Split('\r', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, frames.Length);   // batches 1, 2, 3, then the final frame for 4/4
        string Plain(string frame) => Regex.Replace(frame, "\x1b\\[[0-9;]*m", "").TrimEnd();
        Assert.Matches(new Regex(@"^1/4 ━{20} \d+s \d+(us|ms|s)/step - loss: \d\.\d{4}"), Plain(frames[0]));
        Assert.Matches(new Regex(@"^4/4 ━{20} \d+s \d+(us|ms|s)/step - loss: \d\.\d{4}$"), Plain(frames[3]));
        Assert.Contains("\x1b[32m" + new string('━', 5) + "\x1b[0m\x1b[37m" + new string('━', 15), frames[0]);   // 1/4 of the bar done
        Assert.Contains("\x1b[32m" + new string('━', 20) + "\x1b[0m", frames[3]);
    }

    [Fact]
    public void Summary_prints_keras_table_and_totals()
    {
        var model = new Sequential([new InputLayer(shape: new Shape(3)), new Dense(4, name: "hidden"), new Dropout(0.5, name: "drop"), new Dense(2, name: "out")], name: "tiny");
        var lines = model.SummaryLines();
        Assert.Equal("Model: \"tiny\"", lines[0]);
        Assert.StartsWith("┏", lines[1]);
        Assert.Matches(@"^┃ Layer \(type\) +┃ Output Shape +┃ +Param # ┃$", lines[2]);
        Assert.Matches(@"^│ hidden \(Dense\) +│ \(None, 4\) +│ +16 │$", lines[4]);
        Assert.StartsWith("├", lines[5]);
        Assert.Matches(@"^│ drop \(Dropout\) +│ \(None, 4\) +│ +0 │$", lines[6]);
        Assert.Matches(@"^│ out \(Dense\) +│ \(None, 2\) +│ +10 │$", lines[8]);
        Assert.StartsWith("└", lines[9]);
        Assert.Equal(" Total params: 26 (104.00 B)", lines[10]);
        Assert.Equal(" Trainable params: 26 (104.00 B)", lines[11]);
        Assert.Equal(" Non-trainable params: 0 (0.00 B)", lines[12]);
        Assert.All(lines.Skip(1).Take(9), l => Assert.Equal(lines[1].Length, l.Length));
    }

    [Fact]
    public void Sequential_add_pop_and_layers_exclude_the_input_layer()
    {
        var model = new Sequential([new InputLayer(shape: new Shape(3))]);
        model.Add(new Dense(4));
        Assert.True(model.Built);
        model.Add(new Dense(2));
        Assert.Equal(2, model.Layers.Count);
        Assert.Equal(new Shape(3, 2), model.Apply(Tensor.Ones(3, 3)).Shape);
        var popped = model.Pop();
        Assert.IsType<Dense>(popped);
        Assert.Equal(new Shape(3, 4), model.Apply(Tensor.Ones(3, 3)).Shape);
        Assert.Equal(2, model.Weights.Count);

        var lazy = new Sequential([new Dense(3)]);
        Assert.False(lazy.Built);
        lazy.Apply(Tensor.Ones(2, 5));
        Assert.True(lazy.Built);
        Assert.Equal(new Shape(5, 3), ((Dense)lazy.Layers[0]).Kernel.Shape);
    }
}
