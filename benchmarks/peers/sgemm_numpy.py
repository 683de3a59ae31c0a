"""SGEMM GFLOP/s of numpy + OpenBLAS on square float32 products, 1 and 2 threads.

Run with the system interpreter, without the OpenBLAS overrides this machine may set:
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 benchmarks/peers/sgemm_numpy.py [--threads 1,2] [sizes...]
Each figure is the median of 7 timed batches (the best is printed too), each batch sized to ~0.2 s,
with C preallocated (np.matmul(..., out=c)) so only the GEMM is timed, as in GemmBenchmarks.
"""
import sys
import time

import numpy as np
from threadpoolctl import threadpool_info, threadpool_limits


def measure(n, threads):
    rng = np.random.default_rng(0)
    a = rng.standard_normal((n, n), dtype=np.float32)
    b = rng.standard_normal((n, n), dtype=np.float32)
    c = np.empty((n, n), dtype=np.float32)
    flops = 2.0 * n * n * n
    with threadpool_limits(limits=threads, user_api="blas"):
        for _ in range(3):
            np.matmul(a, b, out=c)
        start = time.perf_counter()
        reps = 0
        while time.perf_counter() - start < 0.2:
            np.matmul(a, b, out=c)
            reps += 1
        times = []
        for _ in range(7):
            start = time.perf_counter()
            for _ in range(reps):
                np.matmul(a, b, out=c)
            times.append((time.perf_counter() - start) / reps)
    times.sort()
    return flops / times[len(times) // 2] / 1e9, flops / times[0] / 1e9


def main():
    args = sys.argv[1:]
    thread_counts = (1, 2)
    if args[:1] == ["--threads"]:
        thread_counts = tuple(int(t) for t in args[1].split(","))
        args = args[2:]
    sizes = [int(s) for s in args] or [256, 512, 1024, 2048]
    blas = [i for i in threadpool_info() if i.get("user_api") == "blas"]
    for info in blas:
        print(f"# {info.get('internal_api')} {info.get('version')} {info.get('architecture')} "
              f"threading={info.get('threading_layer')} max_threads={info.get('num_threads')}")
    print(f"# numpy {np.__version__}")
    print("size,threads,median_gflops,best_gflops")
    for threads in thread_counts:
        for n in sizes:
            median, best = measure(n, threads)
            print(f"{n},{threads},{median:.1f},{best:.1f}", flush=True)


if __name__ == "__main__":
    main()
