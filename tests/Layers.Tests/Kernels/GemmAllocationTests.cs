namespace Layers.Tests.Kernels;

/// <summary>Once a thread's packing buffers exist, a float32 GEMM allocates nothing, on one thread or two.</summary>
public unsafe class GemmAllocationTests
{
    [Theory]
    [InlineData(1, "Packed")]
    [InlineData(2, "Packed")]
    [InlineData(1, "Unpacked")]
    [InlineData(0, "Auto")]
    public void Float32_gemm_allocates_nothing_in_steady_state(int threads, string strategyName)
    {
        var strategy = Enum.Parse<GemmStrategy>(strategyName);
        const int m = 200, n = 150, k = 170;
        var a = new float[m * k];
        var b = new float[k * n];
        var c = new float[m * n];
        a.AsSpan().Fill(0.5f);
        b.AsSpan().Fill(0.25f);
        fixed (float* pa = a, pb = b, pc = c)
        {
            using var scope = GemmConfig.Override(strategy: strategy, threads: threads);
            var problem = GemmProblem<float>.RowMajor(m, n, k, pa, k, false, pb, n, true, pc, n);
            for (int i = 0; i < 3; i++) Gemm.Multiply(problem);   // grow buffers, create the worker's job
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 10; i++) Gemm.Multiply(problem);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(0, allocated);
        }
        Assert.Equal(0.5f * 0.25f * k, c[0]);
    }

    [Fact]
    public void Float32_matmul_allocates_only_its_result()
    {
        var a = Support.TestData.Tensor(1, new Shape(64, 96));
        var b = Support.TestData.Tensor(2, new Shape(96, 80));
        var batched = Support.TestData.Tensor(3, new Shape(3, 64, 96));
        var shape = new Shape(64, 80);
        var batchedShape = new Shape(3, 64, 80);
        Func<Tensor> plain = () => Ops.MatMul(a, b);
        Func<Tensor> stacked = () => Ops.MatMul(batched, b);
        Func<Tensor> result = () => Tensor.Allocate(shape, DType.Float32);
        Func<Tensor> batchedResult = () => Tensor.Allocate(batchedShape, DType.Float32);
        for (int i = 0; i < 3; i++)
        {
            plain();
            stacked();
        }
        // The result is its storage, the Tensor object and its shape's dimension array (at most 40 bytes here).
        Assert.InRange(Measure(plain) - Measure(result), 0, 40);
        Assert.InRange(Measure(stacked) - Measure(batchedResult), 0, 40);
    }

    private static long Measure(Func<Tensor> action)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
