"""PyTorch peer for OptimizerStepBenchmarks: one optimizer.step() over eight float32 tensors of 2**17 elements.

Both the default (per-tensor loop) and foreach implementations are timed where PyTorch 1.13 offers them;
the faster is the peer.
Run: env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 benchmarks/peers/optimizer_step_torch.py
"""
import timeit

import torch


def optimizers():
    return {
        "sgd_momentum": lambda p, fe: torch.optim.SGD(p, lr=0.01, momentum=0.9, foreach=fe),
        "adam": lambda p, fe: torch.optim.Adam(p, lr=0.001, eps=1e-7, foreach=fe),
        "adamw": lambda p, fe: torch.optim.AdamW(p, lr=0.001, eps=1e-7, weight_decay=0.004, foreach=fe),
        "rmsprop": lambda p, fe: torch.optim.RMSprop(p, lr=0.001, alpha=0.9, eps=1e-7, foreach=fe),
        "adagrad": lambda p, fe: torch.optim.Adagrad(p, lr=0.001, initial_accumulator_value=0.1, eps=1e-7, foreach=fe),
    }


def main():
    torch.set_num_threads(1)
    for name, make in optimizers().items():
        results = []
        for foreach in (False, True):
            params = [torch.full((1 << 17,), 0.5, requires_grad=True) for _ in range(8)]
            for p in params:
                p.grad = torch.full_like(p, 0.01)
            optimizer = make(params, foreach)
            optimizer.step()
            best = min(timeit.repeat(optimizer.step, number=50, repeat=7)) / 50
            results.append(f"foreach={foreach}: {best * 1e6:.0f} us")
        print(f"torch {torch.__version__} {name}: " + ", ".join(results))


if __name__ == "__main__":
    main()
