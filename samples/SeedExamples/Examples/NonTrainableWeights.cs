using Layers;
using static SeedExamples.Examples.Output;

namespace SeedExamples.Examples;

/// <summary>The seeds' ComputeSum: a non-trainable weight updated in Call.</summary>
public static class NonTrainableWeights
{
    public static void Run(TextWriter output)
    {
        Section(output, "ComputeSum(2) on ones((2, 2)), twice");
        var x = Tensor.Ones(2, 2);
        var mySum = new ComputeSum(2);
        output.WriteLine(mySum.Apply(x).FormatValues());
        output.WriteLine(mySum.Apply(x).FormatValues());
        output.WriteLine($"weights: {mySum.Weights.Count}");
        output.WriteLine($"non-trainable weights: {mySum.NonTrainableWeights.Count}");
        output.WriteLine($"trainable_weights: {Names(mySum.TrainableWeights)}");
        output.WriteLine($"my_sum.weights == [my_sum.total]: {mySum.Weights.SequenceEqual([mySum.Total])}");
        output.WriteLine($"my_sum.non_trainable_weights == [my_sum.total]: {mySum.NonTrainableWeights.SequenceEqual([mySum.Total])}");

        Section(output, "ComputeSum with a scalar total (Keras 3) on ones((2, 2)), twice");
        var scalar = new ComputeScalarSum();
        output.WriteLine(scalar.Apply(x).FormatValues());
        output.WriteLine(scalar.Apply(x).FormatValues());
        output.WriteLine($"my_sum.weights == [my_sum.total]: {scalar.Weights.SequenceEqual([scalar.Total])}");
        output.WriteLine($"my_sum.trainable_weights == []: {scalar.TrainableWeights.Count == 0}");
    }
}
