using Layers.Generators.Tests.Support;
using Microsoft.CodeAnalysis;

namespace Layers.Generators.Tests;

/// <summary>
/// One positive and one negative case per diagnostic. Positive sources mark each expected diagnostic as
/// <c>{|LAYERnnn:text|}</c> at its exact location; every case also checks that the generator adds no compiler
/// error of its own on top (it skips the invalid layer and writes only stub bodies).
/// </summary>
public class DiagnosticTests
{
    private const string Usings = "using System.Collections.Generic;\nusing Layers;\n\nnamespace Cases;\n\n";

    private const string Inner = """
        public sealed partial class Inner : Layer
        {
            protected override Tensor Call(Tensor x) => x;
        }

        """;

    // ---- LAYER001: not partial ------------------------------------------------------------------

    [Fact]
    public void LAYER001_class_with_sublayers_that_is_not_partial() => Verify(Inner + """
        public sealed class {|LAYER001:Block|} : Layer
        {
            [SubLayer] private readonly Inner _inner = new();
            protected override Tensor Call(Tensor x) => _inner.Apply(x);
        }
        """);

    [Fact]
    public void LAYER001_containing_type_that_is_not_partial() => Verify(Inner + """
        public static class {|LAYER001:Holder|}
        {
            public sealed partial class Block : Layer
            {
                [SubLayer] private readonly Inner _inner = new();
                protected override Tensor Call(Tensor x) => _inner.Apply(x);
            }
        }
        """);

    [Fact]
    public void LAYER001_not_reported_for_partial_layers_or_hand_written_layers() => Verify(Inner + """
        public static partial class Holder
        {
            public sealed partial class Block : Layer
            {
                [SubLayer] private readonly Inner _inner = new();
                protected override Tensor Call(Tensor x) => _inner.Apply(x);
            }
        }
        public sealed class HandWritten : Layer
        {
            protected override Tensor Call(Tensor x) => x;
        }
        """);

    // ---- LAYER002: not a layer ------------------------------------------------------------------

    [Fact]
    public void LAYER002_attributes_on_a_class_that_is_not_a_layer() => Verify(Inner + """
        public sealed partial class {|LAYER002:Helper|}
        {
            [SubLayer] private readonly Inner _inner = new();
        }
        """);

    [Fact]
    public void LAYER002_not_reported_for_a_layer() => Verify(Inner + """
        public sealed partial class Helper : Layer
        {
            [SubLayer] private readonly Inner _inner = new();
            protected override Tensor Call(Tensor x) => _inner.Apply(x);
        }
        """);

    // ---- LAYER003: [Weight] not on a partial Variable property ----------------------------------

    [Fact]
    public void LAYER003_weight_on_a_property_that_is_not_a_body_less_partial_Variable() => Verify("""
        public sealed partial class Bad : Layer
        {
            [Weight] public Variable {|LAYER003:NotPartial|} => throw null!;
            [Weight] public partial int {|LAYER003:WrongType|} { get; }
            [Weight] public partial Variable {|LAYER003:WithSetter|} { get; set; }
            [Weight] public static partial Variable {|LAYER003:Static|} { get; }
            protected override Tensor Call(Tensor x) => x;
        }
        """);

    [Fact]
    public void LAYER003_not_reported_for_a_partial_get_only_Variable() => Verify("""
        public sealed partial class Good : Layer
        {
            [Weight] public partial Variable Fine { get; }
            [Weight] internal partial Variable AlsoFine { get; }
            protected override Tensor Call(Tensor x) => x * Fine * AlsoFine;
        }
        """);

    // ---- LAYER004: shape syntax -----------------------------------------------------------------

    [Fact]
    public void LAYER004_shape_syntax_errors_point_at_the_offending_characters() => Verify("""
        public sealed partial class Bad : Layer
        {
            [Weight(Shape = "x[-1], {|LAYER004:%|}")] public partial Variable A { get; }
            [Weight(Shape = "x[-1] {|LAYER004:+|}")] public partial Variable B { get; }
            [Weight(Shape = "4 {|LAYER004:/|} 0")] public partial Variable C { get; }
            [Weight(Shape = "x[{|LAYER004:a|}]")] public partial Variable D { get; }
            [Weight(Shape = "2, {|LAYER004:,|} 3")] public partial Variable E { get; }
            [Weight(Shape = {|LAYER004:@"(2"|})] public partial Variable F { get; }
            protected override Tensor Call(Tensor x) => x;
        }
        """);

