using Layers.Tests.Support;

namespace Layers.Tests.Tensors;

public class ShapeTests
{
    [Theory]
    [InlineData(new int[0], "()")]
    [InlineData(new[] { 3 }, "(3,)")]
    [InlineData(new[] { 2, 4 }, "(2, 4)")]
    [InlineData(new[] { -1, 4 }, "(None, 4)")]
    public void Prints_as_a_python_tuple(int[] dims, string expected) => Assert.Equal(expected, new Shape(dims).ToString());

    [Fact]
    public void Negative_axes_count_from_the_end_and_bad_axes_are_named()
    {
        var shape = new Shape(2, 3, 5);
        Assert.Equal(5, shape[-1]);
        Assert.Equal(2, shape[-3]);
        Assertions.Throws<ArgumentOutOfRangeException>(() => _ = shape[3], "axis 3", "rank 3", "-3..2");
    }

    [Fact]
    public void Equality_is_by_value_and_size_is_the_product()
    {
        Assert.Equal(new Shape(2, 3), new Shape([2, 3]));
        Assert.NotEqual(new Shape(2, 3), new Shape(3, 2));
        Assert.Equal(30, new Shape(2, 3, 5).Size);
        Assert.Equal(1, Shape.Scalar.Size);
        Assertions.Throws<InvalidOperationException>(() => _ = new Shape(Shape.Unknown, 3).Size, "(None, 3)", "unknown");
        Assertions.Throws<ArgumentException>(() => new Shape(2, -5), "-5");
    }

    [Theory]
    [InlineData("Dense", "dense")]
    [InlineData("Conv2D", "conv2d")]
    [InlineData("MyCustomLayer2D", "my_custom_layer2d")]
    [InlineData("BatchNormalization", "batch_normalization")]
    [InlineData("LSTMCell", "lstm_cell")]
    [InlineData("KernelInitializer", "kernel_initializer")]
    [InlineData("MlpBlock", "mlp_block")]
    [InlineData("ABCd", "ab_cd")]
    public void Snake_case_follows_keras(string name, string expected) => Assert.Equal(expected, Naming.ToSnakeCase(name));
}
