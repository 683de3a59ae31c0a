using System.Text.Json.Nodes;
using Layers.Tests.Support;

namespace Layers.Tests.Training;

/// <summary>Keras 3 configs, serialization round trips, registration and identifiers of the optimizers.</summary>
public class OptimizersConfigTests
{
    private const string BaseKeys =
        "\"weight_decay\":null,\"clipnorm\":null,\"global_clipnorm\":null,\"clipvalue\":null,\"use_ema\":false,\"ema_momentum\":0.99," +
        "\"ema_overwrite_frequency\":null,\"loss_scale_factor\":null,\"gradient_accumulation_steps\":null";

    [Fact]
    public void DefaultConfigsAreKeras()
    {
        // Keras 3's get_config() of each optimizer built with no arguments (learning rates are float32 values).
        Assert.Equal("{\"name\":\"SGD\",\"learning_rate\":0.009999999776482582," + BaseKeys + ",\"momentum\":0,\"nesterov\":false}",
            new SGD().GetConfig().ToJson(indented: false));
        Assert.Equal("{\"name\":\"adam\",\"learning_rate\":0.0010000000474974513," + BaseKeys +
            ",\"beta_1\":0.9,\"beta_2\":0.999,\"epsilon\":1E-07,\"amsgrad\":false}", new Adam().GetConfig().ToJson(indented: false));
        Assert.Equal("{\"name\":\"adamw\",\"learning_rate\":0.0010000000474974513," + BaseKeys.Replace("\"weight_decay\":null", "\"weight_decay\":0.004") +
            ",\"beta_1\":0.9,\"beta_2\":0.999,\"epsilon\":1E-07,\"amsgrad\":false}", new AdamW().GetConfig().ToJson(indented: false));
        Assert.Equal("{\"name\":\"rmsprop\",\"learning_rate\":0.0010000000474974513," + BaseKeys +
            ",\"rho\":0.9,\"momentum\":0,\"epsilon\":1E-07,\"centered\":false}", new RMSprop().GetConfig().ToJson(indented: false));
        Assert.Equal("{\"name\":\"adagrad\",\"learning_rate\":0.0010000000474974513," + BaseKeys +
            ",\"initial_accumulator_value\":0.1,\"epsilon\":1E-07}", new Adagrad().GetConfig().ToJson(indented: false));
    }

    public static TheoryData<string> Optimizers() =>
    [
        "sgd_nesterov", "adam_amsgrad", "adamw_strong", "rmsprop_momentum_centered", "adagrad_strong", "sgd_clipped", "adam_scheduled",
        "rmsprop_cosine", "adagrad_piecewise",
    ];

    private static Optimizer Create(string name) => name switch
    {
        "sgd_clipped" => new SGD(0.2, momentum: 0.3, weightDecay: 0.01, clipvalue: 0.5, name: "clipped"),
        "adam_scheduled" => new Adam(schedule: new ExponentialDecay(0.01, 100, 0.9, staircase: true), globalClipnorm: 2, name: "a"),
        "rmsprop_cosine" => new RMSprop(schedule: new CosineDecay(0.1, 1000, alpha: 0.05, warmupTarget: 0.2, warmupSteps: 10), clipnorm: 1),
        "adagrad_piecewise" => new Adagrad(schedule: new PiecewiseConstantDecay([100, 200], [0.1, 0.01, 0.001])),
        _ => OptimizersUpdateTests.Get(name).Create(),
    };

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void SerializeDeserializeRoundTrips(string name)
    {
        var optimizer = Create(name);
        var json = Serialization.Serialize(optimizer);
        Assert.Equal("keras.optimizers", json["module"]!.GetValue<string>());
        Assert.Null(json["registered_name"]);
        var restored = Serialization.DeserializeOptimizer(JsonNode.Parse(json.ToJsonString()));
        Assert.Equal(optimizer.GetType(), restored.GetType());
        Assert.Equal(json.ToJsonString(), Serialization.Serialize(restored).ToJsonString());
        Assert.Equal(optimizer.Schedule?.GetType(), restored.Schedule?.GetType());
        Assert.Equal(optimizer.LearningRate, restored.LearningRate);
    }

