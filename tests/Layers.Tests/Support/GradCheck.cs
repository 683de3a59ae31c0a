namespace Layers.Tests.Support;

/// <summary>
/// Checks an op's backward rule against central finite differences in float64. The op's output is
/// contracted with fixed random weights, so every element of the upstream gradient differs and a rule
/// that mixes up elements or forgets a broadcast sum fails.
/// </summary>
public static class GradCheck
{
    /// <param name="function">The op under test, applied to float64 inputs.</param>
    /// <param name="inputs">float64 inputs; each one's gradient is checked.</param>
    public static void Check(Func<Tensor[], Tensor> function, Tensor[] inputs, int seed = 7, double eps = 1e-6, double rtol = 1e-5, double atol = 1e-7)
    {
        foreach (var input in inputs) Assert.Equal(DType.Float64, input.DType);
        var output = function(inputs);
        var weights = TestData.Tensor(seed, output.Shape, DType.Float64, 0.5, 1.5);
        var weightValues = TestData.ToDoubles(weights);

        Tensor[] analytic;
        using (var tape = new GradientTape())
        {
            foreach (var input in inputs) tape.Watch(input);
            var contracted = Ops.Multiply(function(inputs), weights);
            analytic = tape.Gradient(contracted, inputs);
        }

        for (int k = 0; k < inputs.Length; k++)
        {
            Assert.Equal(inputs[k].Shape, analytic[k].Shape);
            var expected = new double[inputs[k].Size];
            var data = inputs[k].AsMutableSpan<double>();
            for (int i = 0; i < expected.Length; i++)
            {
                double saved = data[i];
                data[i] = saved + eps;
                double plus = Contract(function(inputs), weightValues);
                data[i] = saved - eps;
                double minus = Contract(function(inputs), weightValues);
                data[i] = saved;
                expected[i] = (plus - minus) / (2 * eps);
            }
            Assertions.Close(expected, analytic[k], rtol, atol);
        }
    }

    private static double Contract(Tensor output, double[] weights)
    {
        var values = TestData.ToDoubles(output);
        double sum = 0;
        for (int i = 0; i < values.Length; i++) sum += values[i] * weights[i];
        return sum;
    }
}
