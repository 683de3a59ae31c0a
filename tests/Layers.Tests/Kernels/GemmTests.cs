using System.Numerics;
using Layers.Tests.Support;

namespace Layers.Tests.Kernels;

/// <summary>
/// The GEMM kernel against a float64 triple loop, on every instruction-set path, both strategies,
/// all four transpose combinations, one and two threads, with padded leading dimensions. Operands
/// sit inside NaN guard bands (a read outside them poisons the result) and C inside sentinel values
/// (a write outside it is caught).
/// </summary>
public unsafe class GemmTests
{
    private const double Sentinel = 12345.0;

    internal static readonly GemmPath[] Paths = [GemmPath.Vector512, GemmPath.Vector256, GemmPath.Scalar];

    public static TheoryData<int, int, int> OddShapes => new()
    {
        { 1, 1, 1 },
        { 1, 17, 33 },
        { 17, 1, 33 },
        { 33, 17, 1 },
        { 1, 127, 1 },
        { 3, 5, 7 },
        { 7, 3, 16 },
        { 16, 16, 16 },
        { 17, 33, 3 },
        { 33, 127, 17 },
        { 127, 33, 64 },
        { 64, 64, 127 },
        { 100, 1, 1000 },
        { 1, 100, 1000 },
    };

    [Theory]
    [MemberData(nameof(OddShapes))]
    public void Float32_packed_matches_reference(int m, int n, int k) => CheckEverywhere<float>(m, n, k, GemmStrategy.Packed, seed: m + 7 * n + 31 * k);

    [Theory]
    [MemberData(nameof(OddShapes))]
    public void Float32_unpacked_matches_reference(int m, int n, int k) => CheckEverywhere<float>(m, n, k, GemmStrategy.Unpacked, seed: m + 7 * n + 31 * k);

    [Theory]
    [MemberData(nameof(OddShapes))]
    public void Float64_packed_matches_reference(int m, int n, int k) => CheckEverywhere<double>(m, n, k, GemmStrategy.Packed, seed: m + 7 * n + 31 * k);

    [Theory]
    [MemberData(nameof(OddShapes))]
    public void Float64_unpacked_matches_reference(int m, int n, int k) => CheckEverywhere<double>(m, n, k, GemmStrategy.Unpacked, seed: m + 7 * n + 31 * k);

    [Theory]
    [MemberData(nameof(OddShapes))]
    public void Automatic_strategy_matches_reference(int m, int n, int k)
    {
        foreach (var (ta, tb) in Transposes)
        {
            Check<float>(m, n, k, ta, tb, GemmPath.Auto, GemmStrategy.Auto, threads: 0, accumulate: false, seed: 3);
            Check<double>(m, n, k, ta, tb, GemmPath.Auto, GemmStrategy.Auto, threads: 0, accumulate: true, seed: 4);
        }
    }

    [Fact]
    public void Sizes_straddling_each_paths_register_tile_and_cache_blocks()
    {
        foreach (var path in Paths)
        {
            var (mr, nr, kc, mc, nc) = Gemm.Blocking<float>(path);
            (int M, int N, int K)[] shapes =
            [
                (mr - 1, nr - 1, kc - 1),
                (mr + 1, nr + 1, kc + 1),
                (mr, nr, kc),
                (mc + 1, 2 * nr + 1, kc + 1),
                (mc - 1, nr + 3, 2 * kc + 1),
                (2 * mr + 1, nc + 1, 3),
            ];
            foreach (var (m, n, k) in shapes)
                foreach (var (ta, tb) in Transposes)
                    foreach (int threads in new[] { 1, 2 })
                        Check<float>(m, n, k, ta, tb, path, GemmStrategy.Packed, threads, accumulate: false, seed: m * n + k);
        }
        foreach (var path in Paths)
        {
            var (mr, nr, kc, mc, _) = Gemm.Blocking<double>(path);
            foreach (var (m, n, k) in new[] { (mr + 1, nr + 1, kc + 1), (mc + 1, 2 * nr - 1, kc - 1) })
                foreach (var (ta, tb) in Transposes)
                    Check<double>(m, n, k, ta, tb, path, GemmStrategy.Packed, threads: 2, accumulate: true, seed: m + n + k);
        }
    }

    [Fact]
    public void Sizes_straddling_the_two_thread_threshold()
    {
        int edge = (int)Math.Round(Math.Cbrt(Gemm.ParallelMinFlops / 2.0));
        foreach (int size in new[] { edge - 1, edge, edge + 1 })
            foreach (var (ta, tb) in Transposes)
            {
                Check<float>(size, size, size, ta, tb, GemmPath.Auto, GemmStrategy.Auto, threads: 0, accumulate: false, seed: size);
                Check<float>(size + 5, size - 3, size, ta, tb, GemmPath.Auto, GemmStrategy.Auto, threads: 0, accumulate: true, seed: size);
            }
    }

