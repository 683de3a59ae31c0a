using Layers.Tests.Saving;
using Layers.Tests.Support;

namespace Layers.Tests.Training;

/// <summary>CSVLogger's file, byte for byte: Keras' column order, Python's float text, the excel dialect.</summary>
public class CallbacksCsvLoggerTests
{
    private static List<Dictionary<string, double>> Epochs(params (string Key, double Value)[][] epochs) =>
        [.. epochs.Select(e => e.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal))];

    [Fact]
    public void WritesEpochThenSortedKeysWithPythonFloats()
    {
        using var dir = new SavingSupport.TempDirectory();
        string path = dir.File("log.csv");
        var logs = Epochs(
            [("val_loss", 0.5), ("loss", (double)0.3f), ("accuracy", 1e-05), ("val_accuracy", 2.0)],
            [("val_loss", 0.25), ("loss", 1e16), ("accuracy", double.NaN), ("val_accuracy", -0.0)]);
        Scripted.Run(Scripted.Model(), [new CSVLogger(path)], logs);
        Assert.Equal(
            "epoch,accuracy,loss,val_accuracy,val_loss\r\n" +
            "0,1e-05,0.30000001192092896,2.0,0.5\r\n" +
            "1,nan,1e+16,-0.0,0.25\r\n",
            File.ReadAllText(path));
    }

    [Fact]
    public void WithoutValidationKeysValidationColumnsAreAddedAsNA()
    {
        using var dir = new SavingSupport.TempDirectory();
        string path = dir.File("log.csv");
        Scripted.Run(Scripted.Model(), [new CSVLogger(path)], Epochs([("loss", 1.5), ("mae", 0.25)], [("loss", 1.0), ("mae", 0.125), ("val_loss", 3.0)]));
        Assert.Equal("epoch,loss,mae,val_loss,val_mae\r\n0,1.5,0.25,NA,NA\r\n1,1.0,0.125,3.0,NA\r\n", File.ReadAllText(path));
    }

    [Fact]
    public void ColumnsAreFixedByTheFirstEpoch()
    {
        using var dir = new SavingSupport.TempDirectory();
        string path = dir.File("log.csv");
        Scripted.Run(Scripted.Model(), [new CSVLogger(path)], Epochs([("loss", 2.0), ("val_loss", 3.0)], [("loss", 1.0), ("val_loss", 2.0), ("learning_rate", 0.5)], [("val_loss", 1.0)]));
        Assert.Equal("epoch,loss,val_loss\r\n0,2.0,3.0\r\n1,1.0,2.0\r\n2,NA,1.0\r\n", File.ReadAllText(path));
    }

    [Fact]
    public void AppendAddsRowsAndWritesTheHeaderOnlyToAnEmptyFile()
    {
        using var dir = new SavingSupport.TempDirectory();
        string path = dir.File("log.csv");
        File.WriteAllText(path, "");
        var model = Scripted.Model();
        Scripted.Run(model, [new CSVLogger(path, append: true)], Epochs([("loss", 2.0), ("val_loss", 3.0)]));
        Scripted.Run(model, [new CSVLogger(path, append: true)], Epochs([("loss", 1.0), ("val_loss", 2.0)]));
        Assert.Equal("epoch,loss,val_loss\r\n0,2.0,3.0\r\n0,1.0,2.0\r\n", File.ReadAllText(path));

        Scripted.Run(model, [new CSVLogger(path)], Epochs([("loss", 4.0), ("val_loss", 5.0)]));
        Assert.Equal("epoch,loss,val_loss\r\n0,4.0,5.0\r\n", File.ReadAllText(path));
    }

    [Fact]
    public void AnotherSeparatorAndQuotingOfFieldsThatContainIt()
    {
        using var dir = new SavingSupport.TempDirectory();
        string path = dir.File("log.tsv");
        Scripted.Run(Scripted.Model(), [new CSVLogger(path, separator: ";")], Epochs([("a;b", 1.0), ("c\"d", 2.0), ("val_x", 0.5)]));
        Assert.Equal("epoch;\"a;b\";\"c\"\"d\";val_x\r\n0;1.0;2.0;0.5\r\n", File.ReadAllText(path));
        Assertions.Throws<ArgumentException>(() => new CSVLogger(path, separator: "::"), "1-character");
    }

    [Fact]
    public void RowsAreOnDiskAfterEachEpoch()
    {
        using var dir = new SavingSupport.TempDirectory();
        string path = dir.File("log.csv");
        var lines = new List<string>();
        var probe = new LambdaCallback(onEpochEnd: (_, _) =>
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            lines.Add(new StreamReader(stream).ReadToEnd());
        });
        Scripted.Run(Scripted.Model(), [new CSVLogger(path), probe], Epochs([("loss", 1.0), ("val_loss", 1.0)], [("loss", 0.5), ("val_loss", 0.5)]));
        Assert.Equal(["epoch,loss,val_loss\r\n0,1.0,1.0\r\n", "epoch,loss,val_loss\r\n0,1.0,1.0\r\n1,0.5,0.5\r\n"], lines);
    }
}
