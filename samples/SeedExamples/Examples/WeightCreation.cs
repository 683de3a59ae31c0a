using Layers;
using static SeedExamples.Examples.Output;

namespace SeedExamples.Examples;

/// <summary>The seeds' Linear and SimpleDense: weights created in the constructor or by build, in declaration order.</summary>
public static class WeightCreation
{
    public static void Run(TextWriter output)
    {
        Section(output, "Linear with weights created in __init__ (Linear(4, 2) on ones((2, 2)))");
        var eager = new WeightsInInit.Linear(4, 2);
        output.WriteLine($"weights before the first call: {Names(eager.Weights)} {Shapes(eager.Weights)}");
        var x = Tensor.Ones(2, 2);
        output.WriteLine(eager.Apply(x));
        output.WriteLine($"linear_layer.weights == [linear_layer.w, linear_layer.b]: {eager.Weights.SequenceEqual([eager.W, eager.B])}");

        Section(output, "Linear with weights created in build (Linear(4))");
        var deferred = new WeightsInBuild.Linear(4);
        output.WriteLine($"linear_layer.weights: {Names(deferred.Weights)}");
        deferred.Build(new Shape(2, 2));
        output.WriteLine($"after linear_layer.build((2, 2)): {Names(deferred.Weights)} {Shapes(deferred.Weights)}");
        var lazy = new WeightsInBuild.Linear(4);
        output.WriteLine(lazy.Apply(x));
        output.WriteLine($"weights after the first call: {Names(lazy.Weights)} {Shapes(lazy.Weights)}");

        Section(output, "SimpleDense(4) on ones((2, 2))");
        var dense = new SimpleDense(4);
        var y = dense.Apply(Tensor.Ones(2, 2));
        output.WriteLine($"y.shape = {y.Shape}");
        output.WriteLine($"len(linear_layer.weights) == 2: {dense.Weights.Count == 2}");
        output.WriteLine($"len(linear_layer.trainable_weights) == 2: {dense.TrainableWeights.Count == 2}");
        output.WriteLine($"weights: {Names(dense.Weights)}");
    }
}
