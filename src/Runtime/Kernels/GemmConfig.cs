using System.Runtime.Intrinsics;

namespace Layers;

/// <summary>Which instruction set the GEMM kernels use.</summary>
internal enum GemmPath
{
    /// <summary>The widest the hardware accelerates.</summary>
    Auto,
    Vector512,
    Vector256,
    Scalar,
}

/// <summary>Which GEMM algorithm runs.</summary>
internal enum GemmStrategy
{
    /// <summary>Unpacked for small or thin products, packed and blocked otherwise.</summary>
    Auto,
    Packed,
    Unpacked,
}

/// <summary>
/// Knobs for tests and benchmarks. <see cref="MaxThreads"/> is process-wide; <see cref="Override"/>
/// applies to the calling thread only (tests run in parallel, so each forces its own path without
/// disturbing the others).
/// </summary>
internal static class GemmConfig
{
    [ThreadStatic] private static GemmPath t_path;
    [ThreadStatic] private static GemmStrategy t_strategy;
    [ThreadStatic] private static int t_threads;

    /// <summary>Upper bound on threads per GEMM (1 or 2): the caller plus, if 2, the persistent worker.</summary>
    public static int MaxThreads { get; set; } = ParallelWorker.IsAvailable ? 2 : 1;

    /// <summary>The path this thread's GEMMs use.</summary>
    public static GemmPath Path => t_path != GemmPath.Auto ? t_path : HardwarePath;

    public static GemmPath HardwarePath =>
        Vector512.IsHardwareAccelerated ? GemmPath.Vector512 :
        Vector256.IsHardwareAccelerated ? GemmPath.Vector256 :
        GemmPath.Scalar;

    public static GemmStrategy Strategy => t_strategy;

    /// <summary>0: decide by size; 1: always single-threaded; 2: two threads whenever the product can be split.</summary>
    public static int Threads => t_threads;

    /// <summary>Forces this thread's GEMMs onto a path, strategy or thread count until the scope is disposed.</summary>
    public static Scope Override(GemmPath path = GemmPath.Auto, GemmStrategy strategy = GemmStrategy.Auto, int threads = 0)
    {
        if (threads is < 0 or > 2) throw new ArgumentOutOfRangeException(nameof(threads), threads, "GEMM runs on 1 or 2 threads (0 = automatic).");
        var previous = new Scope(t_path, t_strategy, t_threads);
        t_path = path;
        t_strategy = strategy;
        t_threads = threads;
        return previous;
    }

    /// <summary>Restores the settings that were in force before <see cref="Override"/>.</summary>
    internal readonly struct Scope(GemmPath path, GemmStrategy strategy, int threads) : IDisposable
    {
        public void Dispose()
        {
            t_path = path;
            t_strategy = strategy;
            t_threads = threads;
        }
    }
}
