using System.Text.Json.Nodes;
using Layers.Tests.Saving;
using Layers.Tests.Support;

namespace Layers.Tests.Training;

/// <summary>
/// Model.Save/Model.Load: the archive holds config, compile config, weights and optimizer state, and a loaded
/// model resumes training bit-for-bit where the saved one left off.
/// </summary>
public class ModelSavingTests
{
    public ModelSavingTests() => TestModels.RegisterAll();

    public static TheoryData<string> Optimizers() =>
        ["sgd_momentum", "sgd_nesterov", "adam_defaults", "adamw_strong", "rmsprop_momentum_centered", "adagrad_strong", "adam_scheduled", "sgd_clipped"];

    private static Optimizer Create(string name) => name switch
    {
        "adam_scheduled" => new Adam(schedule: new ExponentialDecay(0.05, 2, 0.5)),
        "sgd_clipped" => new SGD(0.1, momentum: 0.5, weightDecay: 0.01, globalClipnorm: 0.5),
        _ => OptimizersUpdateTests.Get(name).Create(),
    };

    private static (Tensor X, Tensor Y) Batch(int step) => TestModels.Data(8, seed: 100 + step);

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void ALoadedModelResumesTrainingBitForBit(string optimizer)
    {
        using var dir = new SavingSupport.TempDirectory();
        var model = TestModels.Mlp();
        model.Compile(Create(optimizer), new TestMse());
        for (int step = 0; step < 3; step++) model.TrainOnBatch(Batch(step).X, Batch(step).Y);
        string path = dir.File("model.keras");
        model.Save(path);

        var loaded = Model.Load(path);
        Assert.Equal(TestModels.Bits(model), TestModels.Bits(loaded));
        Assert.Equal(model.Optimizer!.GetType(), loaded.Optimizer!.GetType());
        Assert.Equal(3, loaded.Optimizer.Iterations);
        Assert.Equal(model.Optimizer.GetConfig().ToJson(), loaded.Optimizer.GetConfig().ToJson());
        var losses = new List<(double, double)>();
        for (int step = 3; step < 6; step++)
        {
            var original = model.TrainOnBatch(Batch(step).X, Batch(step).Y)["loss"];
            var resumed = loaded.TrainOnBatch(Batch(step).X, Batch(step).Y)["loss"];
            losses.Add((original, resumed));
        }
        Assert.All(losses, pair => Assert.Equal(pair.Item1, pair.Item2));
        Assert.Equal(TestModels.Bits(model), TestModels.Bits(loaded));

        // Without the optimizer state the same three steps end elsewhere, so the equality above is earned.
        var fresh = Model.Load(path, compile: false);
        fresh.Compile(Create(optimizer), new TestMse());
        for (int step = 3; step < 6; step++) fresh.TrainOnBatch(Batch(step).X, Batch(step).Y);
        Assert.NotEqual(TestModels.Bits(model), TestModels.Bits(fresh));
    }

    [Fact]
    public void BuiltInLayersAndLossesRoundTripToo()
    {
        using var dir = new SavingSupport.TempDirectory();
        var model = new Sequential([new InputLayer(new Shape(4)), new Dense(6, Activations.Get("tanh"), kernelInitializer: Initializers.GlorotUniform(3)),
            new Dense(2, kernelInitializer: Initializers.GlorotUniform(4))]);
        model.Compile(new AdamW(0.01), "mse");
        for (int step = 0; step < 2; step++) model.TrainOnBatch(Batch(step).X, Batch(step).Y);
        model.Save(dir.File("dense.keras"));
        var loaded = Model.Load(dir.File("dense.keras"));
        Assert.IsType<MeanSquaredError>(loaded.Loss);
        for (int step = 2; step < 4; step++)
        {
            model.TrainOnBatch(Batch(step).X, Batch(step).Y);
            loaded.TrainOnBatch(Batch(step).X, Batch(step).Y);
        }
        Assert.Equal(TestModels.Bits(model), TestModels.Bits(loaded));
    }

    [Fact]
    public void AChangedLearningRateIsSavedWithTheOptimizer()
    {
        using var dir = new SavingSupport.TempDirectory();
        var model = TestModels.Mlp();
        model.Compile(new RMSprop(0.01), new TestMse());
        model.TrainOnBatch(Batch(0).X, Batch(0).Y);
        model.Optimizer!.LearningRate = 0.00123;
        model.Save(dir.File("m.keras"));
        var loaded = Model.Load(dir.File("m.keras"));
        Assert.Equal((double)0.00123f, loaded.Optimizer!.LearningRate);
        model.TrainOnBatch(Batch(1).X, Batch(1).Y);
        loaded.TrainOnBatch(Batch(1).X, Batch(1).Y);
        Assert.Equal(TestModels.Bits(model), TestModels.Bits(loaded));
    }

