"""Peer timings for benchmarks/results/elementwise.md: PyTorch and NumPy element-wise ops on 10^6 float32.

Each op returns a new array, as Ops.Add / Ops.Relu do. Reports the median of many timed calls, in microseconds.
Run: env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 benchmarks/peers/elementwise.py
"""
import statistics
import time

import numpy as np
import torch

N = 1_000_000


def median_us(fn, repeats=2000, warmup=200):
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeats):
        start = time.perf_counter_ns()
        fn()
        samples.append(time.perf_counter_ns() - start)
    return statistics.median(samples) / 1000


def main():
    rng = np.random.default_rng(42)
    x = rng.uniform(-1, 1, N).astype(np.float32)
    y = rng.uniform(-1, 1, N).astype(np.float32)
    tx, ty = torch.from_numpy(x), torch.from_numpy(y)
    print(f"torch {torch.__version__}, numpy {np.__version__}")
    for threads in sorted({1, torch.get_num_threads(), 2}):
        torch.set_num_threads(threads)
        print(f"torch.add  threads={threads}: {median_us(lambda: torch.add(tx, ty)):8.1f} us")
        print(f"torch.relu threads={threads}: {median_us(lambda: torch.relu(tx)):8.1f} us")
    print(f"np.add            : {median_us(lambda: np.add(x, y)):8.1f} us")
    print(f"np.maximum(x, 0)  : {median_us(lambda: np.maximum(x, 0)):8.1f} us")


if __name__ == "__main__":
    main()