    [Fact]
    public void Large_products_on_two_threads_split_either_way()
    {
        // Tall (split across rows) and wide (split across columns), with ragged halves.
        Check<float>(301, 67, 129, false, false, GemmPath.Auto, GemmStrategy.Packed, threads: 2, accumulate: false, seed: 1);
        Check<float>(37, 419, 129, true, true, GemmPath.Auto, GemmStrategy.Packed, threads: 2, accumulate: false, seed: 2);
        Check<double>(211, 157, 300, false, true, GemmPath.Auto, GemmStrategy.Packed, threads: 2, accumulate: true, seed: 3);
    }

    [Fact]
    public void Thin_products_with_ragged_last_columns_on_one_and_two_threads()
    {
        // A row (or four) times a matrix whose last columns are fewer than a vector: the tail sums whole vectors over
        // the rows where a full load stays inside B and finishes the last rows element by element; depths 1–3 put
        // every row on one side or the other. Wide products are also split by columns between two threads.
        foreach (var path in Paths)
            foreach (int m in new[] { 1, 4 })
                foreach (int n in new[] { 7, 15, 17, 67, 131, 300 })
                    foreach (int k in new[] { 1, 2, 3, 40 })
                        foreach (int threads in new[] { 1, 2 })
                        {
                            Check<float>(m, n, k, false, false, path, GemmStrategy.Unpacked, threads, accumulate: k == 2, seed: m + n + k);
                            Check<double>(m, n, k, false, false, path, GemmStrategy.Unpacked, threads, accumulate: k == 3, seed: m + n + k);
                        }
    }

    [Fact]
    public void One_row_times_a_large_matrix_splits_by_columns_above_the_threshold()
    {
        int k = (int)(Gemm.UnpackedParallelMinFlops / (2 * 256)) + 1;
        Check<float>(1, 256, k, false, false, GemmPath.Auto, GemmStrategy.Auto, threads: 0, accumulate: false, seed: 5);
        Check<float>(1, 256, k - 2, false, false, GemmPath.Auto, GemmStrategy.Auto, threads: 0, accumulate: true, seed: 6);
        Check<double>(3, 250, 300, false, true, GemmPath.Auto, GemmStrategy.Auto, threads: 0, accumulate: false, seed: 7);
    }

    [Fact]
    public void Zero_depth_writes_zeros_or_leaves_an_accumulator_alone()
    {
        foreach (var strategy in new[] { GemmStrategy.Packed, GemmStrategy.Unpacked })
        {
            Check<float>(5, 7, 0, false, false, GemmPath.Auto, strategy, threads: 1, accumulate: false, seed: 1);
            Check<float>(5, 7, 0, true, true, GemmPath.Auto, strategy, threads: 1, accumulate: true, seed: 1);
        }
    }

    [Fact]
    public void Integer_products_are_exact()
    {
        foreach (var path in Paths)
            foreach (var (ta, tb) in Transposes)
                foreach (var strategy in new[] { GemmStrategy.Packed, GemmStrategy.Unpacked })
                {
                    CheckInteger<int>(19, 37, 23, ta, tb, path, strategy);
                    CheckInteger<long>(13, 5, 41, ta, tb, path, strategy);
                }
    }

    internal static readonly (bool A, bool B)[] Transposes = [(false, false), (false, true), (true, false), (true, true)];

    private static void CheckEverywhere<T>(int m, int n, int k, GemmStrategy strategy, int seed)
        where T : unmanaged, INumber<T>
    {
        foreach (var path in Paths)
            foreach (var (ta, tb) in Transposes)
                foreach (int threads in new[] { 1, 2 })
                    foreach (bool accumulate in new[] { false, true })
                        Check<T>(m, n, k, ta, tb, path, strategy, threads, accumulate, seed);
    }

