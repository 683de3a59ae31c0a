using System.Diagnostics;
using System.Numerics;
using System.Runtime;
using System.Runtime.CompilerServices;

namespace Layers;

/// <summary>
/// Recycles large tensor storage. A fresh multi-megabyte array costs far more than the arithmetic done on it:
/// the GC hands back decommitted memory, and touching it page-faults (measured here: ~0.85 ms per 4 MB, against
/// ~0.15 ms to add two 10⁶-float vectors into it). Ops allocate a result per call, so without reuse element-wise
/// ops run 4–8× slower than the kernel.
/// <para>
/// <b>Value semantics are kept</b> because an array is recycled only once it is garbage: each rented array has a
/// finalizable lease that a <see cref="DependentHandle"/> keeps alive exactly as long as the array itself is
/// reachable — from a tensor, a view sharing the storage, or any span or ref into it on any stack. When the GC
/// finds the array unreachable, the lease's finalizer puts it back in the pool. Nothing depends on tensors being
/// disposed, and nothing can observe reuse.
/// </para>
/// <para>
/// Dead arrays are only discovered by full collections, which pooling itself makes rare (recycled arrays do not
/// count against the GC's allocation budget). So when more storage is leased than the live estimate plus a budget
/// (the larger of 64 MB and the live estimate), a rent induces a blocking gen-2 collection; a rent that found the
/// pool empty then briefly waits for the finalizer to return arrays. Pooled memory is capped at twice the budget
/// (and at a quarter of available memory), so that arrays returned by one collection can carry the rents made
/// while the next one is being finalized. Set the AppContext switch <c>Layers.DisableStoragePool</c> to turn
/// pooling (and the induced collections) off.
/// </para>
/// </summary>
internal static class StoragePool
{
    /// <summary>Smaller arrays come from the GC directly: their allocation is cheap and they are not page-fault bound.</summary>
    public const int MinimumPooledBytes = 128 * 1024;

    private const long MinimumBudget = 64L << 20;

    /// <summary>How long a rent that induced a collection waits for the finalizer to return arrays before allocating.</summary>
    private static readonly long s_returnWaitTicks = Stopwatch.Frequency / 500;

    private static readonly long s_hardCap = Math.Max(MinimumBudget, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 4);

    public static readonly bool Enabled = !(AppContext.TryGetSwitch("Layers.DisableStoragePool", out bool disabled) && disabled);

    private static long s_leasedBytes;
    private static long s_pooledBytes;
    private static long s_rentedTotal;
    private static long s_rentedAtCollection;
    private static long s_budget = MinimumBudget;
    private static int s_collecting;

    /// <summary>Rents served from the pool, rents that allocated, and collections induced (diagnostics for tests and benchmarks).</summary>
    internal static long Hits, Misses, Collections;

    internal static long LeasedBytes => Interlocked.Read(ref s_leasedBytes);

    internal static long PooledBytes => Interlocked.Read(ref s_pooledBytes);

    internal static void OnRent(long bytes, bool hit)
    {
        Interlocked.Add(ref s_leasedBytes, bytes);
        Interlocked.Add(ref s_rentedTotal, bytes);
        Interlocked.Increment(ref hit ? ref Hits : ref Misses);
    }

    /// <summary>Accounts for a leased array that became garbage; true if the pool has room to keep it.</summary>
    internal static bool OnReturn(long bytes)
    {
        Interlocked.Add(ref s_leasedBytes, -bytes);
        long cap = Math.Min(2 * Interlocked.Read(ref s_budget), s_hardCap);
        if (Interlocked.Add(ref s_pooledBytes, bytes) <= cap) return true;
        Interlocked.Add(ref s_pooledBytes, -bytes);
        return false;
    }

    internal static void OnTake(long bytes) => Interlocked.Add(ref s_pooledBytes, -bytes);

