using Layers.Tests.Support;

namespace Layers.Tests.Training;

/// <summary>
/// The Python formatting ModelCheckpoint file names and Keras messages rely on. Every expected string was
/// printed by CPython 3 (<c>repr(v)</c>, <c>format(v, spec)</c>), not derived from the implementation.
/// </summary>
public class CallbacksPythonFormatTests
{
    [Theory]
    [InlineData(0.1, "0.1")]
    [InlineData(1.0 / 3, "0.3333333333333333")]
    [InlineData(1e22, "1e+22")]
    [InlineData(123456789012345678.0, "1.2345678901234568e+17")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(1.7976931348623157e308, "1.7976931348623157e+308")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00001, "1e-05")]
    [InlineData(1e16, "1e+16")]
    [InlineData(1e15, "1000000000000000.0")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(100.0, "100.0")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(0.30000001192092896, "0.30000001192092896")]
    [InlineData(double.PositiveInfinity, "inf")]
    [InlineData(double.NegativeInfinity, "-inf")]
    [InlineData(double.NaN, "nan")]
    public void ReprIsPythons(double value, string expected) => Assert.Equal(expected, PythonFloat.Repr(value));

    [Theory]
    [InlineData(1.0, ".3", "1.0")]
    [InlineData(12.0, ".3", "12.0")]
    [InlineData(123.0, ".3", "1.23e+02")]
    [InlineData(99.0, ".2", "9.9e+01")]
    [InlineData(0.5, ".2", "0.5")]
    [InlineData(1e-5, ".3", "1e-05")]
    [InlineData(0.0001, "", "0.0001")]
    [InlineData(123456789.0, ".3", "1.23e+08")]
    [InlineData(-0.0, ".2f", "-0.00")]
    [InlineData(2.5, ".0f", "2")]
    [InlineData(0.125, ".2f", "0.12")]
    [InlineData(1234567.891, ",.2f", "1,234,567.89")]
    [InlineData(0.5, "%", "50.000000%")]
    [InlineData(0.5, ".1%", "50.0%")]
    [InlineData(-3.2, "=+8.2f", "-   3.20")]
    [InlineData(3.2, "*^9.1f", "***3.2***")]
    [InlineData(1e300, ".3g", "1e+300")]
    [InlineData(0.0001234, "g", "0.0001234")]
    [InlineData(123456.0, "g", "123456")]
    [InlineData(1234567.0, "g", "1.23457e+06")]
    [InlineData(double.NaN, ".2f", "nan")]
    [InlineData(double.PositiveInfinity, "E", "INF")]
    [InlineData(0.123456, "08.3f", "0000.123")]
    [InlineData(-0.123456, "08.3f", "-000.123")]
    [InlineData(12.5, "<7.1f", "12.5   ")]
    [InlineData(0.000123, ".2e", "1.23e-04")]
    public void FloatSpecsArePythons(double value, string spec, string expected) =>
        Assert.Equal(expected, PythonFormat.Format("{v:" + spec + "}", new Dictionary<string, object> { ["v"] = value }));

    [Theory]
    [InlineData(5L, "03d", "005")]
    [InlineData(5L, ".2f", "5.00")]
    [InlineData(3L, "e", "3.000000e+00")]
    [InlineData(7L, "x", "7")]
    [InlineData(255L, "X", "FF")]
    [InlineData(1234567L, "_d", "1_234_567")]
    [InlineData(1234567L, ",", "1,234,567")]
    [InlineData(-42L, "05d", "-0042")]
    [InlineData(42L, "+d", "+42")]
    [InlineData(42L, "", "42")]
    [InlineData(5L, "b", "101")]
    public void IntegerSpecsArePythons(long value, string spec, string expected) =>
        Assert.Equal(expected, PythonFormat.Format("{v:" + spec + "}", new Dictionary<string, object> { ["v"] = value }));

    [Fact]
    public void TemplatesMixTextFieldsAndEscapes()
    {
        var values = new Dictionary<string, object> { ["epoch"] = 3L, ["val_loss"] = 0.123456, ["loss"] = 2.0 };
        Assert.Equal("ckpt/model-03-0.12.keras", PythonFormat.Format("ckpt/model-{epoch:02d}-{val_loss:.2f}.keras", values));
        Assert.Equal("{3} 2.0 0.123456", PythonFormat.Format("{{{epoch}}} {loss} {val_loss!r}", values));
    }

    [Fact]
    public void ErrorsArePythons()
    {
        var values = new Dictionary<string, object> { ["epoch"] = 3L, ["loss"] = 2.0 };
        Assertions.Throws<KeyNotFoundException>(() => PythonFormat.Format("{val_loss}", values), "'val_loss'");
        Assertions.Throws<FormatException>(() => PythonFormat.Format("{loss:d}", values), "Unknown format code 'd' for object of type 'float'");
        Assertions.Throws<FormatException>(() => PythonFormat.Format("{epoch:.2d}", values), "Precision not allowed in integer format specifier");
        Assertions.Throws<FormatException>(() => PythonFormat.Format("{epoch", values), "Single '{'");
        Assertions.Throws<FormatException>(() => PythonFormat.Format("epoch}", values), "Single '}'");
        Assertions.Throws<FormatException>(() => PythonFormat.Format("{loss:.2fx}", values), "Invalid format specifier");
        Assertions.Throws<FormatException>(() => PythonFormat.Format("{loss:#g}", values), "'#' is not supported");
        Assertions.Throws<FormatException>(() => PythonFormat.Format("{loss.real}", values), "not supported");
    }
}
