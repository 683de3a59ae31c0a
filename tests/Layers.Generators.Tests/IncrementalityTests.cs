using System.Collections;
using System.Reflection;
using Layers.Generators.Models;
using Layers.Generators.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Layers.Generators.Tests;

/// <summary>
/// The generator runs on every keystroke in an IDE: unchanged layers must not be regenerated, and the
/// pipeline must hold no symbols, syntax or compilations (which would pin old compilations in memory and
/// defeat caching).
/// </summary>
public class IncrementalityTests
{
    private const string LinearSource = """
        using Layers;

        namespace Models;

        public sealed partial class Linear(int units) : Layer
        {
            public int Units { get; } = units;

            [Weight(Shape = "inputs[-1], Units", Initializer = "random_normal")]
            public partial Variable W { get; }

            protected override Tensor Call(Tensor inputs) => inputs * W;
        }
        """;

    private const string BlockSource = """
        using Layers;

        namespace Models;

        public sealed partial class Block : Layer
        {
            [SubLayer] private readonly Linear _linear = new(4);

            [Weight(Shape = "4", Initializer = "zeros")]
            public partial Variable Bias { get; }

            protected override Tensor Call(Tensor inputs) => _linear.Apply(inputs) + Bias;
        }
        """;

    private static CSharpCompilation TwoLayers() =>
        Harness.Compile(new SourceFile("Linear.cs", LinearSource), new SourceFile("Block.cs", BlockSource));

    [Fact]
    public void Rerunning_on_the_same_compilation_caches_every_output()
    {
        var compilation = TwoLayers();
        var driver = Harness.CreateDriver(trackSteps: true).RunGenerators(compilation).RunGenerators(compilation);
        var result = driver.GetRunResult().Results.Single();
        AssertAllOutputs(result, IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void Adding_an_unrelated_file_regenerates_nothing()
    {
        var compilation = TwoLayers();
        var driver = Harness.CreateDriver(trackSteps: true).RunGenerators(compilation);
        var next = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Other; public static class Helper { public static int Two => 2; }", Harness.ParseOptions, "Helper.cs"));
        var result = driver.RunGenerators(next).GetRunResult().Results.Single();
        AssertAllOutputs(result, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertModels(result, IncrementalStepRunReason.Unchanged, IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void Editing_only_a_call_body_regenerates_nothing()
    {
        var compilation = TwoLayers();
        var driver = Harness.CreateDriver(trackSteps: true).RunGenerators(compilation);
        var next = Replace(compilation, "Linear.cs", LinearSource.Replace("=> inputs * W;", "=> (inputs * W) + inputs;"));
        var result = driver.RunGenerators(next).GetRunResult().Results.Single();
        AssertAllOutputs(result, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void Editing_a_weight_attribute_regenerates_that_layer_only()
    {
        var compilation = TwoLayers();
        var driver = Harness.CreateDriver(trackSteps: true).RunGenerators(compilation);
        var next = Replace(compilation, "Linear.cs", LinearSource.Replace("\"random_normal\"", "\"glorot_uniform\""));
        var result = driver.RunGenerators(next).GetRunResult().Results.Single();

        var models = result.TrackedSteps[LayerGenerator.ModelsStep].SelectMany(s => s.Outputs).ToList();
        Assert.Equal(IncrementalStepRunReason.Modified, models.Single(o => ((LayerModel)o.Value).Type.Name == "Linear").Reason);
        Assert.Equal(IncrementalStepRunReason.Unchanged, models.Single(o => ((LayerModel)o.Value).Type.Name == "Block").Reason);

        var outputs = result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).ToList();
        Assert.Single(outputs, o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("glorot_uniform", result.GeneratedSources.Single(s => s.HintName == "Models.Linear.g.cs").SourceText.ToString());
    }

    [Fact]
    public void Pipeline_values_hold_no_symbols_syntax_or_compilations()
    {
        var compilation = TwoLayers();
        var driver = Harness.CreateDriver(trackSteps: true).RunGenerators(compilation);
        var next = Replace(compilation, "Linear.cs", LinearSource.Replace("\"random_normal\"", "\"zeros\""));
        var result = driver.RunGenerators(next).GetRunResult().Results.Single();

        string[] ours = [LayerGenerator.CandidatesStep, LayerGenerator.ModelsStep, LayerGenerator.RegistrationsStep];
        int visited = 0;
        foreach (var name in ours)
        {
            foreach (var step in result.TrackedSteps[name])
                foreach (var (value, _) in step.Outputs)
                    visited += AssertNoCompilerObjects(value, name, new HashSet<object>(ReferenceEqualityComparer.Instance));
        }
        Assert.True(visited > 20, $"only {visited} objects were walked; the walk did not reach the models");
    }

    /// <summary>Walks every field of <paramref name="value"/>, recursively, and fails on any Roslyn object that ties a model to a compilation.</summary>
    private static int AssertNoCompilerObjects(object? value, string path, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum) return 0;
        Assert.False(value is ISymbol or SyntaxNode or SyntaxTree or Compilation or SemanticModel or Location or AttributeData or SyntaxReference,
            $"{path} holds a {value.GetType().Name}");
        if (!value.GetType().IsValueType && !seen.Add(value)) return 0;
        int count = 1;
        if (value is IEnumerable items and not string)
        {
            int index = 0;
            foreach (var item in items) count += AssertNoCompilerObjects(item, $"{path}[{index++}]", seen);
        }
        for (var type = value.GetType(); type is not null && type != typeof(object); type = type.BaseType)
            foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                count += AssertNoCompilerObjects(field.GetValue(value), $"{path}.{field.Name}", seen);
        return count;
    }

    private static void AssertAllOutputs(GeneratorRunResult result, params IncrementalStepRunReason[] allowed)
    {
        var outputs = result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).ToList();
        Assert.NotEmpty(outputs);
        Assert.All(outputs, o => Assert.Contains(o.Reason, allowed));
    }

    private static void AssertModels(GeneratorRunResult result, params IncrementalStepRunReason[] allowed)
    {
        var models = result.TrackedSteps[LayerGenerator.ModelsStep].SelectMany(s => s.Outputs).ToList();
        Assert.Equal(2, models.Count);
        Assert.All(models, o => Assert.Contains(o.Reason, allowed));
    }

    private static CSharpCompilation Replace(CSharpCompilation compilation, string path, string text)
    {
        var old = compilation.SyntaxTrees.Single(t => t.FilePath == path);
        return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(text, Harness.ParseOptions, path));
    }
}