    [Fact]
    public void FitResumesExactlyAfterLoading()
    {
        using var dir = new SavingSupport.TempDirectory();
        var (x, y) = TestModels.Data(20);
        var model = TestModels.Mlp();
        model.Compile(new Adam(0.01), new TestMse());
        model.Fit(x, y, batchSize: 6, epochs: 2, verbose: 0, seed: 5);
        model.Save(dir.File("m.keras"));
        var loaded = Model.Load(dir.File("m.keras"));
        var a = model.Fit(x, y, batchSize: 6, epochs: 2, verbose: 0, seed: 6);
        var b = loaded.Fit(x, y, batchSize: 6, epochs: 2, verbose: 0, seed: 6);
        Assert.Equal(a["loss"], b["loss"]);
        Assert.Equal(TestModels.Bits(model), TestModels.Bits(loaded));
        Assert.Equal(16, loaded.Optimizer!.Iterations);
    }

    [Fact]
    public void TheArchiveHoldsKerasCompileConfigWeightsAndOptimizerState()
    {
        using var dir = new SavingSupport.TempDirectory();
        var model = TestModels.Mlp();
        model.Compile(new SGD(0.1, momentum: 0.9), new TestMse(), [new TestMeanPrediction()]);
        model.TrainOnBatch(Batch(0).X, Batch(0).Y);
        model.Save(dir.File("m.keras"));

        var archive = ModelArchive.Load(dir.File("m.keras"));
        var compile = archive.Config["compile_config"]!.AsObject();
        Assert.Equal(["optimizer", "loss", "loss_weights", "metrics", "weighted_metrics", "run_eagerly", "steps_per_execution", "jit_compile"],
            compile.Select(p => p.Key));
        Assert.Equal("SGD", compile["optimizer"]!["class_name"]!.GetValue<string>());
        Assert.Equal(0.9, compile["optimizer"]!["config"]!["momentum"]!.GetValue<double>());
        Assert.Equal("Tests>TestMse", compile["loss"]!["registered_name"]!.GetValue<string>());
        Assert.Equal("""["test_mean_prediction"]""", compile["metrics"]!.ToJsonString());

        var weightKeys = WeightKeys.Of(model).Select(w => w.Key).ToArray();
        Assert.Equal(["sequential/test_dense/kernel", "sequential/test_dense/bias", "sequential/test_dense_1/kernel", "sequential/test_dense_1/bias"], weightKeys);
        Assert.Equal([.. weightKeys, "optimizer/iterations", .. weightKeys.Select(k => $"optimizer/{k}/momentum")],
            archive.Tensors.Keys.OrderBy(k => k.StartsWith("optimizer/", StringComparison.Ordinal)).ThenBy(k => k == "optimizer/iterations" ? 0 : 1)
                .ThenBy(k => Array.IndexOf(weightKeys, k.Replace("optimizer/", "").Replace("/momentum", ""))));
        Assert.Equal(1L, archive.Tensors["optimizer/iterations"].Item<long>());

        var loaded = Model.Load(dir.File("m.keras"));
        Assert.Equal(["test_mean_prediction"], loaded.CompiledMetrics.Select(m => m.Name));
        Assert.IsType<TestMse>(loaded.Loss);
    }

    [Fact]
    public void AnUncompiledModelSavesWithoutCompileConfigAndLoadsUncompiled()
    {
        using var dir = new SavingSupport.TempDirectory();
        var model = TestModels.Mlp(seed: 4);
        model.Save(dir.File("m.keras"));
        Assert.Null(ModelArchive.Load(dir.File("m.keras")).Config["compile_config"]);
        var loaded = Model.Load(dir.File("m.keras"));
        Assert.False(loaded.Compiled);
        Assert.Equal(TestModels.Bits(model), TestModels.Bits(loaded));
        Assert.NotEqual(TestModels.Bits(TestModels.Mlp(seed: 1)), TestModels.Bits(loaded));
    }

    [Fact]
    public void CompileFalseSkipsTheCompileConfig()
    {
        using var dir = new SavingSupport.TempDirectory();
        var model = TestModels.Mlp();
        model.Compile(new Adam(), new TestMse());
        model.TrainOnBatch(Batch(0).X, Batch(0).Y);
        model.Save(dir.File("m.keras"));
        var loaded = Model.Load(dir.File("m.keras"), compile: false);
        Assert.False(loaded.Compiled);
        Assert.Equal(TestModels.Bits(model), TestModels.Bits(loaded));
    }

