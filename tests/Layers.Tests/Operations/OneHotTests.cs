using Layers.Tests.Support;

namespace Layers.Tests.Operations;

public class OneHotTests
{
    [Fact]
    public void Every_axis_matches_the_reference_and_out_of_range_rows_are_zero()
    {
        foreach (var shape in new[] { new int[0], [1], [7], [3, 5], [2, 3, 4] })
            for (int axis = -shape.Length - 1; axis <= shape.Length; axis++)
            {
                int a = axis < 0 ? axis + shape.Length + 1 : axis;
                // Values from -2 to depth + 1: some negative, some too large, as Keras allows.
                var indices = TestData.Uniform(a + 7, Reference.Size(shape), -2, 7).Select(v => (long)Math.Floor(v)).ToArray();
                var expected = ShapeReference.OneHot(indices, shape, 5, a, out var outShape);
                var y = Ops.OneHot(Tensor.FromSpan<long>(indices, shape), 5, axis);
                Assert.Equal(new Shape(outShape), y.Shape);
                Assert.Equal(DType.Float32, y.DType);
                Assert.Equal(expected, TestData.ToDoubles(y));
                var y32 = Ops.OneHot(Tensor.FromSpan<int>(indices.Select(v => (int)v).ToArray(), shape), 5, axis, DType.Int32);
                Assert.Equal(DType.Int32, y32.DType);
                Assert.Equal(expected, TestData.ToDoubles(y32));
            }
    }

    [Fact]
    public void Keras_example_and_out_of_range_values()
    {
        // keras.ops.one_hot([1, 3, 2, 0], 4) and, as TensorFlow and JAX do, zeros for -1 and 4.
        var y = Ops.OneHot(Tensor.FromArray(new[] { 1, 3, 2, 0, -1, 4 }), 4);
        Assert.Equal(new float[] { 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, y.ToArray<float>());
        Assert.Equal(new Shape(2, 0), Ops.OneHot(Tensor.FromArray(new[] { 0, 1 }), 0).Shape);
        Assert.Equal(DType.Bool, Ops.OneHot(Tensor.FromArray(new[] { 0 }), 2, dtype: DType.Bool).DType);
    }

    [Fact]
    public void Bad_arguments_are_explained()
    {
        var indices = Tensor.FromArray(new[] { 0, 1 });
        Assertions.Throws<ArgumentException>(() => Ops.OneHot(Tensor.FromArray(new[] { 1f }), 3), "OneHot", "int32 or int64", "float32");
        Assertions.Throws<ArgumentOutOfRangeException>(() => Ops.OneHot(indices, -1), "OneHot", "depth", "-1", ">= 0");
        Assertions.Throws<ArgumentOutOfRangeException>(() => Ops.OneHot(indices, 3, 2), "OneHot", "axis 2", "(2,)", "-2..1");
    }
}
