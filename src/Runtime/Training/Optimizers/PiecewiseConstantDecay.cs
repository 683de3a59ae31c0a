using System.Text.Json.Nodes;

namespace Layers;

/// <summary>
/// Keras 3's <c>PiecewiseConstantDecay</c>: <c>values[0]</c> while <c>step ≤ boundaries[0]</c>,
/// <c>values[i]</c> while <c>boundaries[i−1] &lt; step ≤ boundaries[i]</c>, and <c>values[^1]</c> once
/// <c>step &gt; boundaries[^1]</c> — each boundary step still gets the value before it. As in Keras, the
/// boundaries are compared as the step's integer type (a fractional boundary is truncated toward zero).
/// </summary>
public sealed class PiecewiseConstantDecay : LearningRateSchedule
{
    private readonly double[] _boundaries;
    private readonly double[] _values;

    public PiecewiseConstantDecay(IReadOnlyList<double> boundaries, IReadOnlyList<double> values, string name = "PiecewiseConstant")
    {
        ArgumentNullException.ThrowIfNull(boundaries);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(name);
        if (boundaries.Count != values.Count - 1)
            throw new ArgumentException(
                "The length of boundaries should be 1 less than the length of values. " +
                $"Received: boundaries=[{Join(boundaries)}] of length {boundaries.Count}, and values=[{Join(values)}] of length {values.Count}.");
        if (boundaries.Count == 0)
            throw new ArgumentException("PiecewiseConstantDecay needs at least one boundary (and two values).", nameof(boundaries));
        for (int i = 0; i < boundaries.Count; i++)
        {
            if (!double.IsFinite(boundaries[i]))
                throw new ArgumentException($"PiecewiseConstantDecay: boundary {i} is {boundaries[i]}; boundaries are step counts.", nameof(boundaries));
            if (i > 0 && !(boundaries[i] > boundaries[i - 1]))
                throw new ArgumentException($"PiecewiseConstantDecay: boundaries must be strictly increasing; got [{Join(boundaries)}].", nameof(boundaries));
        }
        _boundaries = [.. boundaries];
        _values = [.. values];
        Name = name;
    }

    public IReadOnlyList<double> Boundaries => _boundaries;
    public IReadOnlyList<double> Values => _values;
    public string Name { get; }

    public override string ClassName => "PiecewiseConstantDecay";

    public override double Compute(long step)
    {
        for (int i = 0; i < _boundaries.Length; i++)
            if (step <= Math.Truncate(_boundaries[i])) return _values[i];
        return _values[^1];
    }

    public override Config GetConfig() => new Config(ClassName)
        .Set("boundaries", Numbers(_boundaries))
        .Set("values", Numbers(_values))
        .Set("name", Name);

    internal static PiecewiseConstantDecay FromConfig(Config config) =>
        new(ReadNumbers(config, "boundaries"), ReadNumbers(config, "values"), config.GetNullableString("name") ?? "PiecewiseConstant");

    /// <summary>Whole numbers are written as JSON integers, as Keras writes the Python ints it is usually given.</summary>
    private static JsonArray Numbers(double[] values) => new([.. values.Select(v =>
        (JsonNode)(v == Math.Truncate(v) && Math.Abs(v) < 1e15 ? JsonValue.Create((long)v) : JsonValue.Create(v)))]);

    private static double[] ReadNumbers(Config config, string key)
    {
        if (config.GetNode(key) is not JsonArray array)
            throw config.Invalid(key, "a list of numbers", config.GetNode(key));
        var holder = new Config(config.Owner);
        var result = new double[array.Count];
        for (int i = 0; i < result.Length; i++)
        {
            holder.Set(key, array[i]?.DeepClone());
            result[i] = holder.GetDouble(key);
        }
        return result;
    }

    private static string Join(IEnumerable<double> values) =>
        string.Join(", ", values.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)));
}