    [Fact]
    public void LAYER004_not_reported_for_valid_shapes() => Verify("""
        public sealed partial class Good : Layer
        {
            [Weight(Shape = "x[-1], (x[0] + 2) * 3 / 2 - 1,")] public partial Variable A { get; }
            [Weight(Shape = @"(2)")] public partial Variable F { get; }
            protected override Tensor Call(Tensor x) => x;
        }
        """);

    // ---- LAYER005: unknown name ------------------------------------------------------------------

    [Fact]
    public void LAYER005_unknown_names_in_shapes() => Verify("""
        public sealed partial class Bad(int units, {|LAYER009:int notStored|}) : Layer
        {
            public int Units { get; } = units;
            public int Twice { get; } = notStored * 2;
            [Weight(Shape = "inputs[-1], {|LAYER005:Unitz|}")] public partial Variable A { get; }
            [Weight(Shape = "{|LAYER005:notStored|}")] public partial Variable B { get; }
            [Weight(Shape = "{|LAYER005:x|}[0]")] public partial Variable C { get; }
            protected override Tensor Call(Tensor inputs) => inputs;
        }
        """);

    [Fact]
    public void LAYER005_not_reported_for_members_parameters_stored_in_members_and_call_arguments() => Verify("""
        public sealed partial class Good(int units) : Layer
        {
            public int Units { get; } = units;
            [Weight(Shape = "inputs[-1], Units, units")] public partial Variable A { get; }
            protected override Tensor Call(Tensor inputs) => inputs;
        }
        """);

    // ---- LAYER006: wrong kind of name --------------------------------------------------------------

    [Fact]
    public void LAYER006_names_of_the_wrong_kind_in_shapes() => Verify("""
        public sealed partial class Bad : Layer
        {
            public float Rate { get; } = 0.5f;
            public int Units { get; } = 3;
            [Weight(Shape = "{|LAYER006:Rate|}")] public partial Variable A { get; }
            [Weight(Shape = "{|LAYER006:inputs|}")] public partial Variable B { get; }
            [Weight(Shape = "{|LAYER006:Units[0]|}")] public partial Variable C { get; }
            protected override Tensor Call(Tensor inputs) => inputs;
        }
        """);

    [Fact]
    public void LAYER006_not_reported_for_int_members_and_indexed_call_arguments() => Verify("""
        public sealed partial class Good : Layer
        {
            public int Units { get; } = 3;
            [Weight(Shape = "Units, inputs[0]")] public partial Variable A { get; }
            protected override Tensor Call(Tensor inputs) => inputs;
        }
        """);

    // ---- LAYER007: unknown built-in -----------------------------------------------------------------

    [Fact]
    public void LAYER007_unknown_built_in_initializer_regularizer_and_constraint() => Verify("""
        public sealed partial class Bad : Layer
        {
            public Initializer KernelInitializer { get; } = Initializers.Zeros();
            [Weight(Initializer = {|LAYER007:"glorot_unifrom"|})] public partial Variable A { get; }
            [Weight(Regularizer = {|LAYER007:"l3"|})] public partial Variable B { get; }
            [Weight(Constraint = {|LAYER007:"max"|})] public partial Variable C { get; }
            [Weight(Initializer = {|LAYER007:"KernelInitializer"|})] public partial Variable D { get; }
            protected override Tensor Call(Tensor x) => x;
        }
        """);

    [Fact]
    public void LAYER007_not_reported_for_keras_identifiers_and_class_names() => Verify("""
        public sealed partial class Good : Layer
        {
            [Weight(Initializer = "he_normal", Regularizer = "l1_l2", Constraint = "non_neg")] public partial Variable A { get; }
            [Weight(Initializer = "GlorotUniform", Regularizer = "L2", Constraint = "MaxNorm")] public partial Variable B { get; }
            protected override Tensor Call(Tensor x) => x;
        }
        """);

    // ---- LAYER008: nameof member of the wrong type ----------------------------------------------------

