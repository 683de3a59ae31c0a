using System.Globalization;
using System.IO.Compression;
using Layers;

namespace Digits;

/// <summary>The UCI handwritten digits shipped with the sample: 1797 images of 8×8 pixels (0–16) and their labels.</summary>
public sealed record DigitsData(Tensor Images, Tensor Labels)
{
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "digits.csv.gz");

    /// <summary>Reads the gzipped CSV (64 pixel values then the label per row) and scales pixels to [0, 1].</summary>
    public static DigitsData Load(string? path = null)
    {
        path ??= DefaultPath;
        var pixels = new List<float>();
        var labels = new List<int>();
        using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        int lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0) continue;
            var fields = line.Split(',');
            if (fields.Length != 65)
                throw new FormatException($"{path}, line {lineNumber}: expected 65 comma-separated values (64 pixels and a label), found {fields.Length}.");
            for (int i = 0; i < 64; i++) pixels.Add(float.Parse(fields[i], CultureInfo.InvariantCulture) / 16f);
            int label = int.Parse(fields[64], CultureInfo.InvariantCulture);
            if (label is < 0 or > 9) throw new FormatException($"{path}, line {lineNumber}: label {label} is not a digit.");
            labels.Add(label);
        }
        return new DigitsData(Tensor.FromArray(pixels.ToArray(), labels.Count, 64), Tensor.FromArray(labels.ToArray()));
    }

    /// <summary>A seeded shuffle, then the last <paramref name="testFraction"/> of the samples held out for testing.</summary>
    public (DigitsData Train, DigitsData Test) Split(double testFraction, long seed)
    {
        int n = Labels.Shape[0];
        var order = Ops.Cast(Tensor.RandomUniform(new Shape(n), seed: seed, dtype: DType.Float64), DType.Float64).ToArray<double>()
            .Select((key, index) => (key, index)).OrderBy(p => p.key).Select(p => p.index).ToArray();
        int testCount = (int)Math.Round(n * testFraction);
        var train = Tensor.FromArray(order[..(n - testCount)]);
        var test = Tensor.FromArray(order[(n - testCount)..]);
        return (new DigitsData(Ops.Gather(Images, train), Ops.Gather(Labels, train)), new DigitsData(Ops.Gather(Images, test), Ops.Gather(Labels, test)));
    }
}
