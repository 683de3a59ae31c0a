using Layers;

namespace SeedExamples.Examples;

/// <summary>Every seed layer through its config: GetConfig → JSON → FromConfig (by registered name) → the same config.</summary>
public static class ConfigRoundTrips
{
    /// <summary>One instance of every seed layer, built where the seed builds it.</summary>
    public static IReadOnlyList<Layer> Layers()
    {
        var built = new SimpleDense(4);
        built.Build(new Shape(Shape.Unknown, 3));
        return
        [
            new WeightsInInit.Linear(4, 2),
            new WeightsInBuild.Linear(8),
            built,
            new ComputeSum(2),
            new ComputeScalarSum(),
            new MlpBlock(),
            new ActivityRegularizationLayer(0.5f),
            new MeanAbsLossLayer(),
            new MetricLayer(),
            new SeedDense(3, kernelInitializer: Initializers.Constant(1.5), biasInitializer: "ones"),
        ];
    }

    /// <summary>The layer rebuilt from its serialized JSON text through the registry, as a loader would.</summary>
    public static Layer RoundTrip(Layer layer)
    {
        string json = Serialization.Serialize(layer).ToJsonString();
        return Serialization.DeserializeLayer(System.Text.Json.Nodes.JsonNode.Parse(json), "round trip");
    }

    public static void Run(TextWriter output)
    {
        Examples.Output.Section(output, "GetConfig -> JSON -> FromConfig");
        foreach (var layer in Layers())
        {
            var restored = RoundTrip(layer);
            bool same = restored.GetType() == layer.GetType() && restored.GetConfig().ToJson() == layer.GetConfig().ToJson();
            output.WriteLine($"{layer.ClassName} ({layer.RegisteredName}): {layer.GetConfig().ToJson(indented: false)} -> restored {(same ? "equal" : "DIFFERENT")}, built={restored.Built}");
        }
    }
}