    [Fact]
    public void LAYER008_nameof_a_member_that_holds_no_initializer() => Verify("""
        public sealed partial class Bad : Layer
        {
            public int Units { get; } = 3;
            public Regularizer? Penalty { get; }
            [Weight(Initializer = {|LAYER008:nameof(Units)|})] public partial Variable A { get; }
            [Weight(Constraint = {|LAYER008:nameof(Penalty)|})] public partial Variable B { get; }
            [Weight(Initializer = {|LAYER008:nameof(System.String.Empty)|})] public partial Variable C { get; }
            protected override Tensor Call(Tensor x) => x;
        }
        """);

    [Fact]
    public void LAYER008_not_reported_for_members_of_the_right_types() => Verify("""
        public sealed partial class Good : Layer
        {
            public Initializer Init { get; } = Initializers.Ones();
            public Regularizer? Penalty { get; }
            public Constraint? Limit { get; }
            [Weight(Initializer = nameof(Init), Regularizer = nameof(Penalty), Constraint = nameof(Limit))] public partial Variable A { get; }
            protected override Tensor Call(Tensor x) => x;
        }
        """);

    // ---- LAYER009: constructor parameter without member --------------------------------------------

    [Fact]
    public void LAYER009_constructor_parameter_with_no_member() => Verify("""
        public sealed partial class Bad({|LAYER009:int units|}, float rate) : Layer
        {
            public float Rate { get; } = rate;
            protected override Tensor Call(Tensor x) => x * Rate * units;
        }
        public sealed partial class AlsoBad : Layer
        {
            public AlsoBad({|LAYER009:int size|}) { }
            protected override Tensor Call(Tensor x) => x;
        }
        """);

    [Fact]
    public void LAYER009_not_reported_when_members_store_the_parameters_or_config_is_hand_written() => Verify("""
        public sealed partial class Good(int units, int size, string? name = null) : Layer(name)
        {
            public int Units { get; } = units;
            private readonly int _size = size;
            protected override Tensor Call(Tensor x) => x * (Units + _size);
        }
        public sealed partial class HandConfig(int hidden) : Layer
        {
            public override Config GetConfig() => base.GetConfig().Set("hidden", hidden);
            public static HandConfig FromConfig(Config config) => new(config.GetInt32("hidden"));
            protected override Tensor Call(Tensor x) => x;
        }
        """);

    // ---- LAYER010: unserializable parameter -----------------------------------------------------------

    [Fact]
    public void LAYER010_constructor_parameter_a_config_cannot_hold() => Verify("""
        public sealed partial class Bad({|LAYER010:System.Func<int> factory|}, {|LAYER010:Tensor constant|}, {|LAYER010:string kernelInitializer|}) : Layer
        {
            public System.Func<int> Factory { get; } = factory;
            public Tensor Constant { get; } = constant;
            public Initializer KernelInitializer { get; } = kernelInitializer;
            protected override Tensor Call(Tensor x) => x;
        }
        """);

    [Fact]
    public void LAYER010_not_reported_for_serializable_types() => Verify("""
        public sealed partial class Good(Initializer kernelInitializer, IReadOnlyList<int> sizes, ActivationFunction activation, string activationName) : Layer
        {
            public Initializer KernelInitializer { get; } = kernelInitializer;
            public IReadOnlyList<int> Sizes { get; } = sizes;
            public ActivationFunction ActivationFunction { get; } = activation;
            public ActivationFunction ActivationName { get; } = activationName;
            protected override Tensor Call(Tensor x) => x;
        }
        """);

    // ---- LAYER011: unsupported Call -------------------------------------------------------------------

    [Fact]
    public void LAYER011_unsupported_call_signatures() => Verify("""
        public sealed partial class ExtraParameter : Layer
        {
            private Tensor Call(Tensor x, int {|LAYER011:k|}) => x;
        }
        public sealed partial class WrongReturn : Layer
        {
            private new int {|LAYER011:Call|}(Tensor x) => 0;
        }
        public sealed partial class NonNullableMask : Layer
        {
            private Tensor Call(Tensor x, Tensor {|LAYER011:mask|}) => x;
        }
        public sealed partial class TwoCalls : Layer
        {
            protected override Tensor Call(Tensor x) => x;
            protected override Tensor {|LAYER011:Call|}(Tensor x, bool training) => x;
        }
        public sealed partial class NoTensor : Layer
        {
            private Tensor {|LAYER011:Call|}(bool training) => Tensor.Zeros(1);
        }
        """);

