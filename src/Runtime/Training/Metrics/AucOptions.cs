namespace Layers;

/// <summary>Which curve <see cref="AUC"/> integrates (Keras' <c>curve</c>: <c>"ROC"</c>, <c>"PR"</c>, <c>"PRGAIN"</c>).</summary>
public enum AucCurve
{
    /// <summary>Recall against the false-positive rate.</summary>
    ROC,
    /// <summary>Precision against recall.</summary>
    PR,
    /// <summary>Precision gain against recall gain (Flach &amp; Kull 2015).</summary>
    PRGAIN,
}

/// <summary>How <see cref="AUC"/> sums the areas between thresholds (Keras' <c>summation_method</c>).</summary>
public enum AucSummationMethod
{
    /// <summary>The trapezoid rule; for PR, Davis &amp; Goadrich's interpolation of the counts (Keras' <c>"interpolation"</c>).</summary>
    Interpolation,
    /// <summary>The lower of the two heights (<c>"minoring"</c>).</summary>
    Minoring,
    /// <summary>The higher of the two heights (<c>"majoring"</c>).</summary>
    Majoring,
}

/// <summary>Keras' spellings of the AUC options.</summary>
internal static class AucOptionNames
{
    public static string Name(AucCurve curve) => curve.ToString();

    public static string Name(AucSummationMethod method) => method switch
    {
        AucSummationMethod.Minoring => "minoring",
        AucSummationMethod.Majoring => "majoring",
        _ => "interpolation",
    };

    /// <summary>Keras' <c>AUCCurve.from_str</c>: upper or lower case.</summary>
    public static AucCurve Curve(string value) => value switch
    {
        "ROC" or "roc" => AucCurve.ROC,
        "PR" or "pr" => AucCurve.PR,
        "PRGAIN" or "prgain" => AucCurve.PRGAIN,
        _ => throw new ArgumentException($"AUC: invalid curve \"{value}\"; expected \"ROC\", \"PR\" or \"PRGAIN\".", nameof(value)),
    };

    /// <summary>Keras' <c>AUCSummationMethod.from_str</c>: lower case or capitalized.</summary>
    public static AucSummationMethod Summation(string value) => value switch
    {
        "interpolation" or "Interpolation" => AucSummationMethod.Interpolation,
        "minoring" or "Minoring" => AucSummationMethod.Minoring,
        "majoring" or "Majoring" => AucSummationMethod.Majoring,
        _ => throw new ArgumentException($"AUC: invalid summation_method \"{value}\"; expected \"interpolation\", \"minoring\" or \"majoring\".", nameof(value)),
    };
}
