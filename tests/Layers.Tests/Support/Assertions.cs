namespace Layers.Tests.Support;

public static class Assertions
{
    /// <summary>Asserts shape and every element within <c>atol + rtol·|expected|</c>; the message names the first bad element.</summary>
    public static void Close(double[] expected, Tensor actual, double rtol = 1e-5, double atol = 1e-6, Shape? shape = null)
    {
        if (shape is { } s) Assert.Equal(s, actual.Shape);
        var values = TestData.ToDoubles(actual);
        Assert.Equal(expected.Length, values.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double e = expected[i], a = values[i];
            if (double.IsNaN(e) && double.IsNaN(a)) continue;
            if (double.IsInfinity(e) && e == a) continue;
            double tolerance = atol + rtol * Math.Abs(e);
            if (!(Math.Abs(e - a) <= tolerance))
                Assert.Fail($"Element {i} of shape {actual.Shape}: expected {e:R}, got {a:R} (|diff| {Math.Abs(e - a):E3} > tolerance {tolerance:E3}).");
        }
    }

    /// <summary>Asserts that <paramref name="action"/> throws <typeparamref name="TException"/> whose message contains every fragment.</summary>
    public static TException Throws<TException>(Action action, params string[] fragments) where TException : Exception
    {
        var exception = Assert.ThrowsAny<TException>(action);
        foreach (var fragment in fragments)
            Assert.Contains(fragment, exception.Message);
        return exception;
    }
}
