using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace Layers;

/// <summary>Work split into numbered parts that may run on different threads at once.</summary>
internal interface IParallelJob
{
    void Execute(int part);
}

/// <summary>
/// One persistent background thread that lends the second core to a caller. <see cref="TryRun"/>
/// costs no allocation and, when the worker is awake, well under a microsecond to hand over — unlike
/// <c>Parallel.For</c>. The caller and the worker claim parts from a shared counter, so a worker
/// that wakes late (or not at all, on a loaded machine) simply leaves more parts to the caller.
/// Only one caller owns the worker at a time; others are told to run alone, so nothing ever waits
/// on another caller's job and there is no deadlock.
/// </summary>
internal sealed class ParallelWorker
{
    /// <summary>How long the worker keeps polling for the next job before it sleeps: back-to-back ops skip the wake-up cost.</summary>
    private static readonly long s_spinTicks = Stopwatch.Frequency / 10_000;   // 100 µs

    private static readonly ParallelWorker? s_instance = Environment.ProcessorCount > 1 ? new ParallelWorker() : null;

    private readonly ManualResetEventSlim _wake = new(initialState: false, spinCount: 0);
    private IParallelJob? _job;
    private int _parts;
    private int _nextPart;
    private int _owned;
    private int _posted;
    private int _sleeping;
    private int _done;
    private Exception? _error;

    private ParallelWorker()
    {
        var thread = new Thread(Loop) { IsBackground = true, Name = "Layers parallel worker" };
        thread.Start();
    }

    /// <summary>False on a single-core machine, where there is nothing to lend.</summary>
    public static bool IsAvailable => s_instance is not null;

    /// <summary>
    /// Runs parts 0..<paramref name="parts"/>-1 of <paramref name="job"/> on this thread and the worker, and
    /// returns once all are done. Returns false, having run nothing, when the worker is owned by another
    /// caller (or the current thread is the worker itself); the caller then does the work alone.
    /// </summary>
    public static bool TryRun(IParallelJob job, int parts)
    {
        var worker = s_instance;
        if (worker is null || Interlocked.CompareExchange(ref worker._owned, 1, 0) != 0) return false;
        worker.RunOwned(job, parts);
        return true;
    }

    private void RunOwned(IParallelJob job, int parts)
    {
        _job = job;
        _parts = parts;
        _nextPart = 0;
        _done = 0;
        _error = null;
        Interlocked.Exchange(ref _posted, 1);
        if (Volatile.Read(ref _sleeping) == 1) _wake.Set();
        try
        {
            ClaimParts(job);
        }
        finally
        {
            // Withdraw the job if the worker never picked it up; otherwise wait for the part it claimed.
            if (Interlocked.CompareExchange(ref _posted, 0, 1) != 1) WaitUntilDone();
            var error = _error;
            _job = null;
            _error = null;
            Volatile.Write(ref _owned, 0);
            if (error is not null) ExceptionDispatchInfo.Throw(error);
        }
    }

    private void ClaimParts(IParallelJob job)
    {
        int part;
        while ((part = Interlocked.Increment(ref _nextPart) - 1) < _parts) job.Execute(part);
    }

    private void WaitUntilDone()
    {
        var spinner = new SpinWait();
        while (Volatile.Read(ref _done) == 0) spinner.SpinOnce(sleep1Threshold: -1);
    }

    private void Loop()
    {
        while (true)
        {
            WaitForPost();
            if (Interlocked.CompareExchange(ref _posted, 0, 1) != 1) continue;   // withdrawn by its caller
            try
            {
                ClaimParts(_job!);
            }
            catch (Exception exception)
            {
                _error = exception;
            }
            Volatile.Write(ref _done, 1);
        }
    }

    private void WaitForPost()
    {
        long deadline = Stopwatch.GetTimestamp() + s_spinTicks;
        while (Volatile.Read(ref _posted) == 0)
        {
            if (Stopwatch.GetTimestamp() < deadline)
            {
                Thread.SpinWait(20);
                continue;
            }
            // Sleep. Dekker-style: publish "sleeping", then re-check, so a post between the two is never missed
            // (its poster reads _sleeping after publishing _posted, and sets the event).
            _wake.Reset();
            Interlocked.Exchange(ref _sleeping, 1);
            if (Volatile.Read(ref _posted) == 0) _wake.Wait();
            Volatile.Write(ref _sleeping, 0);
            deadline = Stopwatch.GetTimestamp() + s_spinTicks;
        }
    }
}
