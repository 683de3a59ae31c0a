using Layers;
using static SeedExamples.Examples.Output;

namespace SeedExamples.Examples;

/// <summary>The seeds' get_weights/set_weights: one Dense's weights copied into another.</summary>
public static class WeightTransfer
{
    public static void Run(TextWriter output)
    {
        Section(output, "get_weights / set_weights");
        var a = new SeedDense(1, kernelInitializer: Initializers.Constant(1.0));
        a.Apply(Tensor.FromArray([1f, 2f, 3f], 1, 3));
        output.WriteLine($"a.get_weights(): {Values(a.GetWeights())}");
        var b = new SeedDense(1, kernelInitializer: Initializers.Constant(2.0));
        b.Apply(Tensor.FromArray([10f, 20f, 30f], 1, 3));
        output.WriteLine($"b.get_weights(): {Values(b.GetWeights())}");
        b.SetWeights(a.GetWeights());
        output.WriteLine($"b.get_weights() after b.set_weights(a.get_weights()): {Values(b.GetWeights())}");
    }
}
