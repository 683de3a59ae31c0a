using System.Buffers;
using System.Numerics.Tensors;
using Layers.Tests.Operations;
using Layers.Tests.Support;
using SntTensor = System.Numerics.Tensors.Tensor;

namespace Layers.Tests.Tensors;

public class InteropTests
{
    [Theory]
    [InlineData(new[] { 17 })]
    [InlineData(new[] { 3, 33 })]
    [InlineData(new[] { 2, 1, 5 })]
    [InlineData(new[] { 3, 1, 17, 2 })]
    public void Round_trip_through_Tensor_of_T_keeps_shape_and_values(int[] shape)
    {
        var x = ShapeOpsTests.Make(1, shape, DType.Float32, out var values);
        var native = x.ToTensor<float>();
        Assert.Equal(shape.Select(d => (nint)d).ToArray(), native.Lengths.ToArray());
        var flat = new float[native.FlattenedLength];
        native.FlattenTo(flat);
        Assert.Equal(values, flat.Select(v => (double)v));
        var back = Tensor.FromTensor(native);
        Assert.Equal(x.Shape, back.Shape);
        Assert.Equal(values, TestData.ToDoubles(back));
    }

    [Fact]
    public void Every_dtype_converts_both_ways()
    {
        Assert.Equal(new[] { 1.5, -2 }, Tensor.FromTensor(SntTensor.Create(new[] { 1.5, -2 })).ToArray<double>());
        Assert.Equal(new[] { 1, 2, 3 }, Tensor.FromTensor(SntTensor.Create(new[] { 1, 2, 3 })).ToArray<int>());
        Assert.Equal(new[] { 4L }, Tensor.FromTensor(SntTensor.Create(new[] { 4L })).ToArray<long>());
        Assert.Equal(new[] { true, false }, Tensor.FromTensor(SntTensor.Create(new[] { true, false })).ToArray<bool>());
        Assert.Equal(DType.Int64, Tensor.FromTensor(SntTensor.Create(new[] { 4L })).DType);
        var ints = Tensor.FromArray(new[] { 7, 8, 9, 10 }, 2, 2).ToTensor<int>();
        Assert.Equal(9, ints[1, 0]);
    }

    [Fact]
    public void Non_contiguous_views_are_copied_in_row_major_order()
    {
        var data = Enumerable.Range(0, 60).Select(i => (float)i).ToArray();
        // A (3, 4, 5) tensor, sliced and permuted on the System.Numerics.Tensors side.
        var native = SntTensor.Create(data, [3, 4, 5]);
        var sliced = native.AsReadOnlyTensorSpan([new NRange(1, 3), new NRange(0, 4), new NRange(2, 5)]);
        Assert.False(sliced.IsDense);
        var expectedSlice = ShapeReference.Slice(data.Select(v => (double)v).ToArray(), [3, 4, 5], [1, 0, 2], [2, 4, 3]);
        Assert.Equal(expectedSlice, TestData.ToDoubles(Tensor.FromTensor(sliced)));

        var permuted = SntTensor.PermuteDimensions(native, [2, 0, 1]);
        var expectedPermuted = ShapeReference.Transpose(data.Select(v => (double)v).ToArray(), [3, 4, 5], [2, 0, 1], out var shape);
        var fromPermuted = Tensor.FromTensor(permuted);
        Assert.Equal(new Shape(shape), fromPermuted.Shape);
        Assert.Equal(expectedPermuted, TestData.ToDoubles(fromPermuted));

        // Explicit strides, including a broadcast (stride 0) axis.
        var strided = new ReadOnlyTensorSpan<float>(data, [3, 2], [1, 3]);
        Assert.Equal(new float[] { 0, 3, 1, 4, 2, 5 }, Tensor.FromTensor(strided).ToArray<float>());
        var broadcast = new ReadOnlyTensorSpan<float>(data, [2, 3], [0, 1]);
        Assert.Equal(new float[] { 0, 1, 2, 0, 1, 2 }, Tensor.FromTensor(broadcast).ToArray<float>());
        var inner = new ReadOnlyTensorSpan<float>(data, [2, 3], [7, 0]);
        Assert.Equal(new float[] { 0, 0, 0, 7, 7, 7 }, Tensor.FromTensor(inner).ToArray<float>());
    }

    [Fact]
    public void Read_only_view_is_zero_copy_and_shows_the_shape()
    {
        var x = Tensor.FromArray(new[] { 1.0, 2.0, 3.0, 4.0, 5.0, 6.0 }, 2, 3);
        var view = x.AsReadOnlyTensorSpan<double>();
        Assert.Equal(new nint[] { 2, 3 }, view.Lengths.ToArray());
        Assert.True(view.IsDense);
        Assert.Equal(6.0, view[1, 2]);
        Assert.True(System.Runtime.CompilerServices.Unsafe.AreSame(
            ref System.Runtime.CompilerServices.Unsafe.AsRef(in view.GetPinnableReference()),
            ref System.Runtime.InteropServices.MemoryMarshal.GetReference(x.AsMutableSpan<double>())));
        // A System.Numerics.Tensors primitive reads it directly.
        Assert.Equal(21.0, SntTensor.Sum(view));
    }

    [Fact]
    public void Mutable_view_writes_in_place()
    {
        var x = Tensor.Zeros(2, 2);
        var view = x.AsMutableTensorSpan<float>();
        view[1, 0] = 5;
        Assert.Equal(new[] { 0f, 0f, 5f, 0f }, x.ToArray<float>());
    }

    [Fact]
    public void Scalars_and_empty_tensors_cross_the_boundary()
    {
        var scalar = Tensor.Scalar(2.5f).ToTensor<float>();
        Assert.Equal(new nint[] { 1 }, scalar.Lengths.ToArray());
        Assert.Equal(2.5f, scalar[0]);
        var empty = Tensor.Zeros(new Shape(2, 0));
        Assert.Equal(new nint[] { 2, 0 }, empty.ToTensor<float>().Lengths.ToArray());
        Assert.Equal(new Shape(2, 0), Tensor.FromTensor(empty.ToTensor<float>()).Shape);
        Assert.Equal(new Shape(2, 0), Tensor.FromTensor(empty.AsReadOnlyTensorSpan<float>()).Shape);
    }

    [Fact]
    public void Spans_and_arrays_round_trip()
    {
        var x = ShapeOpsTests.Make(2, [3, 17], DType.Int64, out var values);
        var buffer = new long[60];
        x.CopyTo<long>(buffer);
        Assert.Equal(values, buffer[..51].Select(v => (double)v));
        Assert.Equal(values, TestData.ToDoubles(Tensor.FromSpan<long>(buffer.AsSpan(0, 51), new Shape(3, 17))));
        Assertions.Throws<ArgumentException>(() => x.CopyTo(new long[50].AsSpan()), "CopyTo", "50", "(3, 17)", "51");
    }

    [Fact]
    public void Element_type_must_match_the_dtype()
    {
        var x = Tensor.Zeros(2);
        Assertions.Throws<InvalidOperationException>(() => x.ToTensor<double>(), "float32", "Double");
        Assertions.Throws<InvalidOperationException>(() => x.AsReadOnlyTensorSpan<int>(), "float32", "Int32");
        Assertions.Throws<NotSupportedException>(() => Tensor.FromTensor(SntTensor.Create(new byte[] { 1 })), "Byte", "float, double, int, long or bool");
    }
}
