using Layers.Tests.Saving;
using Layers.Tests.Support;

namespace Layers.Tests.Training;

/// <summary>ModelCheckpoint: file names from Python templates, when it saves, what it saves, its messages.</summary>
[Collection(CallbackOutputCollection.Name)]
public class CallbacksModelCheckpointTests
{
    public CallbacksModelCheckpointTests() => TestModels.RegisterAll();

    private static string[] Files(SavingSupport.TempDirectory dir) =>
        [.. Directory.GetFiles(dir.Path, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(dir.Path, f)).Order(StringComparer.Ordinal)];

    [Fact]
    public void EveryEpochSavesUnderItsFormattedName()
    {
        using var dir = new SavingSupport.TempDirectory();
        var model = Scripted.Model();
        var checkpoint = new ModelCheckpoint(Path.Combine(dir.Path, "ckpt", "model-{epoch:02d}-{val_loss:.2f}.keras"));
        Scripted.Run(model, [checkpoint], Scripted.Logs("val_loss", 0.5, 0.123, 0.987));
        Assert.Equal([Path.Combine("ckpt", "model-01-0.50.keras"), Path.Combine("ckpt", "model-02-0.12.keras"), Path.Combine("ckpt", "model-03-0.99.keras")],
            Files(dir));
        var loaded = Model.Load(Path.Combine(dir.Path, "ckpt", "model-03-0.99.keras"));
        Assert.Equal(TestModels.Bits(model), TestModels.Bits(loaded));
        Assert.True(loaded.Compiled);
    }

    [Fact]
    public void SaveBestOnlySavesImprovementsAndSaysSo()
    {
        using var output = new OutputCapture();
        using var dir = new SavingSupport.TempDirectory();
        var model = Scripted.Model();
        string template = Path.Combine(dir.Path, "best-{epoch}.keras");
        var checkpoint = new ModelCheckpoint(template, saveBestOnly: true, verbose: 1);
        Scripted.Run(model, [checkpoint], Scripted.Logs("val_loss", 0.5, 0.7, 0.25, 0.25), duringEpoch: e => Scripted.Mark(model, e));
        Assert.Equal(["best-1.keras", "best-3.keras"], Files(dir));
        Assert.Equal(2, Scripted.Marked(Model.Load(Path.Combine(dir.Path, "best-3.keras"))));
        string Path_(int epoch) => Path.Combine(dir.Path, $"best-{epoch}.keras");
        Assert.Equal(
            $"\nEpoch 1: val_loss improved from None to 0.50000, saving model to {Path_(1)}\n" +
            $"\nEpoch 1: finished saving model to {Path_(1)}\n" +
            "\nEpoch 2: val_loss did not improve from 0.50000\n" +
            $"\nEpoch 3: val_loss improved from 0.50000 to 0.25000, saving model to {Path_(3)}\n" +
            $"\nEpoch 3: finished saving model to {Path_(3)}\n" +
            "\nEpoch 4: val_loss did not improve from 0.25000\n",
            output.Text);
    }

    [Fact]
    public void MaxModeAndAnInitialThreshold()
    {
        using var dir = new SavingSupport.TempDirectory();
        var model = Scripted.Model();
        var checkpoint = new ModelCheckpoint(Path.Combine(dir.Path, "m{epoch}.keras"), monitor: "score", mode: "max", saveBestOnly: true, initialValueThreshold: 0.6);
        Scripted.Run(model, [checkpoint], Scripted.Logs("score", 0.5, 0.7, 0.65, 0.9));
        Assert.Equal(["m2.keras", "m4.keras"], Files(dir));
    }

    [Fact]
    public void AMissingMonitorSavesAnywayWithAWarning()
    {
        using var output = new OutputCapture();
        using var dir = new SavingSupport.TempDirectory();
        var checkpoint = new ModelCheckpoint(Path.Combine(dir.Path, "m{epoch}.keras"), saveBestOnly: true);
        Scripted.Run(Scripted.Model(), [checkpoint], Scripted.Logs("loss", 1, 2));
        Assert.Equal(["m1.keras", "m2.keras"], Files(dir));
        Assert.Equal("UserWarning: Can save best model only with val_loss available.\n", output.Text);
    }

    [Fact]
    public void SaveFreqCountsBatchesAcrossEpochs()
    {
        using var dir = new SavingSupport.TempDirectory();
        var checkpoint = new ModelCheckpoint(Path.Combine(dir.Path, "e{epoch}-b{batch}.keras"), saveFreq: 3);
        // 4 batches per epoch, 3 epochs: saves after batches 3, 6, 9, 12 overall.
        Scripted.Run(Scripted.Model(), [checkpoint], Scripted.Logs("loss", 1, 1, 1), batches: 4);
        Assert.Equal(["e1-b3.keras", "e2-b2.keras", "e3-b1.keras", "e3-b4.keras"], Files(dir));
        Assert.Equal("epoch", new ModelCheckpoint("m.keras").SaveFreq.ToString());
        Assertions.Throws<ArgumentException>(() => new ModelCheckpoint("m.keras", saveFreq: "batch"), "Unrecognized save_freq: batch");
        Assertions.Throws<ArgumentOutOfRangeException>(() => new ModelCheckpoint("m.keras", saveFreq: 0));
    }

    [Fact]
    public void WeightsOnlyWritesSafetensorsThatLoad()
    {
        using var dir = new SavingSupport.TempDirectory();
        var model = Scripted.Model();
        var checkpoint = new ModelCheckpoint(Path.Combine(dir.Path, "w-{epoch:03d}.weights.safetensors"), saveWeightsOnly: true);
        Scripted.Run(model, [checkpoint], Scripted.Logs("val_loss", 1, 2), duringEpoch: e => Scripted.Mark(model, e + 5));
        Assert.Equal(["w-001.weights.safetensors", "w-002.weights.safetensors"], Files(dir));
        var other = TestModels.Mlp(seed: 9);
        other.LoadWeights(Path.Combine(dir.Path, "w-001.weights.safetensors"));
        Assert.Equal(5, Scripted.Marked(other));
    }

    [Fact]
    public void ExtensionsAndPlaceholdersAreChecked()
    {
        Assertions.Throws<ArgumentException>(() => new ModelCheckpoint("m.h5"), "must end in `.keras`");
        Assertions.Throws<ArgumentException>(() => new ModelCheckpoint("m.keras", saveWeightsOnly: true), "must end in `.safetensors`");
        using var dir = new SavingSupport.TempDirectory();
        var checkpoint = new ModelCheckpoint(Path.Combine(dir.Path, "m-{val_acc:.2f}.keras"));
        Assertions.Throws<KeyNotFoundException>(() => Scripted.Run(Scripted.Model(), [checkpoint], Scripted.Logs("val_loss", 1)),
            "Failed to format this callback filepath", "Reason: 'val_acc'");
    }

    [Fact]
    public void ADirectoryInTheWayIsAnError()
    {
        using var dir = new SavingSupport.TempDirectory();
        Directory.CreateDirectory(Path.Combine(dir.Path, "m.keras"));
        Assertions.Throws<IOException>(() => Scripted.Run(Scripted.Model(), [new ModelCheckpoint(Path.Combine(dir.Path, "m.keras"))], Scripted.Logs("val_loss", 1)),
            "non-directory filepath");
    }
}
