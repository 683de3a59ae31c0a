namespace Layers;

/// <summary>
/// What callbacks print. Keras prints messages with <c>io_utils.print_msg</c> (standard output) and warns with
/// Python's <c>warnings.warn</c>; both go to <see cref="Progress.Output"/> here, beside the progress bar they
/// interleave with. Like Python's default warning filter, a callback repeats no warning text.
/// </summary>
internal sealed class CallbackOutput
{
    private readonly HashSet<string> _warned = new(StringComparer.Ordinal);

    public static void Print(string message)
    {
        var output = Progress.Output;
        output.WriteLine(message);
        output.Flush();
    }

    public void Warn(string message)
    {
        lock (_warned)
            if (!_warned.Add(message)) return;
        Print("UserWarning: " + message);
    }
}
