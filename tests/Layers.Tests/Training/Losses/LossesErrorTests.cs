using Layers.Tests.Support;

namespace Layers.Tests.Training.Losses;

/// <summary>Bad labels, shapes and arguments: messages name the loss, both shapes, and what was expected.</summary>
public class LossesErrorTests
{
    [Fact]
    public void Sparse_labels_of_the_wrong_shape()
    {
        var loss = new SparseCategoricalCrossentropy(fromLogits: true);
        var logits = Tensor.Zeros(4, 10);
        Assertions.Throws<ArgumentException>(() => loss.Compute(Tensor.Zeros(new Shape(4, 10), DType.Int32), logits),
            "SparseCategoricalCrossentropy 'sparse_categorical_crossentropy'", "(4, 10)", "Expected labels of shape (4,)", "(4, 1)");
        Assertions.Throws<ArgumentException>(() => loss.Compute(Tensor.Zeros(new Shape(5), DType.Int32), logits), "(5,)", "(4, 10)", "(4,)");
        Assertions.Throws<ArgumentException>(() => loss.Call(Tensor.Scalar(1), Tensor.Scalar(3f)), "scalar");
    }

    [Theory]
    [InlineData(10)]
    [InlineData(-1)]
    [InlineData(1000)]
    public void Sparse_class_ids_out_of_range(int id)
    {
        var labels = Tensor.FromArray(new[] { 0, 3, id, 1 }, 4);
        foreach (bool fromLogits in new[] { true, false })
            Assertions.Throws<ArgumentException>(() => new SparseCategoricalCrossentropy(fromLogits, name: "scce").Compute(labels, Tensor.Ones(4, 10)),
                "SparseCategoricalCrossentropy 'scce'", $"class id {id}", "position 2", "(4,)", "(4, 10)", "[0, 10)");
    }

    [Fact]
    public void Sparse_out_of_range_names_the_ignored_class_when_there_is_one()
    {
        var labels = Tensor.FromArray(new[] { 0, 7 }, 2);
        Assertions.Throws<ArgumentException>(() => new SparseCategoricalCrossentropy(true, ignoreClass: 255).Compute(labels, Tensor.Ones(2, 3)),
            "class id 7", "[0, 3)", "ignored class 255");
    }

    [Fact]
    public void Sparse_labels_must_be_whole_numbers()
    {
        var labels = Tensor.FromArray(new[] { 0f, 1.5f }, 2);
        Assertions.Throws<ArgumentException>(() => new SparseCategoricalCrossentropy(true).Compute(labels, Tensor.Ones(2, 3)),
            "label 1.5", "not a class id", "whole numbers");
    }

    [Fact]
    public void Categorical_and_binary_labels_must_have_the_predictions_shape()
    {
        Assertions.Throws<ArgumentException>(() => new CategoricalCrossentropy().Compute(Tensor.Zeros(new Shape(4), DType.Int32), Tensor.Ones(4, 10)),
            "CategoricalCrossentropy 'categorical_crossentropy'", "(4,)", "(4, 10)", "sparse");
        Assertions.Throws<ArgumentException>(() => new BinaryCrossentropy(name: "b").Compute(Tensor.Zeros(4, 2), Tensor.Ones(4, 3)),
            "BinaryCrossentropy 'b'", "(4, 2)", "(4, 3)", "same shape");
    }

    [Fact]
    public void Regression_labels_must_broadcast_against_the_predictions()
    {
        Assertions.Throws<ArgumentException>(() => new MeanSquaredError().Compute(Tensor.Zeros(4, 2), Tensor.Ones(4, 3)),
            "MeanSquaredError 'mean_squared_error'", "(4, 2)", "(4, 3)", "Expected labels");
        Assertions.Throws<ArgumentException>(() => new Huber().Compute(Tensor.Zeros(5), Tensor.Ones(4)), "Huber 'huber_loss'", "(5,)", "(4,)");
    }

    [Fact]
    public void Sample_weights_that_do_not_broadcast()
    {
        // Keras broadcasts (N, T) values with (N,) weights by trailing axes, which fails unless T == N.
        var t = Tensor.Zeros(4, 6, 3);
        Assertions.Throws<ArgumentException>(() => new MeanSquaredError().Compute(t, Tensor.Ones(4, 6, 3), Tensor.Ones(4)),
            "MeanSquaredError 'mean_squared_error'", "sample_weight of shape (4,)", "(4, 6)", "(4, 1)");
    }

    [Fact]
    public void Invalid_constructor_arguments()
    {
        Assertions.Throws<ArgumentOutOfRangeException>(() => new BinaryCrossentropy(labelSmoothing: 1.5), "label_smoothing", "[0, 1]");
        Assertions.Throws<ArgumentOutOfRangeException>(() => new CategoricalCrossentropy(labelSmoothing: -0.1), "label_smoothing");
        Assertions.Throws<ArgumentOutOfRangeException>(() => new Huber(0), "delta");
        Assertions.Throws<ArgumentOutOfRangeException>(() => new Huber(double.NaN), "delta");
    }
}