    [Fact]
    public void LAYER011_not_reported_for_supported_signatures() => Verify("""
        public sealed partial class A : Layer { private Tensor Call(Tensor x, Tensor? mask, bool training = false) => x; }
        public sealed partial class B : Layer { private Tensor Call(Tensor x, Tensor y, Tensor z) => x; }
        public sealed partial class C : Layer { protected override Tensor Call(IReadOnlyList<Tensor> items) => items[0]; }
        """);

    // ---- LAYER012: no Call -------------------------------------------------------------------------------

    [Fact]
    public void LAYER012_layer_with_weights_and_no_call() => Verify("""
        public sealed partial class {|LAYER012:NoCall|} : Layer
        {
            [Weight(Shape = "2")] public partial Variable W { get; }
        }
        """);

    [Fact]
    public void LAYER012_not_reported_when_a_base_class_declares_call() => Verify("""
        public abstract class HandWrittenBase : Layer
        {
            protected override Tensor Call(Tensor inputs) => inputs;
        }
        public sealed partial class Derived : HandWrittenBase
        {
            [Weight(Shape = "inputs[-1]")] public partial Variable W { get; }
        }
        """);

    // ---- LAYER013: [SubLayer] on a non-layer -------------------------------------------------------------

    [Fact]
    public void LAYER013_sublayer_on_something_that_is_not_a_layer() => Verify(Inner + """
        public sealed partial class Bad : Layer
        {
            [SubLayer] private readonly int {|LAYER013:_count|} = 1;
            [SubLayer] private static readonly Inner {|LAYER013:s_shared|} = new();
            [SubLayer] private readonly List<string> {|LAYER013:_names|} = new();
            protected override Tensor Call(Tensor x) => x * _count;
        }
        """);

    [Fact]
    public void LAYER013_not_reported_for_layers_arrays_and_lists_of_layers() => Verify(Inner + """
        public sealed partial class Good : Layer
        {
            [SubLayer] private readonly Inner _one = new();
            [SubLayer] private readonly Layer[] _array = [new Inner()];
            [SubLayer] public IEnumerable<Inner> Many { get; } = [new Inner()];
            protected override Tensor Call(Tensor x) => _one.Apply(x);
        }
        """);

    // ---- LAYER014: duplicate weight names --------------------------------------------------------------

    [Fact]
    public void LAYER014_duplicate_weight_names_within_a_layer_and_with_its_base() => Verify("""
        public partial class Base : Layer
        {
            [Weight] public partial Variable Kernel { get; }
            protected override Tensor Call(Tensor x) => x;
        }
        public sealed partial class Derived : Base
        {
            [Weight(Name = "bias")] public partial Variable First { get; }
            [Weight(Name = {|LAYER014:"bias"|})] public partial Variable Second { get; }
            [Weight] public partial Variable {|LAYER014:Kernel2|} { get; }
        }
        """.Replace("Kernel2 {", "Kernel2 {").Replace("public partial Variable {|LAYER014:Kernel2|}", "public new partial Variable {|LAYER014:Kernel|}"));

    [Fact]
    public void LAYER014_not_reported_for_distinct_names() => Verify("""
        public sealed partial class Good : Layer
        {
            [Weight(Name = "kernel")] public partial Variable First { get; }
            [Weight] public partial Variable Second { get; }
            protected override Tensor Call(Tensor x) => x;
        }
        """);

    // ---- LAYER015: invalid weight names -----------------------------------------------------------------

    [Fact]
    public void LAYER015_weight_names_that_are_empty_or_contain_a_slash() => Verify("""
        public sealed partial class Bad : Layer
        {
            [Weight(Name = {|LAYER015:"a/b"|})] public partial Variable First { get; }
            [Weight(Name = {|LAYER015:""|})] public partial Variable Second { get; }
            protected override Tensor Call(Tensor x) => x;
        }
        """);

    [Fact]
    public void LAYER015_not_reported_for_valid_names() => Verify("""
        public sealed partial class Good : Layer
        {
            [Weight(Name = "moving_mean:0")] public partial Variable First { get; }
            protected override Tensor Call(Tensor x) => x;
        }
        """);

