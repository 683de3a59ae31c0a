using Layers;

namespace SeedExamples.Examples;

/// <summary>How the examples print: like the seeds' Python sessions (lists of weights, names, tensors).</summary>
internal static class Output
{
    public static string Names(IEnumerable<Variable> weights) => "[" + string.Join(", ", weights.Select(w => w.Name)) + "]";

    public static string Shapes(IEnumerable<Variable> weights) => "[" + string.Join(", ", weights.Select(w => w.Shape.ToString())) + "]";

    public static string Values(IEnumerable<Tensor> values) => "[" + string.Join(", ", values.Select(v => $"array({v.FormatValues()}, dtype={v.DType.Name()})")) + "]";

    public static void Section(TextWriter output, string title)
    {
        output.WriteLine();
        output.WriteLine("== " + title);
    }
}