    [Fact]
    public void AnUnknownMetricNameSaysHowToLoadAnyway()
    {
        using var dir = new SavingSupport.TempDirectory();
        var model = TestModels.Mlp();
        model.Compile(new SGD(), new TestMse(), [new NamedMetric("my_custom_metric")]);
        model.Save(dir.File("m.keras"));
        Assertions.Throws<FormatException>(() => Model.Load(dir.File("m.keras")), "compile_config.metrics[0]", "NamedMetric", "compile: false");
        Assert.False(Model.Load(dir.File("m.keras"), compile: false).Compiled);
    }

    [Fact]
    public void BuiltInMetricsAreWrittenByNameOrByConfig()
    {
        using var dir = new SavingSupport.TempDirectory();
        var model = TestModels.Mlp();
        model.Compile(new SGD(), new TestMse(), ["mae", new MeanSquaredErrorMetric("my_mse")]);
        model.Save(dir.File("m.keras"));
        var metrics = ModelArchive.Load(dir.File("m.keras")).Config["compile_config"]!["metrics"]!.AsArray();
        Assert.Equal("mae", metrics[0]!.GetValue<string>());
        Assert.Equal("MeanSquaredError", metrics[1]!["class_name"]!.GetValue<string>());
        Assert.Equal("keras.metrics", metrics[1]!["module"]!.GetValue<string>());
        var loaded = Model.Load(dir.File("m.keras"));
        Assert.Equal(["mae", "my_mse"], loaded.CompiledMetrics.Select(m => m.Name));
        Assert.Equal(["MeanAbsoluteError", "MeanSquaredError"], loaded.CompiledMetrics.Select(m => m.ClassName));
    }

    [Fact]
    public void CompileFromConfigAcceptsAnOptimizerIdentifier()
    {
        var model = TestModels.Mlp();
        model.CompileFromConfig((JsonObject)JsonNode.Parse("""{"optimizer": "rmsprop", "loss": {"class_name": "TestMse", "registered_name": "Tests>TestMse", "config": {}}, "metrics": null}""")!);
        Assert.IsType<RMSprop>(model.Optimizer);
        Assert.Null(TestModels.Mlp().GetCompileConfig());
    }

    [Fact]
    public void OptimizerStateForVariablesOutsideTheModelIsNotSaved()
    {
        using var dir = new SavingSupport.TempDirectory();
        var model = TestModels.Mlp();
        var optimizer = new SGD(0.1, momentum: 0.9);
        model.Compile(optimizer, new TestMse());
        var stranger = new Variable(Tensor.Ones(new Shape(3)), "stranger");
        optimizer.ApplyGradients([Tensor.Ones(new Shape(3))], [stranger]);
        model.TrainOnBatch(Batch(0).X, Batch(0).Y);
        model.Save(dir.File("m.keras"));
        var keys = ModelArchive.Load(dir.File("m.keras")).Group("optimizer").Keys;
        Assert.DoesNotContain(keys, k => k.Contains("stranger"));
        Assert.Equal(5, keys.Count());
        Assert.Equal(2, Model.Load(dir.File("m.keras")).Optimizer!.Iterations);
    }

    [Fact]
    public void PathsAreChecked()
    {
        using var dir = new SavingSupport.TempDirectory();
        var model = TestModels.Mlp();
        Assertions.Throws<ArgumentException>(() => model.Save(dir.File("m.zip")), "Invalid filepath extension", "`.keras`");
        model.Save(dir.File("m.keras"));
        Assertions.Throws<IOException>(() => model.Save(dir.File("m.keras"), overwrite: false), "overwrite is false");
        model.Save(dir.File("m.keras"), overwrite: true);
    }

    [Fact]
    public void AnArchiveOfALayerIsNotAModel()
    {
        using var dir = new SavingSupport.TempDirectory();
        var layer = new TestDense(3);
        layer.Build(new Shape(2, 4));
        ModelArchive.Save(dir.File("layer.keras"), Serialization.Serialize(layer), WeightKeys.Of(layer).Select(w => KeyValuePair.Create(w.Key, w.Value.Value)));
        Assertions.Throws<FormatException>(() => Model.Load(dir.File("layer.keras")), "layer.keras holds a TestDense, not a Model");
    }
}
