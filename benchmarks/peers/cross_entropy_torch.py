"""PyTorch peer for LossBenchmarks: sparse categorical cross-entropy from logits, batch 128 x 10 classes.

- forward + backward: F.cross_entropy (mean reduction) on logits that require grad, then .backward()
- forward only, under no_grad

Run in the same session as the C# benchmark:
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 benchmarks/peers/cross_entropy_torch.py
"""
import torch
import torch.nn.functional as F

from timing import best_of


def main():
    torch.set_num_threads(1)
    torch.manual_seed(0)
    logits = torch.randn(128, 10, requires_grad=True)
    labels = torch.randint(0, 10, (128,))

    def forward_backward():
        logits.grad = None
        F.cross_entropy(logits, labels).backward()

    def forward():
        with torch.no_grad():
            F.cross_entropy(logits, labels)

    fb = best_of(forward_backward, 20000)
    f = best_of(forward, 20000)
    print(f"torch {torch.__version__} (1 thread): cross_entropy 128x10 forward+backward {fb * 1e6:.2f} us, forward {f * 1e6:.2f} us")


if __name__ == "__main__":
    main()
