"""PyTorch peer for LayerCallBenchmarks: the cost of calling an empty nn.Module (no grad).

Run: env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 benchmarks/peers/module_call_torch.py
"""
import timeit

import torch


class Identity(torch.nn.Module):
    def forward(self, x):
        return x


def main():
    torch.set_num_threads(1)
    module = Identity()
    x = torch.ones(1, 8)
    with torch.no_grad():
        for _ in range(10000):
            module(x)
        best = min(timeit.repeat(lambda: module(x), number=200000, repeat=7)) / 200000
    print(f"torch {torch.__version__}: empty module __call__ {best * 1e9:.0f} ns")


if __name__ == "__main__":
    main()
