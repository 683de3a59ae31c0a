using System.Diagnostics;
using System.Globalization;
using System.Text;
using Layers.Generators;
using Layers.Generators.Benchmarks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

// Times the Layers generator on a project of 500 generated layers: a cold run (new driver, new compilation,
// as on opening a project or a command-line build) and an incremental run after editing one weight attribute
// (what an IDE does on a keystroke). The same project's full compilation (binding and checking every file,
// without emitting) is measured in the same session as the yardstick.
//
//   dotnet run -c Release --project benchmarks/Layers.Generators.Benchmarks [-- --layers 500 --runs 15 --out benchmarks/results/generator.md]

int layerCount = Option("--layers", 500);
int runs = Option("--runs", 15);
string? outPath = args.SkipWhile(a => a != "--out").Skip(1).FirstOrDefault();

var parseOptions = new CSharpParseOptions(LanguageVersion.CSharp13);
var references = References();
var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary).WithNullableContextOptions(NullableContextOptions.Enable);
var files = SyntheticProject.Create(layerCount);
var trees = files.Select(f => CSharpSyntaxTree.ParseText(f.Text, parseOptions, f.Path)).ToArray();
CSharpCompilation NewCompilation() => CSharpCompilation.Create("Synthetic", trees, references, options);
GeneratorDriver NewDriver() => CSharpGeneratorDriver.Create([new LayerGenerator().AsSourceGenerator()], parseOptions: parseOptions);

// Sanity: the project generates one file per layer plus the registrations, and compiles cleanly with them.
var check = NewDriver().RunGeneratorsAndUpdateCompilation(NewCompilation(), out var generatedCompilation, out _);
int generatedFiles = check.GetRunResult().GeneratedTrees.Length;
var errors = generatedCompilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
if (generatedFiles != layerCount + 1 || errors.Count > 0)
{
    Console.Error.WriteLine($"The synthetic project is wrong: {generatedFiles} generated files, {errors.Count} errors. {errors.FirstOrDefault()}");
    return 1;
}

for (int i = 0; i < 3; i++) NewDriver().RunGenerators(NewCompilation()); // JIT and caches warm up

var cold = new List<double>();
var coldGenerator = new List<double>();
for (int i = 0; i < runs; i++)
{
    var compilation = NewCompilation();
    var driver = NewDriver();
    var watch = Stopwatch.StartNew();
    driver = driver.RunGenerators(compilation);
    cold.Add(watch.Elapsed.TotalMilliseconds);
    coldGenerator.Add(driver.GetTimingInfo().ElapsedTime.TotalMilliseconds);
}

var incremental = new List<double>();
var incrementalGenerator = new List<double>();
{
    var compilation = NewCompilation();
    var driver = NewDriver().RunGenerators(compilation);
    int edited = layerCount / 2 - layerCount / 2 % 4; // a dense layer, whose weight attribute the edit changes
    var editedPath = files[edited].Path;
    for (int i = 0; i < runs + 3; i++)
    {
        var old = compilation.SyntaxTrees.Single(t => t.FilePath == editedPath);
        compilation = compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(SyntheticProject.Source(edited, i + 1), parseOptions, editedPath));
        var before = driver.GetTimingInfo().ElapsedTime;
        var watch = Stopwatch.StartNew();
        driver = driver.RunGenerators(compilation);
        if (i < 3) continue; // warm-up
        incremental.Add(watch.Elapsed.TotalMilliseconds);
        incrementalGenerator.Add(driver.GetTimingInfo().ElapsedTime.TotalMilliseconds);
    }
}

var own = OwnAnalysis.Measure(NewCompilation(), runs);

var compile = new List<double>();
for (int i = 0; i < Math.Max(3, runs / 3); i++)
{
    var compilation = NewCompilation();
    var watch = Stopwatch.StartNew();
    compilation.GetDiagnostics();
    compile.Add(watch.Elapsed.TotalMilliseconds);
}

string F(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);
double Median(List<double> values) { var s = values.Order().ToList(); return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2; }

var report = new StringBuilder();
report.AppendLine("# Generator time");
report.AppendLine();
report.AppendLine($"- Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
report.AppendLine($"- Command: `dotnet run -c Release --project benchmarks/Layers.Generators.Benchmarks -- --layers {layerCount} --runs {runs} --out benchmarks/results/generator.md`");
report.AppendLine($"- Machine: {Environment.ProcessorCount} cores (shared with other builds), .NET {Environment.Version}, Roslyn {typeof(CSharpCompilation).Assembly.GetName().Version}; load average at the start {LoadAverage()} — absolute times scale with it, the ratios to the yardstick much less");
report.AppendLine($"- Project: {layerCount} generated layers in {layerCount} files (dense-like with weights and config, blocks with sublayers and lists, two-input layers, call-only layers); {generatedFiles} generated files, which compile without errors");
report.AppendLine($"- {runs} measured runs each after warm-up; wall time of `RunGenerators` (it includes the binding the generator triggers) and the driver's own generator timing.");
report.AppendLine();
report.AppendLine("| run | median ms | min ms | generator timing, median ms | vs. compiling the project |");
report.AppendLine("|---|---:|---:|---:|---:|");
report.AppendLine($"| cold: new driver, new compilation | {F(Median(cold))} | {F(cold.Min())} | {F(Median(coldGenerator))} | {Median(cold) / Median(compile):P0} |");
report.AppendLine($"| incremental: one weight attribute edited | {F(Median(incremental))} | {F(incremental.Min())} | {F(Median(incrementalGenerator))} | {Median(incremental) / Median(compile):P0} |");
report.AppendLine($"| the generator's own analysis of all {layerCount} layers, symbols already bound | {F(Median(own))} | {F(own.Min())} | | {Median(own) / Median(compile):P0} |");
report.AppendLine($"| yardstick: `GetDiagnostics()` of the same project, no generator | {F(Median(compile))} | {F(compile.Min())} | | 100 % |");
report.AppendLine();
report.AppendLine("Reading: an edit makes a new compilation whose symbols Roslyn binds afresh, and, like every");
report.AppendLine("`ForAttributeWithMetadataName` pipeline, the generator then re-reads each layer's attributes and member types;");
report.AppendLine("that binding is most of an incremental run. The generator's own analysis of all layers on already-bound symbols");
report.AppendLine("is the third row. Only the edited layer is emitted again — every other model compares equal and its output");
report.AppendLine("stays cached (`IncrementalityTests`); a cold run also emits all 501 files.");

Console.Write(report);
if (outPath is not null) File.WriteAllText(outPath, report.ToString());
return 0;

static string LoadAverage()
{
    try { return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
    catch (IOException) { return "unknown"; }
}

int Option(string name, int fallback)
{
    var value = args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
    return value is null ? fallback : int.Parse(value, CultureInfo.InvariantCulture);
}

static List<MetadataReference> References()
{
    var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
    var packs = Path.GetFullPath(Path.Combine(runtimeDirectory, "..", "..", "..", "packs", "Microsoft.NETCore.App.Ref"));
    var pack = Directory.GetDirectories(packs).OrderDescending().Select(d => Path.Combine(d, "ref", "net10.0")).First(Directory.Exists);
    var paths = Directory.GetFiles(pack, "*.dll").ToList();
    paths.Add(typeof(Layers.Layer).Assembly.Location);
    paths.Add(typeof(System.Numerics.Tensors.TensorPrimitives).Assembly.Location);
    return paths.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToList();
}
