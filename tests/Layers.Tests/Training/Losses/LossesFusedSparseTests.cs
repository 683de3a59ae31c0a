using Layers.Tests.Support;

namespace Layers.Tests.Training.Losses;

/// <summary>The fused sparse softmax cross-entropy against the same loss composed of generic ops.</summary>
public class LossesFusedSparseTests
{
    /// <summary>−mean(Σ onehot · log_softmax(x)): the loss written with Ops, no fused kernel.</summary>
    private static Tensor Composed(int[] ids, Tensor logits, double scale)
    {
        var onehot = Ops.OneHot(Tensor.FromArray(ids, ids.Length), logits.Shape[-1], dtype: logits.DType);
        return Ops.Multiply(Ops.Negate(Ops.Sum(Ops.Multiply(onehot, Ops.LogSoftmax(logits)))), scale);
    }

    private static (Tensor Value, Tensor Grad) ValueAndGrad(Func<Tensor, Tensor> f, Tensor logits)
    {
        using var tape = new GradientTape();
        tape.Watch(logits);
        var value = f(logits);
        return (value, tape.Gradient(value, [logits])[0]);
    }

    [Theory]
    [InlineData(128, 10, DType.Float32)]
    [InlineData(128, 10, DType.Float64)]
    [InlineData(1, 1, DType.Float64)]
    [InlineData(7, 3, DType.Float32)]
    [InlineData(33, 17, DType.Float64)]
    [InlineData(5, 1000, DType.Float32)]
    public void Fused_forward_and_backward_equal_the_composition(int rows, int classes, DType dtype)
    {
        var rng = new Random(rows * 1000 + classes);
        var ids = Enumerable.Range(0, rows).Select(_ => rng.Next(classes)).ToArray();
        var logits = TestData.Tensor(rows + classes, new Shape(rows, classes), dtype, -6, 6);
        var loss = new SparseCategoricalCrossentropy(fromLogits: true);
        var (fused, fusedGrad) = ValueAndGrad(x => loss.Compute(Tensor.FromArray(ids, rows), x), logits);
        var (composed, composedGrad) = ValueAndGrad(x => Composed(ids, x, 1.0 / rows), logits);
        double tolerance = dtype == DType.Float32 ? 2e-6 : 1e-13;
        Assertions.Close(TestData.ToDoubles(composed), fused, tolerance, tolerance, Shape.Scalar);
        Assertions.Close(TestData.ToDoubles(composedGrad), fusedGrad, tolerance, tolerance, logits.Shape);
    }

    [Fact]
    public void Fused_backward_is_softmax_minus_onehot_over_n_times_the_upstream_gradient()
    {
        var logits = TestData.Tensor(4, new Shape(3, 4), out var values, DType.Float64, -2, 2);
        int[] ids = [3, 0, 1];
        Tensor grad;
        using (var tape = new GradientTape())
        {
            tape.Watch(logits);
            var scaled = Ops.Multiply(new SparseCategoricalCrossentropy(fromLogits: true).Compute(Tensor.FromArray(ids, 3), logits), 2.5);
            grad = tape.Gradient(scaled, [logits])[0];
        }
        var expected = new double[12];
        for (int r = 0; r < 3; r++)
        {
            double sum = 0;
            for (int c = 0; c < 4; c++) sum += Math.Exp(values[r * 4 + c]);
            for (int c = 0; c < 4; c++)
                expected[r * 4 + c] = (Math.Exp(values[r * 4 + c]) / sum - (c == ids[r] ? 1 : 0)) / 3 * 2.5;
        }
        Assertions.Close(expected, grad, 1e-13, 1e-15);
    }

    [Fact]
    public void Fused_op_records_one_node_per_training_step()
    {
        var logits = TestData.Tensor(5, new Shape(8, 10), DType.Float32);
        var labels = Tensor.FromArray(Enumerable.Range(0, 8).ToArray(), 8);
        using var tape = new GradientTape();
        tape.Watch(logits);
        new SparseCategoricalCrossentropy(fromLogits: true).Compute(labels, logits);
        Assert.Equal(1, tape.RecordedOps);
    }

    [Fact]
    public void Persistent_tapes_can_take_the_fused_gradient_twice()
    {
        var logits = TestData.Tensor(6, new Shape(4, 5), DType.Float64);
        var labels = Tensor.FromArray(new[] { 0, 4, 2, 2 }, 4);
        using var tape = new GradientTape(persistent: true);
        tape.Watch(logits);
        var loss = new SparseCategoricalCrossentropy(fromLogits: true).Compute(labels, logits);
        var first = TestData.ToDoubles(tape.Gradient(loss, [logits])[0]);
        Assertions.Close(first, tape.Gradient(loss, [logits])[0], 0, 0);
    }

    [Fact]
    public void Without_a_tape_nothing_is_recorded_and_values_agree()
    {
        var logits = TestData.Tensor(7, new Shape(9, 6), DType.Float64, -3, 3);
        var ids = new[] { 0, 1, 2, 3, 4, 5, 0, 1, 2 };
        var value = new SparseCategoricalCrossentropy(fromLogits: true, reduction: LossReduction.Sum).Compute(Tensor.FromArray(ids, 9), logits);
        Assert.Equal(Composed(ids, logits, 1).Item<double>(), value.Item<double>(), 12);
    }

    [Fact]
    public void Public_op_matches_the_reference_per_row()
    {
        var logits = TestData.Tensor(8, new Shape(6, 5), out var values, DType.Float64, -4, 4);
        long[] ids = [4, 3, 2, 1, 0, 0];
        var result = Ops.SparseCategoricalCrossentropy(Tensor.FromArray(ids, 6), logits, fromLogits: true);
        Assertions.Close(LossReference.Sparse(ids, values, 5, true), result, 1e-12, 1e-12, new Shape(6));
        GradCheck.Check(x => Ops.SparseCategoricalCrossentropy(Tensor.FromArray(ids, 6), x[0], fromLogits: true), [logits]);
    }
}
