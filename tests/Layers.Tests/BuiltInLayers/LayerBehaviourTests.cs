using Layers.Tests.Support;

namespace Layers.Tests.BuiltInLayers;

/// <summary>Forward values against float64 loops, gradients against finite differences, and output shapes.</summary>
public class LayerBehaviourTests
{
    private static double[] MatMulBias(double[] x, int n, int k, double[] w, int m, double[]? b)
    {
        var y = new double[n * m];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < m; j++)
            {
                double sum = b?[j] ?? 0;
                for (int t = 0; t < k; t++) sum += x[i * k + t] * w[t * m + j];
                y[i * m + j] = sum;
            }
        return y;
    }

    [Fact]
    public void Dense_computes_activation_of_xw_plus_b()
    {
        var dense = new Dense(5, activation: "relu", biasInitializer: new RandomNormal(seed: 1), kernelInitializer: new GlorotUniform(2));
        var x = TestData.Tensor(3, new Shape(7, 33), out var xv);
        var y = dense.Apply(x);
        var expected = MatMulBias(xv, 7, 33, TestData.ToDoubles(dense.Kernel.Value), 5, TestData.ToDoubles(dense.Bias!.Value)).Select(v => Math.Max(v, 0)).ToArray();
        Assertions.Close(expected, y, 1e-5, 1e-6, new Shape(7, 5));
        Assert.Equal(["kernel", "bias"], dense.Weights.Select(w => w.Name));
        Assert.Equal(33 * 5 + 5, dense.CountParams());
        Assert.Equal(new Shape(Shape.Unknown, 4, 5), dense.ComputeOutputShape(new Shape(Shape.Unknown, 4, 33)));
    }

    [Theory]
    [InlineData("relu", "float32")]
    [InlineData("relu", "float64")]
    [InlineData("linear", "float32")]
    [InlineData("tanh", "float64")]
    public void Dense_without_a_tape_reuses_its_product_and_matches_the_recorded_path_bit_for_bit(string activation, string dtype)
    {
        // Without a tape, Dense adds the bias and applies the activation over the product's own storage.
        var type = dtype == "float64" ? DType.Float64 : DType.Float32;
        var dense = new Dense(19, activation: activation, dtype: type, biasInitializer: new RandomNormal(seed: 4));
        var x = Ops.Cast(TestData.Tensor(5, new Shape(2, 3, 21), out _), type);
        var inputBefore = TestData.ToDoubles(x);
        var inference = dense.Apply(x);
        var kernelBefore = TestData.ToDoubles(dense.Kernel.Value);
        var biasBefore = TestData.ToDoubles(dense.Bias!.Value);

        Tensor recorded;
        using (var tape = new GradientTape())
        {
            tape.Watch(x);
            recorded = dense.Apply(x);
        }
        var again = dense.Apply(x);

        Assert.Equal(TestData.ToDoubles(recorded), TestData.ToDoubles(inference));
        Assert.Equal(TestData.ToDoubles(recorded), TestData.ToDoubles(again));
        Assert.Equal(inputBefore, TestData.ToDoubles(x));
        Assert.Equal(kernelBefore, TestData.ToDoubles(dense.Kernel.Value));
        Assert.Equal(biasBefore, TestData.ToDoubles(dense.Bias.Value));
        var expected = MatMulBias(inputBefore, 6, 21, kernelBefore, 19, biasBefore)
            .Select(v => activation switch { "relu" => Math.Max(v, 0), "tanh" => Math.Tanh(v), _ => v }).ToArray();
        Assertions.Close(expected, inference, type == DType.Float64 ? 1e-12 : 1e-5, 1e-6, new Shape(2, 3, 19));
    }

    [Fact]
    public void Dense_without_bias_has_only_a_kernel_and_checks_its_input()
    {
        var dense = new Dense(2, useBias: false);
        dense.Apply(Tensor.Ones(1, 3));
        Assert.Equal(["kernel"], dense.Weights.Select(w => w.Name));
        Assert.Null(dense.Bias);
        Assertions.Throws<ArgumentException>(() => dense.Apply(Tensor.Ones(1, 4)), "expected axis -1 of input shape to have value 3");
        Assertions.Throws<ArgumentOutOfRangeException>(() => new Dense(0), "units must be positive");
    }

    [Fact]
    public void Dense_applies_to_the_last_axis_of_higher_rank_inputs()
    {
        var dense = new Dense(3);
        var x = TestData.Tensor(4, new Shape(2, 5, 4), out var xv);
        var y = dense.Apply(x);
        var expected = MatMulBias(xv, 10, 4, TestData.ToDoubles(dense.Kernel.Value), 3, null);
        Assertions.Close(expected, y, 1e-5, 1e-6, new Shape(2, 5, 3));
    }

    [Fact]
    public void Dense_gradients_match_finite_differences_in_float64()
    {
        var dense = new Dense(4, activation: "tanh", dtype: DType.Float64, biasInitializer: new RandomUniform(seed: 3));
        var x = TestData.Tensor(5, new Shape(3, 6), DType.Float64);
        dense.Build(x.Shape);
        GradCheck.Check(t => dense.Apply(t[0]), [x]);
        // The variables' value tensors are their storage, so perturbing them in place perturbs the layer.
        GradCheck.Check(_ => dense.Apply(x), [dense.Kernel.Value, dense.Bias!.Value]);
    }

    [Fact]
    public void Dropout_is_identity_at_inference_and_scales_survivors_in_training()
    {
        var dropout = new Dropout(0.3, seed: 11);
        var x = Tensor.Ones(200, 100);
        Assert.Same(x, dropout.Apply(x));
        var y = TestData.ToDoubles(dropout.Apply(x, training: true));
        Assert.All(y, v => Assert.True(v == 0 || Math.Abs(v - 1 / 0.7) < 1e-6));
        double dropped = y.Count(v => v == 0) / (double)y.Length;
        Assert.InRange(dropped, 0.28, 0.32);
        var again = TestData.ToDoubles(new Dropout(0.3, seed: 11).Apply(x, training: true));
        Assert.Equal(y, again);
        var next = TestData.ToDoubles(dropout.Apply(x, training: true));
        Assert.NotEqual(y, next);
    }

    [Fact]
    public void Dropout_noise_shape_shares_the_mask_along_size_one_axes()
    {
        var dropout = new Dropout(0.5, seed: 3, noiseShape: [-1, 1]);
        var y = dropout.Apply(Tensor.Ones(50, 8), training: true);
        for (int r = 0; r < 50; r++)
            for (int c = 1; c < 8; c++)
                Assert.Equal(y[r, 0], y[r, c]);
        Assertions.Throws<ArgumentOutOfRangeException>(() => new Dropout(1.5), "between 0 and 1");
    }

    [Fact]
    public void Batch_normalization_uses_batch_statistics_in_training_and_moving_ones_otherwise()
    {
        var bn = new BatchNormalization(momentum: 0.9, epsilon: 1e-3, gammaInitializer: new Constant(2), betaInitializer: new Constant(0.5));
        var x = TestData.Tensor(6, new Shape(16, 3), out var v, low: -2, high: 3);
        var y = bn.Apply(x, training: true);
        var expected = new double[v.Length];
        var means = new double[3];
        var variances = new double[3];
        for (int c = 0; c < 3; c++)
        {
            var column = Enumerable.Range(0, 16).Select(r => v[r * 3 + c]).ToArray();
            means[c] = column.Average();
            variances[c] = column.Select(a => (a - means[c]) * (a - means[c])).Average();
            for (int r = 0; r < 16; r++) expected[r * 3 + c] = (v[r * 3 + c] - means[c]) / Math.Sqrt(variances[c] + 1e-3) * 2 + 0.5;
        }
        Assertions.Close(expected, y, 1e-4, 1e-5);
        Assertions.Close([.. means.Select(m => 0.1 * m)], bn.MovingMean.Value, 1e-5, 1e-6);
        Assertions.Close([.. variances.Select(s => 0.9 + 0.1 * s)], bn.MovingVariance.Value, 1e-5, 1e-6);

        var inference = bn.Apply(x);
        var expectedInference = v.Select((a, i) => (a - 0.1 * means[i % 3]) / Math.Sqrt(0.9 + 0.1 * variances[i % 3] + 1e-3) * 2 + 0.5).ToArray();
        Assertions.Close(expectedInference, inference, 1e-4, 1e-5);
        Assertions.Close([.. means.Select(m => 0.1 * m)], bn.MovingMean.Value, 1e-5, 1e-6);   // inference leaves the statistics alone

        Assert.Equal(["gamma", "beta", "moving_mean", "moving_variance"], bn.Weights.Select(w => w.Name));
        Assert.Equal(["gamma", "beta"], bn.TrainableWeights.Select(w => w.Name));
    }

    [Fact]
    public void A_frozen_batch_normalization_runs_in_inference_mode_even_when_training()
    {
        var bn = new BatchNormalization();
        var x = TestData.Tensor(7, new Shape(8, 2));
        bn.Build(x.Shape);
        bn.Trainable = false;
        var before = bn.MovingMean.Numpy().ToArray<float>();
        var y = bn.Apply(x, training: true);
        Assert.Equal(before, bn.MovingMean.Value.ToArray<float>());
        Assertions.Close([.. TestData.ToDoubles(x).Select(a => a / Math.Sqrt(1 + 1e-3))], y, 1e-5, 1e-6);
    }

    [Fact]
    public void Batch_normalization_on_a_middle_axis_and_its_gradients()
    {
        var bn = new BatchNormalization(axis: 1, dtype: DType.Float64, gammaInitializer: new RandomUniform(0.5, 1.5, seed: 2), betaInitializer: new RandomNormal(seed: 3));
        var x = TestData.Tensor(8, new Shape(4, 3, 5), DType.Float64);
        bn.Build(x.Shape);
        Assert.Equal(new Shape(3), bn.Gamma!.Shape);
        GradCheck.Check(t => bn.Apply(t[0], training: true), [x], atol: 1e-6);
    }

    [Fact]
    public void Layer_normalization_matches_a_float64_reference_and_its_gradients()
    {
        var ln = new LayerNormalization(epsilon: 1e-5, dtype: DType.Float64, gammaInitializer: new RandomUniform(0.5, 1.5, seed: 4), betaInitializer: new RandomNormal(seed: 5));
        var x = TestData.Tensor(9, new Shape(5, 17), out var v, DType.Float64, -3, 3);
        var y = ln.Apply(x);
        var gamma = TestData.ToDoubles(ln.Gamma!.Value);
        var beta = TestData.ToDoubles(ln.Beta!.Value);
        var expected = new double[v.Length];
        for (int r = 0; r < 5; r++)
        {
            var row = v.Skip(r * 17).Take(17).ToArray();
            double mean = row.Average(), variance = row.Select(a => (a - mean) * (a - mean)).Average();
            for (int c = 0; c < 17; c++) expected[r * 17 + c] = (row[c] - mean) / Math.Sqrt(variance + 1e-5) * gamma[c] + beta[c];
        }
        Assertions.Close(expected, y, 1e-10, 1e-12);
        GradCheck.Check(t => ln.Apply(t[0]), [x], atol: 1e-6);

        var rms = new LayerNormalization(rmsScaling: true, dtype: DType.Float64);
        var yr = rms.Apply(x);
        Assert.Equal(["gamma"], rms.Weights.Select(w => w.Name));
        var expectedRms = v.Select((a, i) => a / Math.Sqrt(v.Skip(i / 17 * 17).Take(17).Average(b => b * b) + 1e-3)).ToArray();
        Assertions.Close(expectedRms, yr, 1e-10, 1e-12);
    }

    [Fact]
    public void Embedding_looks_up_rows_and_masks_zero_when_asked()
    {
        var embedding = new Embedding(10, 3, maskZero: true);
        var ids = Tensor.From(new[,] { { 0, 4, 9 }, { 2, 2, 0 } });
        var y = embedding.Apply(ids);
        Assert.Equal(new Shape(2, 3, 3), y.Shape);
        var table = embedding.Embeddings.Value;
        for (int c = 0; c < 3; c++)
        {
            Assert.Equal(table[4, c], y[0, 1, c]);
            Assert.Equal(table[9, c], y[0, 2, c]);
            Assert.Equal(table[2, c], y[1, 0, c]);
        }
        Assert.Equal(new[] { false, true, true, true, true, false }, y.KerasMask!.ToArray<bool>());
        Assert.All(TestData.ToDoubles(table), w => Assert.InRange(w, -0.05, 0.05));
        Assert.Equal(new Shape(Shape.Unknown, 7, 3), embedding.ComputeOutputShape(new Shape(Shape.Unknown, 7)));
        Assert.Single(embedding.Weights);   // created at construction: the shape names no call argument
        Assertions.Throws<IndexOutOfRangeException>(() => embedding.Apply(Tensor.From(new[,] { { 10 } })), "10");
    }

    [Fact]
    public void Embedding_gradient_scatters_into_the_used_rows()
    {
        var embedding = new Embedding(5, 2);
        var ids = Tensor.From(new[] { 1, 3, 1 });
        using var tape = new GradientTape();
        var y = embedding.Apply(ids);
        var grad = tape.Gradient(y, [embedding.Embeddings])[0];
        Assert.Equal(new[] { 0f, 0f, 2f, 2f, 0f, 0f, 1f, 1f, 0f, 0f }, grad.ToArray<float>());
    }

    [Fact]
    public void Flatten_and_reshape_keep_the_batch_and_report_shapes()
    {
        var x = TestData.Tensor(10, new Shape(2, 3, 4), out var v);
        var flat = new Flatten().Apply(x);
        Assert.Equal(new Shape(2, 12), flat.Shape);
        Assert.Equal(v, TestData.ToDoubles(flat));
        Assert.Equal(new Shape(Shape.Unknown, 12), new Flatten().ComputeOutputShape(new Shape(Shape.Unknown, 3, 4)));
        Assert.Equal(new Shape(5, 1), new Flatten().Apply(Tensor.Ones(5)).Shape);

        var channelsFirst = new Flatten("channels_first").Apply(x);
        Assert.Equal(v[1], channelsFirst[0, 3]);   // x[0, 1, 0] lands after the 3 channels of position 0

        var reshaped = new Reshape([4, -1]).Apply(x);
        Assert.Equal(new Shape(2, 4, 3), reshaped.Shape);
        Assert.Equal(new Shape(Shape.Unknown, 4, 3), new Reshape([4, -1]).ComputeOutputShape(new Shape(Shape.Unknown, 3, 4)));
        Assertions.Throws<ArgumentException>(() => new Reshape([-1, -1]), "at most one -1");
    }

    [Fact]
    public void Merge_layers_add_and_concatenate_lists()
    {
        var a = TestData.Tensor(11, new Shape(2, 3), out var av);
        var b = TestData.Tensor(12, new Shape(2, 3), out var bv);
        Assertions.Close([.. av.Zip(bv, (x, y) => x + y)], new Add().Apply([a, b]));
        var joined = new Concatenate(axis: 1).Apply([a, b]);
        Assert.Equal(new Shape(2, 6), joined.Shape);
        Assert.Equal(bv[3], joined[1, 3]);
        Assert.Equal(new Shape(Shape.Unknown, 7), new Concatenate().ComputeOutputShape([new Shape(Shape.Unknown, 3), new Shape(Shape.Unknown, 4)]));
        Assertions.Throws<ArgumentException>(() => new Add().Apply([a]), "at least 2 inputs");
    }

    [Fact]
    public void Activation_layer_applies_its_function()
    {
        var x = TestData.Tensor(13, new Shape(4, 5), out var v);
        Assertions.Close([.. v.Select(Math.Tanh)], new Activation("tanh").Apply(x), 1e-5, 1e-6);
    }
}