    // ---- behaviour shared by all diagnostics ---------------------------------------------------------------

    [Fact]
    public void Messages_say_how_to_fix_the_problem()
    {
        var diagnostics = Diagnose("""
            public sealed partial class Bad(int units) : Layer
            {
                [Weight(Shape = "inputs[-1], Unitz")] public partial Variable A { get; }
                protected override Tensor Call(Tensor inputs) => inputs;
            }
            """);
        var unknown = diagnostics.Single(d => d.Id == "LAYER005").GetMessage();
        Assert.Contains("'Unitz'", unknown);
        Assert.Contains("Call's tensor parameters are: inputs", unknown);
        var member = diagnostics.Single(d => d.Id == "LAYER009").GetMessage();
        Assert.Contains("store it in a property or field named 'Units'", member);
    }

    [Fact]
    public void Pragma_warning_disable_suppresses_a_diagnostic()
    {
        var diagnostics = Diagnose("""
            public sealed partial class Bad : Layer
            {
            #pragma warning disable LAYER005
                [Weight(Shape = "Unitz")] public partial Variable A { get; }
            #pragma warning restore LAYER005
                protected override Tensor Call(Tensor inputs) => inputs;
            }
            """);
        Assert.DoesNotContain(diagnostics, d => d.Id == "LAYER005" && !d.IsSuppressed);
    }

    [Fact]
    public void An_invalid_layer_gets_stub_bodies_and_no_cascade_of_compiler_errors()
    {
        var compilation = Harness.Compile(Usings + """
            public sealed partial class Bad : Layer
            {
                [Weight(Shape = "Unitz")] public partial Variable A { get; }
                [Weight(Shape = "3")] public partial Variable B { get; }
                protected override Tensor Call(Tensor inputs) => inputs * A * B;
            }
            """);
        var output = Harness.Run(compilation);
        var (_, text) = Assert.Single(output.Sources);
        Assert.Contains("public partial global::Layers.Variable A", text);
        Assert.Contains("get => throw new global::System.InvalidOperationException(", text);
        Assert.DoesNotContain("AddDeclaredWeight", text);
        Assert.Empty(Harness.ErrorsAndWarnings(output.OutputCompilation.GetDiagnostics()));
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    private static IReadOnlyList<Diagnostic> Diagnose(string source)
    {
        var output = Harness.Run(Harness.Compile(Usings + source));
        return Harness.Analyze(output.OutputCompilation);
    }

    /// <summary>
    /// Exactly the marked LAYER diagnostics at the marked spans, and no compiler error or warning beyond what
    /// the user's code itself causes — none in these cases.
    /// </summary>
    private static void Verify(string markup)
    {
        var (source, expected) = Markup.Parse(Usings + markup);
        var output = Harness.Run(Harness.Compile(source));
        Assert.Null(output.Exception);

        var actual = Harness.Analyze(output.OutputCompilation)
            .Where(d => d.Id.StartsWith("LAYER", StringComparison.Ordinal))
            .Select(d => new ExpectedDiagnostic(d.Id, d.Location.SourceSpan))
            .OrderBy(d => d.Span.Start).ThenBy(d => d.Id)
            .ToList();
        var wanted = expected.OrderBy(d => d.Span.Start).ThenBy(d => d.Id).ToList();
        Assert.True(wanted.SequenceEqual(actual),
            $"Expected:{Environment.NewLine}{Describe(source, wanted)}{Environment.NewLine}Actual:{Environment.NewLine}{Describe(source, actual)}" +
            $"{Environment.NewLine}Messages:{Environment.NewLine}{Harness.Describe(Harness.Analyze(output.OutputCompilation))}");

        var compilerDiagnostics = Harness.ErrorsAndWarnings(output.OutputCompilation.GetDiagnostics()).ToList();
        Assert.True(compilerDiagnostics.Count == 0, "Compiler diagnostics besides the LAYER ones:" + Environment.NewLine + Harness.Describe(compilerDiagnostics));
    }

    private static string Describe(string source, IEnumerable<ExpectedDiagnostic> diagnostics) =>
        string.Join(Environment.NewLine, diagnostics.Select(d => $"  {d.Id} at {d.Span}: '{source.Substring(d.Span.Start, d.Span.Length)}'"));
}