    /// <summary>Induces a full collection when leases outgrow the live estimate by more than the budget. True if it did.</summary>
    internal static bool CollectIfOverBudget()
    {
        if (Interlocked.Read(ref s_leasedBytes) <= Interlocked.Read(ref s_budget)) return false;
        if (Interlocked.Exchange(ref s_collecting, 1) != 0) return false;
        try
        {
            // Bytes still leased that were rented before the previous collection survived it: the live estimate.
            long rented = Interlocked.Read(ref s_rentedTotal);
            long live = Math.Max(0, Interlocked.Read(ref s_leasedBytes) - (rented - s_rentedAtCollection));
            s_rentedAtCollection = rented;
            Interlocked.Exchange(ref s_budget, live + Math.Max(MinimumBudget, live));
            Interlocked.Increment(ref Collections);
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: false);
            return true;
        }
        finally
        {
            Volatile.Write(ref s_collecting, 0);
        }
    }

    internal static bool WaitedTooLong(long startTimestamp) => Stopwatch.GetTimestamp() - startTimestamp > s_returnWaitTicks;
}

/// <summary>The pool for one element type: size-classed stacks of leases.</summary>
internal static class StoragePool<T> where T : unmanaged
{
    /// <summary>Four classes per power of two (4/4, 5/4, 6/4, 7/4 of it), so a rented array wastes at most a quarter.</summary>
    private static readonly Stack<Lease>?[] s_classes = new Stack<Lease>?[32 * 4];
    private static readonly Lock s_lock = new();

    /// <summary>An uninitialized pinned array of at least <paramref name="length"/> elements.</summary>
    public static T[] Rent(int length)
    {
        int sizeClass = SizeClass(length, out int capacity);
        if (sizeClass < 0) return GC.AllocateUninitializedArray<T>(length, pinned: true);
        long bytes = (long)capacity * Unsafe.SizeOf<T>();
        var lease = TryTake(sizeClass, bytes);
        if (StoragePool.CollectIfOverBudget() && lease is null)
        {
            long start = Stopwatch.GetTimestamp();
            while ((lease = TryTake(sizeClass, bytes)) is null && !StoragePool.WaitedTooLong(start))
                Thread.Yield();
        }
        bool hit = lease is not null;
        if (lease is null) lease = new Lease(GC.AllocateUninitializedArray<T>(capacity, pinned: true));
        else lease.Reactivate();
        StoragePool.OnRent(bytes, hit);
        return lease.Array;
    }

    private static Lease? TryTake(int sizeClass, long bytes)
    {
        lock (s_lock)
        {
            if (s_classes[sizeClass] is not { Count: > 0 } stack) return null;
            StoragePool.OnTake(bytes);
            return stack.Pop();
        }
    }

    /// <summary>Runs on the finalizer thread once a lease's array is unreachable.</summary>
    private static void Return(Lease lease)
    {
        int sizeClass = SizeClass(lease.Array.Length, out _);
        if (!StoragePool.OnReturn((long)lease.Array.Length * Unsafe.SizeOf<T>()))
        {
            lease.Release();
            return;
        }
        lock (s_lock) (s_classes[sizeClass] ??= new Stack<Lease>()).Push(lease);
    }

    /// <summary>The class index and capacity for <paramref name="length"/>, or -1 when the capacity would exceed the array limit.</summary>
    private static int SizeClass(int length, out int capacity)
    {
        int log = BitOperations.Log2((uint)length);
        int quarter = 1 << (log - 2);
        int quarters = (length + quarter - 1) / quarter;
        if (quarters == 8)
        {
            log++;
            quarter <<= 1;
            quarters = 4;
        }
        long size = (long)quarters * quarter;
        capacity = (int)Math.Min(size, int.MaxValue);
        return size > Array.MaxLength ? -1 : log * 4 + quarters - 4;
    }

    /// <summary>
    /// Lives exactly as long as its array is reachable from anywhere else (the dependent handle's rule), then
    /// its finalizer returns the array. Leases are reused with their arrays, so steady-state renting allocates nothing.
    /// </summary>
    private sealed class Lease
    {
        private DependentHandle _handle;

        public Lease(T[] array)
        {
            Array = array;
            _handle = new DependentHandle(array, this);
        }

        public T[] Array { get; }

        /// <summary>Ties the lease to its array again after it came back through the finalizer.</summary>
        public void Reactivate()
        {
            _handle.Dispose();
            _handle = new DependentHandle(Array, this);
            GC.ReRegisterForFinalize(this);
        }

        /// <summary>Lets the array go to the GC for good.</summary>
        public void Release() => _handle.Dispose();

        ~Lease() => Return(this);
    }
}
