using Layers;

namespace Digits;

/// <summary>Trains an MLP on the digits: built-in layers around a custom generator-written residual layer.</summary>
public static class DigitsTraining
{
    public const long Seed = 1234;

    public static Sequential BuildModel() => new(
    [
        new InputLayer(shape: new Shape(64)),
        new Dense(128, activation: "relu"),
        new ResidualDense(),
        new Dropout(0.2, seed: Seed),
        new Dense(10),
    ], name: "digits_mlp");

    /// <summary>Loads the data, trains with a fixed seed and returns the model with its held-out test metrics.</summary>
    public static (Sequential Model, History History, IReadOnlyDictionary<string, double> Test) Run(int epochs = 30, int verbose = -1, Action<string>? print = null)
    {
        print ??= Console.WriteLine;
        SeedGenerator.SetGlobalSeed(Seed);
        var (train, test) = DigitsData.Load().Split(testFraction: 0.2, seed: Seed);
        print($"Digits: {train.Labels.Shape[0]} training and {test.Labels.Shape[0]} test images of 8x8 pixels.");

        var model = BuildModel();
        model.Compile(new Adam(learningRate: 2e-3), new SparseCategoricalCrossentropy(fromLogits: true), ["accuracy"]);
        model.Summary(print);
        var history = model.Fit(train.Images, train.Labels, batchSize: 32, epochs: epochs, validationSplit: 0.1, seed: Seed, verbose: verbose);
        var results = model.Evaluate(test.Images, test.Labels, verbose: 0);
        print($"Test accuracy: {results["accuracy"]:0.0000} (loss {results["loss"]:0.0000})");
        return (model, history, results);
    }
}
