"""PyTorch peer for MlpBenchmarks: a 784-256-256-10 ReLU MLP.

- one SGD training step at batch 128 (forward, cross-entropy, backward, update; ~206 MFLOP)
- inference of one sample (batch 1), no grad

Run in the same session as the C# benchmark:
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 benchmarks/peers/mlp_torch.py
"""
import torch

from timing import best_of


def measure(threads):
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    model = torch.nn.Sequential(
        torch.nn.Linear(784, 256), torch.nn.ReLU(),
        torch.nn.Linear(256, 256), torch.nn.ReLU(),
        torch.nn.Linear(256, 10))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
    loss_fn = torch.nn.CrossEntropyLoss()
    x = torch.randn(128, 784)
    y = torch.randint(0, 10, (128,))

    def train_step():
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()

    sample = torch.randn(1, 784)

    def infer():
        with torch.no_grad():
            model(sample)

    step = best_of(train_step, 50)
    single = best_of(infer, 2000)
    print(f"torch {torch.__version__}, {threads} thread(s): "
          f"train_step_batch128_ms {step * 1e3:.3f}  inference_batch1_us {single * 1e6:.2f}")


def main():
    # PyTorch picks 1 intra-op thread on this 2-core machine by default; report both.
    default = torch.get_num_threads()
    for threads in sorted({default, 1, 2}):
        measure(threads)


if __name__ == "__main__":
    main()