    [Fact]
    public void AConfigWrittenByKerasLoads()
    {
        // As keras.optimizers.serialize(AdamW(learning_rate=CosineDecay(...), weight_decay=0.01, clipnorm=1.0)) writes it.
        const string keras = """
            {"module": "keras.optimizers", "class_name": "AdamW", "config": {"name": "adamw", "learning_rate":
              {"module": "keras.optimizers.schedules", "class_name": "CosineDecay", "config": {"initial_learning_rate": 0.001,
               "decay_steps": 1000, "alpha": 0.0, "name": "CosineDecay", "warmup_target": null, "warmup_steps": 0}, "registered_name": null},
             "weight_decay": 0.01, "clipnorm": 1.0, "global_clipnorm": null, "clipvalue": null, "use_ema": false, "ema_momentum": 0.99,
             "ema_overwrite_frequency": null, "loss_scale_factor": null, "gradient_accumulation_steps": null,
             "beta_1": 0.9, "beta_2": 0.999, "epsilon": 1e-07, "amsgrad": false}, "registered_name": null}
            """;
        var optimizer = Assert.IsType<AdamW>(Serialization.DeserializeOptimizer(JsonNode.Parse(keras)));
        Assert.Equal("adamw", optimizer.Name);
        Assert.Equal(0.01, optimizer.WeightDecay);
        Assert.Equal(1.0, optimizer.Clipnorm);
        var schedule = Assert.IsType<CosineDecay>(optimizer.Schedule);
        Assert.Equal(1000, schedule.DecaySteps);
        Assert.Equal((double)(float)0.001, optimizer.LearningRate);

        const string rmsprop = """{"class_name": "RMSprop", "config": {"learning_rate": 0.01, "rho": 0.8, "momentum": 0.5, "epsilon": 1e-6, "centered": true}}""";
        var rms = Assert.IsType<RMSprop>(Serialization.DeserializeOptimizer(JsonNode.Parse(rmsprop)));
        Assert.Equal((0.8, 0.5, 1e-6, true), (rms.Rho, rms.Momentum, rms.Epsilon, rms.Centered));
        const string adagrad = """{"class_name": "Adagrad", "config": {"initial_accumulator_value": 0.2}}""";
        var ada = Assert.IsType<Adagrad>(Serialization.DeserializeOptimizer(JsonNode.Parse(adagrad)));
        Assert.Equal((0.2, 1e-7, (double)0.001f), (ada.InitialAccumulatorValue, ada.Epsilon, ada.LearningRate));
    }

    [Fact]
    public void FeaturesThisLibraryLacksAreRefusedNotIgnored()
    {
        Assertions.Throws<NotSupportedException>(
            () => Serialization.DeserializeOptimizer(JsonNode.Parse("""{"class_name": "Adam", "config": {"use_ema": true}}""")), "use_ema");
        Assertions.Throws<NotSupportedException>(
            () => Serialization.DeserializeOptimizer(JsonNode.Parse("""{"class_name": "SGD", "config": {"gradient_accumulation_steps": 4}}""")),
            "gradient_accumulation_steps=4");
        Assertions.Throws<FormatException>(
            () => Serialization.DeserializeOptimizer(JsonNode.Parse("""{"class_name": "AdamW", "config": {"weight_decay": null}}""")), "weight_decay");
    }

    [Theory]
    [InlineData("sgd", typeof(SGD))]
    [InlineData("SGD", typeof(SGD))]
    [InlineData("adam", typeof(Adam))]
    [InlineData("adamw", typeof(AdamW))]
    [InlineData("AdamW", typeof(AdamW))]
    [InlineData("rmsprop", typeof(RMSprop))]
    [InlineData("RMSprop", typeof(RMSprop))]
    [InlineData("adagrad", typeof(Adagrad))]
    public void IdentifiersNameTheOptimizers(string identifier, Type type)
    {
        Assert.IsType(type, Optimizer.Get(identifier));
        Optimizer converted = identifier;
        Assert.IsType(type, converted);
    }

    [Fact]
    public void AnUnknownIdentifierListsTheKnownOnes()
    {
        var e = Assertions.Throws<ArgumentException>(() => Optimizer.Get("lamb"), "Unknown optimizer 'lamb'");
        foreach (var known in new[] { "adagrad", "adam", "adam_w", "sgd" }) Assert.Contains(known, e.Message);
    }

    [Fact]
    public void EveryOptimizerIsRegistered()
    {
        foreach (var name in new[] { "SGD", "Adam", "AdamW", "RMSprop", "Adagrad" })
            Assert.NotNull(Serialization.OptimizerRegistry.FindByClassName(name));
        foreach (var name in new[] { "ExponentialDecay", "CosineDecay", "PiecewiseConstantDecay" })
            Assert.NotNull(Serialization.ScheduleRegistry.FindByClassName(name));
    }
}
