using System.Text.Json.Nodes;
using Layers.Tests.Support;

namespace Layers.Tests.Training;

/// <summary>
/// Trajectories against PyTorch 1.13 where the algorithms coincide (TestData/optimizers_torch.py says which
/// settings make them coincide and why). Each optimizer is built from the Keras arguments recorded beside
/// the trajectory, through Keras' config format, and replays 25 steps of the same gradient function.
/// Regenerate: <c>/usr/bin/python3 tests/Layers.Tests/Training/TestData/optimizers_torch.py</c>.
/// </summary>
public class OptimizersTorchTests
{
    private static readonly Lazy<JsonObject> Data = new(() =>
        (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Training", "TestData", "optimizers_torch.json")))!);

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var node in Data.Value["cases"]!.AsArray())
            data.Add(node!["name"]!.GetValue<string>(), node["dtype"]!.GetValue<string>());
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TrajectoryMatchesPyTorch(string name, string dtypeName)
    {
        var data = Data.Value;
        var testCase = data["cases"]!.AsArray().Single(c => c!["name"]!.GetValue<string>() == name && c["dtype"]!.GetValue<string>() == dtypeName)!;
        var dtype = dtypeName == "float32" ? DType.Float32 : DType.Float64;
        double[] a = Doubles(data["a"]!), t = Doubles(data["t"]!), w0 = Doubles(testCase["w0"]!);
        var optimizer = FromKerasArguments(testCase["keras"]!.AsObject());
        var variable = new Variable(Tensor.FromArray(w0, w0.Length), "w");
        if (dtype == DType.Float32) variable = new Variable(Tensor.FromArray(w0.Select(v => (float)v).ToArray(), w0.Length), "w");
        var trajectory = testCase["trajectory"]!.AsArray();
        // float32 runs differ from PyTorch's in rounding order only; float64 runs agree to a few ulps.
        double rtol = dtype == DType.Float32 ? 1e-5 : 1e-12;
        double atol = dtype == DType.Float32 ? 1e-6 : 1e-14;
        for (int step = 0; step < trajectory.Count; step++)
        {
            var w = TestData.ToDoubles(variable.Value);
            var g = new double[w.Length];
            for (int i = 0; i < g.Length; i++) g[i] = a[i] * (w[i] - t[i]) + 0.1 * w[i] * w[i] * w[i];
            var gradient = dtype == DType.Float32
                ? Tensor.FromArray(g.Select(v => (float)v).ToArray(), g.Length)
                : Tensor.FromArray(g, g.Length);
            optimizer.ApplyGradients([gradient], [variable]);
            try
            {
                Assertions.Close(Doubles(trajectory[step]!), variable.Value, rtol, atol);
            }
            catch (Exception e) when (e is Xunit.Sdk.XunitException)
            {
                throw new Xunit.Sdk.XunitException($"{name} {dtypeName}, step {step + 1}: {e.Message}");
            }
        }
    }

    /// <summary>The trajectories move: a test that compared a run with itself would not notice a broken optimizer.</summary>
    [Fact]
    public void TrajectoriesDiffer()
    {
        var finals = Data.Value["cases"]!.AsArray()
            .Where(c => c!["dtype"]!.GetValue<string>() == "float64")
            .Select(c => Doubles(c!["trajectory"]!.AsArray()[^1]!)[0])
            .ToArray();
        Assert.Equal(finals.Length, finals.Distinct().Count());
    }

    private static Optimizer FromKerasArguments(JsonObject keras)
    {
        var config = new JsonObject();
        foreach (var (key, value) in keras)
            if (key != "class") config[key] = value?.DeepClone();
        return Serialization.DeserializeOptimizer(new JsonObject { ["class_name"] = keras["class"]!.GetValue<string>(), ["config"] = config });
    }

    private static double[] Doubles(JsonNode node) => [.. node.AsArray().Select(v => v!.GetValue<double>())];
}