    /// <summary>
    /// Lays out random logical A (m×k), B (k×n) as stored for the transpose flags, with leading
    /// dimensions 3 wider than needed, runs the kernel and checks C, the guards and the sentinels.
    /// </summary>
    internal static void Check<T>(int m, int n, int k, bool ta, bool tb, GemmPath path, GemmStrategy strategy, int threads, bool accumulate, int seed)
        where T : unmanaged, INumber<T>
    {
        double roundoff = typeof(T) == typeof(float) ? GemmReference.Float32Roundoff : GemmReference.Float64Roundoff;
        var a = Representable<T>(TestData.Uniform(seed, m * k));
        var b = Representable<T>(TestData.Uniform(seed + 1, k * n));
        var c0 = Representable<T>(TestData.Uniform(seed + 2, m * n));
        var expected = GemmReference.Multiply(a, b, m, n, k, out var magnitude);
        if (accumulate)
        {
            for (int i = 0; i < expected.Length; i++)
            {
                expected[i] += c0[i];
                magnitude[i] += Math.Abs(c0[i]);
            }
        }

        var storedA = new Guarded<T>(ta ? k : m, ta ? m : k, T.CreateChecked(double.NaN));
        var storedB = new Guarded<T>(tb ? n : k, tb ? k : n, T.CreateChecked(double.NaN));
        var storedC = new Guarded<T>(m, n, T.CreateChecked(Sentinel));
        for (int i = 0; i < m; i++)
            for (int p = 0; p < k; p++)
                storedA[ta ? p : i, ta ? i : p] = T.CreateChecked(a[i * k + p]);
        for (int p = 0; p < k; p++)
            for (int j = 0; j < n; j++)
                storedB[tb ? j : p, tb ? p : j] = T.CreateChecked(b[p * n + j]);
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
                storedC[i, j] = accumulate ? T.CreateChecked(c0[i * n + j]) : T.CreateChecked(double.NaN);

        fixed (T* pa = storedA.Buffer, pb = storedB.Buffer, pc = storedC.Buffer)
        {
            var problem = GemmProblem<T>.RowMajor(m, n, k,
                pa + storedA.Start, storedA.Ld, ta, pb + storedB.Start, storedB.Ld, tb, pc + storedC.Start, storedC.Ld, accumulate);
            using (GemmConfig.Override(path, strategy, threads))
                Gemm.Multiply(problem);
        }

        string context = $"{typeof(T).Name} {m}x{n}x{k} transposeA={ta} transposeB={tb} {path} {strategy} threads={threads} accumulate={accumulate}";
        GemmReference.AssertClose(expected, magnitude, m, n, accumulate ? k + 1 : k, roundoff, (i, j) => double.CreateChecked(storedC[i, j]), context);
        storedC.AssertOutsideIs(T.CreateChecked(Sentinel), context);
    }

    private static void CheckInteger<T>(int m, int n, int k, bool ta, bool tb, GemmPath path, GemmStrategy strategy)
        where T : unmanaged, INumber<T>
    {
        var rng = new Random(m * n * k);
        var a = new long[m * k];
        var b = new long[k * n];
        for (int i = 0; i < a.Length; i++) a[i] = rng.Next(-50, 50);
        for (int i = 0; i < b.Length; i++) b[i] = rng.Next(-50, 50);
        var storedA = new Guarded<T>(ta ? k : m, ta ? m : k, T.CreateChecked(1000));
        var storedB = new Guarded<T>(tb ? n : k, tb ? k : n, T.CreateChecked(1000));
        var storedC = new Guarded<T>(m, n, T.CreateChecked(777));
        for (int i = 0; i < m; i++)
            for (int p = 0; p < k; p++)
                storedA[ta ? p : i, ta ? i : p] = T.CreateChecked(a[i * k + p]);
        for (int p = 0; p < k; p++)
            for (int j = 0; j < n; j++)
                storedB[tb ? j : p, tb ? p : j] = T.CreateChecked(b[p * n + j]);
        fixed (T* pa = storedA.Buffer, pb = storedB.Buffer, pc = storedC.Buffer)
        {
            var problem = GemmProblem<T>.RowMajor(m, n, k,
                pa + storedA.Start, storedA.Ld, ta, pb + storedB.Start, storedB.Ld, tb, pc + storedC.Start, storedC.Ld);
            using (GemmConfig.Override(path, strategy, threads: 1))
                Gemm.Multiply(problem);
        }
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                long sum = 0;
                for (int p = 0; p < k; p++) sum += a[i * k + p] * b[p * n + j];
                Assert.Equal(sum, long.CreateChecked(storedC[i, j]));
            }
        storedC.AssertOutsideIs(T.CreateChecked(777), $"{typeof(T).Name} {path} {strategy}");
    }

    /// <summary>Values rounded to <typeparamref name="T"/>, so the float64 reference sees exactly what the kernel sees.</summary>
    private static double[] Representable<T>(double[] values) where T : unmanaged, INumber<T> =>
        values.Select(v => double.CreateChecked(T.CreateChecked(v))).ToArray();

    /// <summary>A rows×cols matrix with leading dimension cols+3, inside a buffer with 17 guard elements on each side.</summary>
    private sealed class Guarded<T> where T : unmanaged, INumber<T>
    {
        private const int Guard = 17;
        private const int Pad = 3;

        public Guarded(int rows, int cols, T fill)
        {
            Rows = rows;
            Cols = cols;
            Ld = cols + Pad;
            Buffer = new T[2 * Guard + rows * Ld];
            Buffer.AsSpan().Fill(fill);
        }

        public int Rows { get; }
        public int Cols { get; }
        public int Ld { get; }
        public int Start => Guard;
        public T[] Buffer { get; }

        public T this[int row, int col]
        {
            get => Buffer[Guard + row * Ld + col];
            set => Buffer[Guard + row * Ld + col] = value;
        }

        public void AssertOutsideIs(T expected, string context)
        {
            for (int i = 0; i < Buffer.Length; i++)
            {
                int offset = i - Guard;
                bool inside = offset >= 0 && offset < Rows * Ld && offset % Ld < Cols;
                if (!inside && Buffer[i] != expected)
                    Assert.Fail($"{context}: element {offset} (relative to C's start) outside C was overwritten with {Buffer[i]}.");
            }
        }
    }
}
