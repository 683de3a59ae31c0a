namespace Layers;

/// <summary>Registers the runtime's hand-written serializable classes (initializers, regularizers, constraints).</summary>
internal static partial class BuiltIns
{
    public static void Register()
    {
        InputLayer.Register();
        Sequential.Register();
        RegisterInitializers();
        RegisterOptimizers();
        RegisterRegularizersAndConstraints();
        RegisterLosses();
        RegisterMetrics();
        RegisterMoreOptimizers();
        RegisterSchedules();
    }

    /// <summary>Implemented beside the losses (Training/Losses).</summary>
    static partial void RegisterLosses();

    /// <summary>Implemented beside the metrics (Training/Metrics).</summary>
    static partial void RegisterMetrics();

    /// <summary>Implemented beside the optimizers other than SGD and Adam (Training/Optimizers).</summary>
    static partial void RegisterMoreOptimizers();

    /// <summary>Implemented beside the learning-rate schedules (Training/Optimizers).</summary>
    static partial void RegisterSchedules();

    private static void RegisterRegularizersAndConstraints()
    {
        Serialization.RegularizerRegistry.RegisterBuiltIn("L1", L1.FromConfig);
        Serialization.RegularizerRegistry.RegisterBuiltIn("L2", L2.FromConfig);
        Serialization.RegularizerRegistry.RegisterBuiltIn("L1L2", L1L2.FromConfig);
        Serialization.ConstraintRegistry.RegisterBuiltIn("MaxNorm", MaxNorm.FromConfig);
        Serialization.ConstraintRegistry.RegisterBuiltIn("MinMaxNorm", MinMaxNorm.FromConfig);
        Serialization.ConstraintRegistry.RegisterBuiltIn("NonNeg", _ => new NonNeg());
        Serialization.ConstraintRegistry.RegisterBuiltIn("UnitNorm", UnitNorm.FromConfig);
    }

    private static void RegisterOptimizers()
    {
        Serialization.OptimizerRegistry.RegisterBuiltIn("SGD", SGD.FromConfig);
        Serialization.OptimizerRegistry.RegisterBuiltIn("Adam", Adam.FromConfig);
    }

    private static Initializer VarianceFamily(Config config, Func<long?, Initializer> create)
    {
        VarianceScaling.RejectAxes(config);
        return create(config.GetNullableInt64("seed"));
    }

    private static void RegisterInitializers()
    {
        var initializers = Serialization.InitializerRegistry;
        initializers.RegisterBuiltIn("Zeros", _ => new Zeros());
        initializers.RegisterBuiltIn("Ones", _ => new Ones());
        initializers.RegisterBuiltIn("Constant", config => new Constant(config.GetNullableDouble("value") ?? 0));
        initializers.RegisterBuiltIn("RandomNormal", RandomNormal.FromConfig);
        initializers.RegisterBuiltIn("RandomUniform", RandomUniform.FromConfig);
        initializers.RegisterBuiltIn("TruncatedNormal", TruncatedNormal.FromConfig);
        initializers.RegisterBuiltIn("VarianceScaling", VarianceScaling.FromConfig);
        initializers.RegisterBuiltIn("GlorotUniform", c => VarianceFamily(c, seed => new GlorotUniform(seed)));
        initializers.RegisterBuiltIn("GlorotNormal", c => VarianceFamily(c, seed => new GlorotNormal(seed)));
        initializers.RegisterBuiltIn("HeUniform", c => VarianceFamily(c, seed => new HeUniform(seed)));
        initializers.RegisterBuiltIn("HeNormal", c => VarianceFamily(c, seed => new HeNormal(seed)));
        initializers.RegisterBuiltIn("LecunUniform", c => VarianceFamily(c, seed => new LecunUniform(seed)));
        initializers.RegisterBuiltIn("LecunNormal", c => VarianceFamily(c, seed => new LecunNormal(seed)));
        initializers.RegisterBuiltIn("Orthogonal", Orthogonal.FromConfig);
        initializers.RegisterBuiltIn("Identity", Identity.FromConfig);
    }
}
