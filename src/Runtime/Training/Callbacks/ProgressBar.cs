using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Layers;

/// <summary>How <c>Fit</c>, <c>Evaluate</c> and <c>Predict</c> report progress.</summary>
public static class Progress
{
    /// <summary>Where progress goes; <see cref="Console.Out"/> unless replaced.</summary>
    public static TextWriter Output { get; set; } = Console.Out;

    /// <summary>
    /// Whether <see cref="Output"/> is an interactive terminal that can redraw a line: detected (the console, not
    /// redirected) unless set.
    /// </summary>
    public static bool IsInteractive
    {
        get => s_interactive ?? (ReferenceEquals(Output, Console.Out) && !Console.IsOutputRedirected);
        set => s_interactive = value;
    }

    private static bool? s_interactive;

    /// <summary>Forgets a value set on <see cref="IsInteractive"/>, going back to detection.</summary>
    public static void DetectInteractive() => s_interactive = null;

    /// <summary>Keras' <c>verbose="auto"</c> (-1): a live bar (1) on a terminal, one line per epoch (2) otherwise.</summary>
    internal static int ResolveVerbose(int verbose) => verbose switch
    {
        -1 => IsInteractive ? 1 : 2,
        0 or 1 or 2 => verbose,
        _ => throw new ArgumentOutOfRangeException(nameof(verbose), verbose, "verbose must be -1 (auto), 0, 1 or 2."),
    };
}

/// <summary>
/// Keras 3's progress bar: <c>Epoch 1/10</c>, then <c>12/12 ━━━━━━━━━━━━━━━━━━━━ 0s 3ms/step - accuracy: 0.9100 - loss: 0.3100</c>,
/// redrawn after every batch on a terminal (verbose 1), or one line per epoch
/// (<c>12/12 - 0s - 3ms/step - accuracy: …</c>, verbose 2).
/// </summary>
internal sealed class ProgressBar(int verbose, int steps) : Callback
{
    private const int Width = 20;
    private readonly TextWriter _output = Progress.Output;
    private readonly bool _dynamic = Progress.IsInteractive;
    private readonly Stopwatch _clock = new();
    private int _lastLength;

    public int Verbose { get; } = verbose;

    public int EpochCount { get; set; }

    public override void OnEpochBegin(int epoch, IDictionary<string, double> logs)
    {
        if (Verbose == 0) return;
        _output.WriteLine($"Epoch {epoch + 1}/{EpochCount}");
        _clock.Restart();
    }

    public override void OnTrainBatchEnd(int batch, IDictionary<string, double> logs) => BatchEnd(batch, logs);

    public override void OnEpochEnd(int epoch, IDictionary<string, double> logs) => Finish(logs);

    public override void OnTestBegin(IDictionary<string, double> logs) => _clock.Restart();

    public override void OnTestBatchEnd(int batch, IDictionary<string, double> logs) => BatchEnd(batch, logs);

    public override void OnTestEnd(IDictionary<string, double> logs) => Finish(logs);

    public override void OnPredictBegin(IDictionary<string, double> logs) => _clock.Restart();

    public override void OnPredictBatchEnd(int batch, IDictionary<string, double> logs) => BatchEnd(batch, logs);

    public override void OnPredictEnd(IDictionary<string, double> logs) => Finish(logs);

    private void BatchEnd(int batch, IDictionary<string, double> logs)
    {
        if (Verbose != 1 || !_dynamic || batch + 1 >= steps) return;
        Redraw(Line(batch + 1, logs, final: false));
    }

    private void Finish(IDictionary<string, double> logs)
    {
        if (Verbose == 0) return;
        string line = Verbose == 1 ? Line(steps, logs, final: true) : EpochLine(logs);
        if (_dynamic && Verbose == 1) Redraw(line);
        else _output.Write(line);
        _output.WriteLine();
        _lastLength = 0;
    }

    private void Redraw(string line)
    {
        _output.Write('\r');
        _output.Write(line);
        if (line.Length < _lastLength) _output.Write(new string(' ', _lastLength - line.Length));
        _lastLength = line.Length;
        _output.Flush();
    }

    private string Line(int current, IDictionary<string, double> logs, bool final)
    {
        int digits = steps.ToString(CultureInfo.InvariantCulture).Length;
        var sb = new StringBuilder();
        sb.Append(current.ToString(CultureInfo.InvariantCulture).PadLeft(digits)).Append('/').Append(steps).Append(' ');
        int done = steps == 0 ? Width : (int)((long)Width * current / steps);
        if (_dynamic)
            sb.Append("\x1b[32m").Append('━', done).Append("\x1b[0m").Append("\x1b[37m").Append('━', Width - done).Append("\x1b[0m");
        else
            sb.Append('━', Width);
        double elapsed = _clock.Elapsed.TotalSeconds;
        double perStep = current == 0 ? 0 : elapsed / current;
        if (final)
            sb.Append(' ').Append(((int)elapsed).ToString(CultureInfo.InvariantCulture)).Append('s');
        else
            sb.Append(' ').Append(FormatEta(perStep * (steps - current)));
        sb.Append(' ').Append(FormatPerStep(perStep));
        AppendLogs(sb, logs);
        return sb.ToString();
    }

    private string EpochLine(IDictionary<string, double> logs)
    {
        double elapsed = _clock.Elapsed.TotalSeconds;
        var sb = new StringBuilder();
        sb.Append(steps).Append('/').Append(steps)
            .Append(" - ").Append(((int)elapsed).ToString(CultureInfo.InvariantCulture)).Append('s')
            .Append(" - ").Append(FormatPerStep(steps == 0 ? 0 : elapsed / steps));
        AppendLogs(sb, logs);
        return sb.ToString();
    }

    /// <summary>Keras prints metrics sorted by name, 4 decimals (scientific below 1e-3).</summary>
    private static void AppendLogs(StringBuilder sb, IDictionary<string, double> logs)
    {
        foreach (var (name, value) in logs.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            sb.Append(" - ").Append(name).Append(": ");
            sb.Append(Math.Abs(value) > 1e-3 || value == 0
                ? value.ToString("0.0000", CultureInfo.InvariantCulture)
                : value.ToString("0.0000e+00", CultureInfo.InvariantCulture));
        }
    }

    private static string FormatPerStep(double seconds) => seconds switch
    {
        >= 1 or 0 => $"{seconds.ToString("0", CultureInfo.InvariantCulture)}s/step",
        >= 1e-3 => $"{(seconds * 1e3).ToString("0", CultureInfo.InvariantCulture)}ms/step",
        _ => $"{(seconds * 1e6).ToString("0", CultureInfo.InvariantCulture)}us/step",
    };

    private static string FormatEta(double seconds) => seconds switch
    {
        > 3600 => $"{(int)(seconds / 3600)}:{(int)(seconds % 3600 / 60):00}:{(int)(seconds % 60):00}",
        > 60 => $"{(int)(seconds / 60)}:{(int)(seconds % 60):00}",
        _ => $"{(int)seconds}s",
    };
}
