using Layers;
using SeedExamples.Examples;

namespace SeedExamples.Tests;

/// <summary>Every seed layer survives GetConfig → JSON → FromConfig, directly and through the registry.</summary>
public class ConfigRoundTripTests
{
    public static TheoryData<int> LayerIndexes() => [.. Enumerable.Range(0, ConfigRoundTrips.Layers().Count)];

    [Theory]
    [MemberData(nameof(LayerIndexes))]
    public void Serialized_layer_loads_back_by_its_registered_name_as_an_equal_layer(int index)
    {
        var layer = ConfigRoundTrips.Layers()[index];
        var restored = ConfigRoundTrips.RoundTrip(layer);
        Assert.IsType(layer.GetType(), restored);
        Assert.Equal(layer.GetConfig().ToJson(), restored.GetConfig().ToJson());
        Assert.Equal(layer.Name, restored.Name);
        Assert.Equal(layer.Built, restored.Built);
        Assert.Equal(layer.Weights.Select(w => w.Shape), restored.Weights.Select(w => w.Shape));
        var serialized = Serialization.Serialize(layer);
        Assert.Null(serialized["module"]);
        Assert.Equal(layer.RegisteredName, (string?)serialized["registered_name"]);
        Assert.StartsWith("SeedExamples", layer.RegisteredName);
    }

    [Fact]
    public void Two_layers_named_Linear_in_different_namespaces_stay_apart()
    {
        var eager = ConfigRoundTrips.RoundTrip(new WeightsInInit.Linear(3, 5));
        var deferred = ConfigRoundTrips.RoundTrip(new WeightsInBuild.Linear(3));
        Assert.IsType<WeightsInInit.Linear>(eager);
        Assert.IsType<WeightsInBuild.Linear>(deferred);
        Assert.Equal(5, ((WeightsInInit.Linear)eager).InputDim);
    }

    [Fact]
    public void Generated_FromConfig_reads_constructor_arguments_and_initializers()
    {
        var dense = new SeedDense(3, kernelInitializer: Initializers.Constant(1.5), biasInitializer: "ones");
        var config = Config.Parse("SeedDense", dense.GetConfig().ToJson());
        var restored = SeedDense.FromConfig(config);
        Assert.Equal(3, restored.Units);
        restored.Build(new Shape(Shape.Unknown, 2));
        Assert.All(restored.Kernel.Value.ToArray<float>(), v => Assert.Equal(1.5f, v));
        Assert.All(restored.Bias.Value.ToArray<float>(), v => Assert.Equal(1f, v));
    }

    [Fact]
    public void A_bad_config_names_the_layer_and_the_key()
    {
        var config = Config.Parse("ComputeSum", """{"name": "s", "input_dim": "two"}""");
        var error = Assert.Throws<FormatException>(() => ComputeSum.FromConfig(config));
        Assert.Contains("ComputeSum", error.Message);
        Assert.Contains("input_dim", error.Message);
    }
}
