using Layers.Generators.Tests.Support;
using Microsoft.CodeAnalysis;

namespace Layers.Generators.Tests;

/// <summary>
/// The generator and the analyzer run on code that is being typed: they must never throw (a thrown
/// generator is CS8785, a thrown analyzer AD0001). Every snapshot input is cut off at many points, and a
/// corpus of malformed layers is run as is.
/// </summary>
public class RobustnessTests
{
    public static TheoryData<string> Cases() => [.. Snapshots.Cases()];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Truncated_inputs_never_make_the_generator_or_analyzer_throw(string caseName)
    {
        var inputs = Snapshots.Inputs(caseName);
        foreach (var input in inputs)
        {
            var text = input.Text;
            var points = CutPoints(text);
            foreach (int cut in points)
            {
                var files = inputs.Select(f => f == input ? f with { Text = text[..cut] } : f);
                AssertNoCrash(Harness.Compile(files), $"{input.Path} cut at {cut}");
            }
        }
    }

    public static TheoryData<string, string> Malformed() => new()
    {
        { "attribute argument of the wrong type", "public sealed partial class L : Layer { [Weight(Shape = 5)] public partial Variable W { get; } protected override Tensor Call(Tensor x) => x; }" },
        { "null shape", "public sealed partial class L : Layer { [Weight(Shape = null)] public partial Variable W { get; } protected override Tensor Call(Tensor x) => x; }" },
        { "positional attribute argument", "public sealed partial class L : Layer { [Weight(\"3\")] public partial Variable W { get; } protected override Tensor Call(Tensor x) => x; }" },
        { "unknown attribute property", "public sealed partial class L : Layer { [Weight(Shap = \"3\")] public partial Variable W { get; } protected override Tensor Call(Tensor x) => x; }" },
        { "sublayer on a method", "public sealed partial class L : Layer { [SubLayer] public Layer M() => this; protected override Tensor Call(Tensor x) => x; }" },
        { "base type missing", "public sealed partial class L : Missing { [Weight] public partial Variable W { get; } }" },
        { "self inheritance", "public partial class L : L { [Weight] public partial Variable W { get; } }" },
        { "cyclic inheritance", "public partial class A : B { [Weight] public partial Variable W { get; } } public partial class B : A { [SubLayer] public A? X { get; } }" },
        { "generic call", "public sealed partial class L : Layer { private Tensor Call<T>(Tensor x) => x; }" },
        { "call with error types", "public sealed partial class L : Layer { private Missing Call(Unknown x, Other training) => x; }" },
        { "static call", "public sealed partial class L : Layer { private static Tensor Call(Tensor x) => x; }" },
        { "huge literal", "public sealed partial class L : Layer { [Weight(Shape = \"99999999999999999999, 2147483647 * 2\")] public partial Variable W { get; } protected override Tensor Call(Tensor x) => x; }" },
        { "deep parentheses", "public sealed partial class L : Layer { [Weight(Shape = \"" + new string('(', 200) + "1" + new string(')', 200) + "\")] public partial Variable W { get; } protected override Tensor Call(Tensor x) => x; }" },
        { "unbalanced brackets", "public sealed partial class L : Layer { [Weight(Shape = \"x[[-1]]], ]\")] public partial Variable W { get; } protected override Tensor Call(Tensor x) => x; }" },
        { "unicode names", "public sealed partial class Слой(int единицы) : Layer { public int Единицы { get; } = единицы; [Weight(Shape = \"Единицы, вход[-1]\")] public partial Variable Вес { get; } protected override Tensor Call(Tensor вход) => вход; }" },
        { "weight on indexer", "public sealed partial class L : Layer { [Weight] public partial Variable this[int i] { get; } protected override Tensor Call(Tensor x) => x; }" },
        { "duplicate type", "public sealed partial class L : Layer { [Weight] public partial Variable W { get; } protected override Tensor Call(Tensor x) => x; } public sealed partial class L : Layer { }" },
        { "same layer name in two namespaces", "namespace A { public sealed partial class L : Layer { protected override Tensor Call(Tensor x) => x; } } namespace B { public sealed partial class L : Layer { protected override Tensor Call(Tensor x) => x; } }" },
        { "constructor with error-typed parameter", "public sealed partial class L(Missing m) : Layer { public Missing M { get; } = m; protected override Tensor Call(Tensor x) => x; }" },
        { "default of an unsupported kind", "public sealed partial class L(decimal d = 1.5m) : Layer { public decimal D { get; } = d; protected override Tensor Call(Tensor x) => x; }" },
        { "struct with weights", "public partial struct S { [Weight] public partial Variable W { get; } }" },
        { "interface with weights", "public partial interface I { [Weight] Variable W { get; } }" },
        { "record-like layer", "public sealed partial record R : Layer { [Weight] public partial Variable W { get; } }" },
        { "attribute-only file", "[Weight] [SubLayer]" },
        { "nameof of nothing", "public sealed partial class L : Layer { [Weight(Initializer = nameof())] public partial Variable W { get; } protected override Tensor Call(Tensor x) => x; }" },
        { "list call mixed with tensor", "public sealed partial class L : Layer { private Tensor Call(System.Collections.Generic.IReadOnlyList<Tensor> a, Tensor b) => b; }" },
        { "abstract layer without constructor", "public abstract partial class L : Layer { private L() { } [Weight] public partial Variable W { get; } protected override Tensor Call(Tensor x) => x; }" },
        { "namespace and nested type of the same name", "namespace A.B { public sealed partial class C : Layer { protected override Tensor Call(Tensor x) => x; } } namespace A { public partial class B { public sealed partial class C : Layer { protected override Tensor Call(Tensor x) => x; } } }" },
        { "shape names a method", "public sealed partial class L : Layer { int Units() => 3; [Weight(Shape = \"Units\")] public partial Variable W { get; } protected override Tensor Call(Tensor x) => x; }" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_layers_never_make_the_generator_or_analyzer_throw(string description, string source)
    {
        AssertNoCrash(Harness.Compile("using Layers;\n" + source), description);
    }

    [Fact]
    public void A_compilation_without_the_runtime_is_ignored()
    {
        var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create("NoRuntime",
            [Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("namespace Layers { public class WeightAttribute : System.Attribute { } } public partial class L { [Layers.Weight] public int W { get; } }", Harness.ParseOptions)],
            References.All.Where(r => !r.Display!.EndsWith("Layers.dll", StringComparison.Ordinal)),
            Harness.CompilationOptions);
        var output = Harness.Run(compilation);
        Assert.Null(output.Exception);
        Assert.Empty(output.Sources);
        Assert.Empty(Harness.Analyze(compilation));
    }

    private static void AssertNoCrash(Compilation compilation, string description)
    {
        var output = Harness.Run(compilation);
        Assert.True(output.Exception is null, $"{description}: the generator threw {output.Exception}");
        Assert.DoesNotContain(output.GeneratorDiagnostics, d => d.Id is "CS8784" or "CS8785");
        var exceptions = new List<Exception>();
        var diagnostics = Harness.Analyze(output.OutputCompilation, exceptions);
        Assert.True(exceptions.Count == 0, $"{description}: the analyzer threw {exceptions.FirstOrDefault()}");
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
    }

    /// <summary>About 60 cut points: evenly spaced, plus just inside every attribute, quote and bracket.</summary>
    private static IEnumerable<int> CutPoints(string text)
    {
        var points = new SortedSet<int>();
        for (int i = 0; i <= 40; i++) points.Add(text.Length * i / 40);
        for (int i = 0; i < text.Length && points.Count < 120; i++)
            if (text[i] is '[' or '"' or '(' or '{' or ',') points.Add(i + 1);
        return points;
    }
}
