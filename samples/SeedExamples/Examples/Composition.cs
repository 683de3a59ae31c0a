using Layers;
using static SeedExamples.Examples.Output;

namespace SeedExamples.Examples;

/// <summary>The seeds' MLPBlock: layers compose recursively and sublayers' weights are tracked.</summary>
public static class Composition
{
    public static void Run(TextWriter output)
    {
        Section(output, "MLPBlock on ones((3, 64))");
        var mlp = new MlpBlock();
        var y = mlp.Apply(Tensor.Ones(3, 64));
        output.WriteLine($"y.shape = {y.Shape}");
        output.WriteLine($"weights: {mlp.Weights.Count}");
        output.WriteLine($"trainable weights: {mlp.TrainableWeights.Count}");
        output.WriteLine($"paths: [{string.Join(", ", mlp.Weights.Select(w => w.Path))}]");
    }
}
