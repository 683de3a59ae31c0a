using System.Text.Json.Nodes;

namespace Layers.Tests.Peer;

/// <summary>
/// With the same initial weights and batches, our training follows PyTorch's loss trajectory.
/// Reference: torch_trajectory.json, written by torch_trajectory.py (PyTorch 1.13; the command is in the script).
/// </summary>
public class PeerTrajectoryTests
{
    private static readonly JsonObject Reference =
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Peer", "torch_trajectory.json")))!.AsObject();

    private static float[] Floats(JsonNode? node) => [.. node!.AsArray().Select(v => (float)v!.GetValue<double>())];

    private static Sequential ModelWithReferenceWeights()
    {
        var sizes = Reference["sizes"]!.AsArray().Select(v => v!.GetValue<int>()).ToArray();
        var model = new Sequential([
            new InputLayer(shape: new Shape(sizes[0])),
            new Dense(sizes[1], activation: "relu"),
            new Dense(sizes[2], activation: "relu"),
            new Dense(sizes[3]),
        ]);
        var weights = new List<Tensor>();
        var layers = Reference["weights"]!.AsArray();
        for (int i = 0; i < layers.Count; i++)
        {
            weights.Add(Tensor.FromArray(Floats(layers[i]![0]), sizes[i], sizes[i + 1]));
            weights.Add(Tensor.FromArray(Floats(layers[i]![1])));
        }
        model.SetWeights(weights);
        return model;
    }

    private static double[] Train(Optimizer optimizer)
    {
        var model = ModelWithReferenceWeights();
        model.Compile(optimizer, new SparseCategoricalCrossentropy(fromLogits: true));
        int steps = Reference["steps"]!.GetValue<int>(), batch = Reference["batch"]!.GetValue<int>();
        int features = Reference["sizes"]![0]!.GetValue<int>();
        var x = Floats(Reference["x"]);
        var y = Reference["y"]!.AsArray().Select(v => v!.GetValue<long>()).ToArray();
        var losses = new double[steps];
        for (int step = 0; step < steps; step++)
        {
            var xb = Tensor.FromSpan<float>(x.AsSpan(step * batch * features, batch * features), new Shape(batch, features));
            var yb = Tensor.FromSpan<long>(y.AsSpan(step * batch, batch), new Shape(batch));
            losses[step] = model.TrainOnBatch(xb, yb)["loss"];
        }
        return losses;
    }

    private static void AssertFollows(double[] ours, JsonNode reference)
    {
        var expected = reference["losses"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
        Assert.Equal(expected.Length, ours.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double relative = Math.Abs(ours[i] - expected[i]) / Math.Abs(expected[i]);
            Assert.True(relative <= 1e-4, $"step {i}: ours {ours[i]:R}, PyTorch {expected[i]:R} (relative difference {relative:E2} > 1e-4)");
        }
        Assert.True(expected[^1] < 0.7 * expected[0], "the reference trajectory should show learning");
    }

    [Fact]
    public void Sgd_with_momentum_follows_pytorch_for_50_steps()
    {
        var sgd = Reference["sgd"]!;
        AssertFollows(Train(new SGD(sgd["learning_rate"]!.GetValue<double>(), momentum: sgd["momentum"]!.GetValue<double>())), sgd);
    }

    [Fact]
    public void Adam_follows_pytorch_for_50_steps()
    {
        var adam = Reference["adam"]!;
        AssertFollows(Train(new Adam(adam["learning_rate"]!.GetValue<double>(), adam["beta_1"]!.GetValue<double>(),
            adam["beta_2"]!.GetValue<double>(), adam["epsilon"]!.GetValue<double>())), adam);
    }
}
