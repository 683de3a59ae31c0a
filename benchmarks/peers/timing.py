"""Timing shared by the peer scripts: warm up, then the best of several repeats (the least disturbed by a noisy machine)."""
import time


def best_of(fn, number, repeat=7):
    for _ in range(max(3, number // 10)):
        fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        times.append((time.perf_counter() - start) / number)
    return min(times)
