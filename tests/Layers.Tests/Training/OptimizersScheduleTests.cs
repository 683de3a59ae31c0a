using System.Text.Json.Nodes;
using Layers.Tests.Support;

namespace Layers.Tests.Training;

/// <summary>Learning-rate schedules at hand-computed steps, especially boundaries, and their Keras configs.</summary>
public class OptimizersScheduleTests
{
    [Fact]
    public void ExponentialDecayIsContinuousUnlessStaircase()
    {
        var smooth = new ExponentialDecay(0.1, decaySteps: 10, decayRate: 0.5);
        Assert.Equal(0.1, smooth.Compute(0));
        Assert.Equal(0.1 * Math.Sqrt(0.5), smooth.Compute(5), 15);
        Assert.Equal(0.05, smooth.Compute(10), 15);
        Assert.Equal(0.025, smooth.Compute(20), 15);
        Assert.Equal(0.1 * Math.Pow(0.5, 0.9), smooth.Compute(9), 15);

        var stairs = new ExponentialDecay(0.1, decaySteps: 10, decayRate: 0.5, staircase: true);
        Assert.Equal(0.1, stairs.Compute(0));
        Assert.Equal(0.1, stairs.Compute(9));
        Assert.Equal(0.05, stairs.Compute(10));
        Assert.Equal(0.05, stairs.Compute(19));
        Assert.Equal(0.025, stairs.Compute(20));
    }

    [Fact]
    public void CosineDecayFallsToAlphaTimesTheInitialRateAndStays()
    {
        var schedule = new CosineDecay(1.0, decaySteps: 10, alpha: 0.1);
        Assert.Equal(1.0, schedule.Compute(0), 15);
        Assert.Equal(0.55, schedule.Compute(5), 15);
        Assert.Equal(0.1 + 0.9 * 0.5 * (1 + Math.Cos(Math.PI * 0.2)), schedule.Compute(2), 15);
        Assert.Equal(0.1, schedule.Compute(10), 15);
        Assert.Equal(0.1, schedule.Compute(15), 15);
        Assert.Equal(0.0, new CosineDecay(2.0, 4).Compute(4), 15);
    }

    [Fact]
    public void CosineDecayWarmsUpLinearlyThenDecaysFromTheTarget()
    {
        var schedule = new CosineDecay(0.0, decaySteps: 10, warmupTarget: 1.0, warmupSteps: 4);
        Assert.Equal(0.0, schedule.Compute(0));
        Assert.Equal(0.5, schedule.Compute(2), 15);
        Assert.Equal(0.75, schedule.Compute(3), 15);
        Assert.Equal(1.0, schedule.Compute(4), 15);
        Assert.Equal(0.5, schedule.Compute(9), 15);
        Assert.Equal(0.0, schedule.Compute(14), 15);
        Assert.Equal(0.0, schedule.Compute(100), 15);

        var withAlpha = new CosineDecay(0.2, decaySteps: 10, alpha: 0.5, warmupTarget: 1.0, warmupSteps: 2);
        Assert.Equal(0.6, withAlpha.Compute(1), 15);
        Assert.Equal(0.5, withAlpha.Compute(12), 15);

        var noWarmupSteps = new CosineDecay(0.3, decaySteps: 10, warmupTarget: 1.0);
        Assert.Equal(1.0, noWarmupSteps.Compute(0), 15);
        Assert.Equal(0.5, noWarmupSteps.Compute(5), 15);
    }

    [Fact]
    public void PiecewiseConstantKeepsTheEarlierValueAtEachBoundary()
    {
        var schedule = new PiecewiseConstantDecay([10, 20], [1.0, 0.5, 0.1]);
        Assert.Equal(1.0, schedule.Compute(0));
        Assert.Equal(1.0, schedule.Compute(10));
        Assert.Equal(0.5, schedule.Compute(11));
        Assert.Equal(0.5, schedule.Compute(20));
        Assert.Equal(0.1, schedule.Compute(21));
        Assert.Equal(0.1, schedule.Compute(1_000_000));
        // Keras casts boundaries to the step's integer type.
        var fractional = new PiecewiseConstantDecay([2.7], [1.0, 2.0]);
        Assert.Equal(1.0, fractional.Compute(2));
        Assert.Equal(2.0, fractional.Compute(3));
    }

