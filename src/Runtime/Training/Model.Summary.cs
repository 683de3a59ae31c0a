using System.Globalization;


namespace Layers;

public abstract partial class Model
{
    /// <summary>
    /// Prints Keras' summary table — layer (type), output shape, param # — and the totals with their
    /// memory (<c>Total params: 4,810 (18.79 KB)</c>), to <paramref name="printFn"/> or the console.
    /// </summary>
    public void Summary(Action<string>? printFn = null, int lineLength = 84)
    {
        printFn ??= Console.WriteLine;
        foreach (var line in SummaryLines(lineLength)) printFn(line);
    }

    /// <summary>The lines <see cref="Summary"/> prints.</summary>
    public IReadOnlyList<string> SummaryLines(int lineLength = 84)
    {
        if (lineLength < 40) throw new ArgumentOutOfRangeException(nameof(lineLength), lineLength, "Summary: line_length must be at least 40.");
        int first = (int)(lineLength * 0.45) - 2, second = (int)(lineLength * 0.39) - 3, third = lineLength - first - second - 8;
        var lines = new List<string> { $"Model: \"{Name}\"" };
        lines.Add(Rule('┏', '━', '┳', '┓', first, second, third));
        lines.Add(Row('┃', "Layer (type)", "Output Shape", "Param #", first, second, third));
        lines.Add(Rule('┡', '━', '╇', '┩', first, second, third));
        var rows = SummaryRows().ToList();
        for (int i = 0; i < rows.Count; i++)
        {
            if (i > 0) lines.Add(Rule('├', '─', '┼', '┤', first, second, third));
            lines.Add(Row('│', rows[i].Layer, rows[i].Shape, rows[i].Params, first, second, third));
        }
        lines.Add(Rule('└', '─', '┴', '┘', first, second, third));
        long trainable = 0, nonTrainable = 0, trainableBytes = 0, nonTrainableBytes = 0;
        foreach (var weight in TrainableWeights)
        {
            trainable += weight.Shape.Size;
            trainableBytes += (long)weight.Shape.Size * weight.DType.SizeOf();
        }
        foreach (var weight in NonTrainableWeights)
        {
            nonTrainable += weight.Shape.Size;
            nonTrainableBytes += (long)weight.Shape.Size * weight.DType.SizeOf();
        }
        lines.Add($" Total params: {Count(trainable + nonTrainable)} ({Bytes(trainableBytes + nonTrainableBytes)})");
        lines.Add($" Trainable params: {Count(trainable)} ({Bytes(trainableBytes)})");
        lines.Add($" Non-trainable params: {Count(nonTrainable)} ({Bytes(nonTrainableBytes)})");
        if (Optimizer is not null && Compiled)
        {
            long optimizerParams = Optimizer.GetState().Skip(1).Sum(p => (long)p.Value.Size);
            if (optimizerParams > 0)
                lines.Add($" Optimizer params: {Count(optimizerParams)} ({Bytes(Optimizer.GetState().Skip(1).Sum(p => (long)p.Value.Size * p.Value.DType.SizeOf()))})");
        }
        return lines;
    }

    /// <summary>One row per direct sublayer: name (Type), output shape if it can be known, parameter count.</summary>
    private IEnumerable<(string Layer, string Shape, string Params)> SummaryRows()
    {
        var layers = this is Sequential sequential ? sequential.Layers : Layers;
        Shape? shape = this is Sequential { InputLayer: { } input } ? input.BatchShape : BuildInputShapes?[0].WithDim(0, Shape.Unknown);
        foreach (var layer in layers)
        {
            Shape? output = null;
            var inputShape = this is Sequential ? shape : layer.BuildInputShapes?[0].WithDim(0, Shape.Unknown);
            if (inputShape is { } known)
            {
                try
                {
                    output = layer.ComputeOutputShape(known);
                }
                catch (NotSupportedException)
                {
                    output = null;
                }
            }
            shape = output;
            string parameters = layer.Built ? Count(layer.CountParams()) : "0 (unbuilt)";
            yield return ($"{layer.Name} ({layer.ClassName})", output?.ToString() ?? "?", parameters);
        }
    }

    private static string Rule(char left, char fill, char join, char right, int a, int b, int c) =>
        $"{left}{new string(fill, a + 2)}{join}{new string(fill, b + 2)}{join}{new string(fill, c + 2)}{right}";

    private static string Row(char edge, string layer, string shape, string parameters, int a, int b, int c) =>
        $"{edge} {Fit(layer, a).PadRight(a)} {edge} {Fit(shape, b).PadRight(b)} {edge} {Fit(parameters, c).PadLeft(c)} {edge}";

    private static string Fit(string text, int width) => text.Length <= width ? text : text[..(width - 1)] + "…";

    private static string Count(long n) => n.ToString("#,0", CultureInfo.InvariantCulture);

    /// <summary>Keras' <c>readable_memory_size</c>: 1024-based units, two decimals.</summary>
    private static string Bytes(long bytes)
    {
        string[] units = ["B", "KB", "MB", "GB", "TB"];
        double size = bytes;
        int unit = 0;
        while (size >= 1024 && unit < units.Length - 1)
        {
            size /= 1024;
            unit++;
        }
        return $"{size.ToString("0.00", CultureInfo.InvariantCulture)} {units[unit]}";
    }
}
