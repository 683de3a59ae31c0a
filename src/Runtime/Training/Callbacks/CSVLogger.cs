using System.Globalization;
using System.Text;

namespace Layers;

/// <summary>
/// Streams each epoch's logs to a CSV file (Keras 3's <c>CSVLogger</c>, defaults <c>separator=",",
/// append=False</c>). The columns are <c>epoch</c> (counted from 0) then the first epoch's log keys sorted;
/// if none of them is a validation key, <c>val_</c> columns for each are added too, filled with <c>NA</c> while
/// absent. Values are written as Python writes floats (<c>0.30000001192092896</c>); rows end with <c>\r\n</c>
/// and fields holding the separator, a quote or a line break are quoted — Python's <c>csv</c> excel dialect.
/// With <c>append</c>, rows go to the end of an existing file and the header is written only if it is empty.
/// </summary>
public sealed class CSVLogger : Callback
{
    private StreamWriter? _writer;
    private List<string>? _keys;
    private bool _appendHeader = true;

    public CSVLogger(string filename, string separator = ",", bool append = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(filename);
        ArgumentException.ThrowIfNullOrEmpty(separator);
        if (separator.Length != 1)
            throw new ArgumentException($"CSVLogger: the separator must be a 1-character string; got \"{separator}\".", nameof(separator));
        Filename = filename;
        Separator = separator;
        Append = append;
    }

    public string Filename { get; }
    public string Separator { get; }
    public bool Append { get; }

    public override void OnTrainBegin(IDictionary<string, double> logs)
    {
        _writer?.Dispose();
        _writer = null;
        _appendHeader = true;
        if (Append && File.Exists(Filename))
            _appendHeader = new FileInfo(Filename).Length == 0;
        var stream = new FileStream(Filename, Append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.Read);
        _writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        _keys = null;
    }

    public override void OnEpochEnd(int epoch, IDictionary<string, double> logs)
    {
        var writer = _writer ?? throw new InvalidOperationException("CSVLogger: OnEpochEnd before OnTrainBegin; pass the logger to Fit(callbacks: …).");
        if (_keys is null)
        {
            _keys = [.. logs.Keys.Order(StringComparer.Ordinal)];
            if (_keys.Count > 0 && !_keys.Any(k => k.StartsWith("val_", StringComparison.Ordinal)))
                _keys.AddRange([.. _keys.Select(k => "val_" + k)]);
            if (_appendHeader) WriteRow(writer, ["epoch", .. _keys]);
        }
        var row = new List<string>(_keys.Count + 1) { epoch.ToString(CultureInfo.InvariantCulture) };
        foreach (var key in _keys) row.Add(logs.TryGetValue(key, out double value) ? PythonFloat.Repr(value) : "NA");
        WriteRow(writer, row);
        writer.Flush();
    }

    public override void OnTrainEnd(IDictionary<string, double> logs)
    {
        _writer?.Dispose();
        _writer = null;
    }

    private void WriteRow(StreamWriter writer, IReadOnlyList<string> fields)
    {
        for (int i = 0; i < fields.Count; i++)
        {
            if (i > 0) writer.Write(Separator);
            writer.Write(Quoted(fields[i]));
        }
        writer.Write("\r\n");
    }

    private string Quoted(string field)
    {
        if (!field.Contains(Separator[0]) && !field.Contains('"') && !field.Contains('\r') && !field.Contains('\n')) return field;
        return "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