    [Fact]
    public void InvalidArgumentsAreRefused()
    {
        Assertions.Throws<ArgumentOutOfRangeException>(() => new ExponentialDecay(0.1, 0, 0.5), "`decay_steps` must be > 0", "decay_steps=0");
        Assertions.Throws<ArgumentOutOfRangeException>(() => new CosineDecay(0.1, -5), "`decay_steps` must be > 0");
        Assertions.Throws<ArgumentOutOfRangeException>(() => new CosineDecay(0.1, 5, warmupSteps: -1), "warmup_steps");
        Assertions.Throws<ArgumentException>(() => new PiecewiseConstantDecay([10, 20], [1.0, 0.5]),
            "The length of boundaries should be 1 less than the length of values", "boundaries=[10, 20] of length 2", "values=[1, 0.5] of length 2");
        Assertions.Throws<ArgumentException>(() => new PiecewiseConstantDecay([20, 10], [1.0, 0.5, 0.1]), "strictly increasing");
        Assertions.Throws<ArgumentException>(() => new PiecewiseConstantDecay([], [1.0]), "at least one boundary");
    }

    [Fact]
    public void ConfigsAreKeras()
    {
        Assert.Equal("""{"module":"keras.optimizers.schedules","class_name":"ExponentialDecay","config":{"initial_learning_rate":0.1,"decay_steps":100,"decay_rate":0.96,"staircase":true,"name":"ExponentialDecay"},"registered_name":null}""",
            Serialization.Serialize(new ExponentialDecay(0.1, 100, 0.96, staircase: true)).ToJsonString());
        Assert.Equal("""{"module":"keras.optimizers.schedules","class_name":"CosineDecay","config":{"initial_learning_rate":0.1,"decay_steps":1000,"alpha":0,"name":"CosineDecay","warmup_target":null,"warmup_steps":0},"registered_name":null}""",
            Serialization.Serialize(new CosineDecay(0.1, 1000)).ToJsonString());
        Assert.Equal("""{"module":"keras.optimizers.schedules","class_name":"PiecewiseConstantDecay","config":{"boundaries":[100,110],"values":[1,0.5,0.1],"name":"PiecewiseConstant"},"registered_name":null}""",
            Serialization.Serialize(new PiecewiseConstantDecay([100, 110], [1.0, 0.5, 0.1])).ToJsonString());
    }

    public static TheoryData<string> Schedules() =>
    [
        """{"class_name": "ExponentialDecay", "config": {"initial_learning_rate": 0.5, "decay_steps": 7, "decay_rate": 0.3, "staircase": false, "name": "e"}}""",
        """{"class_name": "ExponentialDecay", "config": {"initial_learning_rate": 0.5, "decay_steps": 7.0, "decay_rate": 0.3}}""",
        """{"class_name": "CosineDecay", "config": {"initial_learning_rate": 0.5, "decay_steps": 9, "alpha": 0.2, "warmup_target": 0.9, "warmup_steps": 3}}""",
        """{"class_name": "PiecewiseConstantDecay", "config": {"boundaries": [3, 8], "values": [0.3, 0.2, 0.1], "name": "p"}}""",
    ];

    [Theory]
    [MemberData(nameof(Schedules))]
    public void KerasConfigsLoadAndRoundTrip(string keras)
    {
        var schedule = Serialization.DeserializeSchedule(JsonNode.Parse(keras));
        var restored = Serialization.DeserializeSchedule(Serialization.Serialize(schedule));
        for (long step = 0; step < 20; step++) Assert.Equal(schedule.Compute(step), restored.Compute(step));
        Assert.Equal(Serialization.Serialize(schedule).ToJsonString(), Serialization.Serialize(restored).ToJsonString());
        Assert.NotEqual(schedule.Compute(0), schedule.Compute(19));
    }

    [Fact]
    public void FractionalStepCountsAreRefused() =>
        Assertions.Throws<FormatException>(() => Serialization.DeserializeSchedule(JsonNode.Parse(
            """{"class_name": "ExponentialDecay", "config": {"initial_learning_rate": 0.5, "decay_steps": 7.5, "decay_rate": 0.3}}""")),
            "decay_steps", "a whole number of steps");
}
