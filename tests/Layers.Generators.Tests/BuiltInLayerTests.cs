using Layers.Generators.Tests.Support;

namespace Layers.Generators.Tests;

/// <summary>
/// Layers of the runtime assembly itself (where <c>Layers.Layer</c> is declared) register as Keras built-ins
/// (<c>keras.layers</c>, no registered name). The runtime is stood in for by the few members generated code uses.
/// </summary>
public class BuiltInLayerTests
{
    private const string MiniRuntime = """
        namespace Layers
        {
            public sealed class Tensor { }

            public readonly struct CallArguments
            {
                public int Count => 1;
                public Tensor this[int index] => null!;
            }

            public sealed class Config
            {
                public Config Set(string key, float value) => this;
                public float? GetNullableSingle(string key) => null;
            }

            public sealed class SerializableRegistry<T>
            {
                public void RegisterBuiltIn(string className, System.Func<Config, T> factory) { }
                public void Register(string package, string className, System.Func<Config, T> factory) { }
            }

            public static class Serialization
            {
                public static SerializableRegistry<Layer> LayerRegistry { get; } = new();
            }

            public abstract class Layer
            {
                public string Name => "";
                public virtual string ClassName => "";
                public virtual string? RegisteredName => null;
                public virtual Config GetConfig() => new();
                protected virtual Tensor Dispatch(in CallArguments arguments, Tensor? mask, bool training) => null!;
                protected virtual Tensor Call(Tensor inputs) => inputs;
                protected static TLayer FromConfigCore<TLayer>(Config config, System.Func<TLayer> construct) where TLayer : Layer => construct();
            }

            public sealed partial class Identity(float gain = 1f) : Layer
            {
                public float Gain { get; } = gain;
                protected override Tensor Call(Tensor inputs) => inputs;
            }
        }
        """;

    [Fact]
    public void Layers_of_the_runtime_register_as_built_ins_without_a_registered_name()
    {
        var output = Harness.Run(Harness.CompileAsRuntime(MiniRuntime));
        Assert.Null(output.Exception);
        var registrations = output.Sources.Single(s => s.HintName == "Layers.Generated.LayerRegistrations.g.cs").Text;
        Assert.Contains("registry.RegisterBuiltIn(\"Identity\", static config => global::Layers.Identity.FromConfig(config));", registrations);
        Assert.DoesNotContain("registry.Register(", registrations);
        var layer = output.Sources.Single(s => s.HintName == "Layers.Identity.g.cs").Text;
        Assert.Contains("public override string? RegisteredName => null;", layer);
        Assert.Contains("float gain = config.GetNullableSingle(\"gain\") ?? 1f;", layer);
        var diagnostics = Harness.ErrorsAndWarnings(output.OutputCompilation.GetDiagnostics()).ToList();
        Assert.True(diagnostics.Count == 0, Harness.Describe(diagnostics));
    }
}
