"""Reference loss trajectories from PyTorch for the peer-check tests (PeerTrajectoryTests.cs).

A small MLP (12 -> 16 -> relu -> 16 -> relu -> 4 logits, softmax cross-entropy) starts from fixed
weights and is trained for 50 steps on fixed batches, once with SGD (momentum 0.9) and once with Adam.
The weights, batches and the loss at every step are written to torch_trajectory.json; the C# test
rebuilds the same model with Dense layers, loads the same weights, replays the batches and compares
losses.

Regenerate (PyTorch 1.13 from Debian, see ../../../../shared/PEERS.md or benchmarks/README.md):
    /usr/bin/python3 tests/Layers.Tests/Peer/torch_trajectory.py
"""
import json
import os

import numpy as np
import torch

STEPS = 50
BATCH = 16
SIZES = [12, 16, 16, 4]


def initial_weights(rng):
    layers = []
    for fan_in, fan_out in zip(SIZES[:-1], SIZES[1:]):
        limit = np.sqrt(6.0 / (fan_in + fan_out))
        kernel = rng.uniform(-limit, limit, size=(fan_in, fan_out)).astype(np.float32)
        bias = rng.uniform(-0.1, 0.1, size=(fan_out,)).astype(np.float32)
        layers.append((kernel, bias))
    return layers


def batches(rng):
    # Labels come from a fixed random linear teacher, so there is something to learn and the loss falls.
    xs = rng.normal(size=(STEPS, BATCH, SIZES[0])).astype(np.float32)
    teacher = rng.normal(size=(SIZES[0], SIZES[-1]))
    ys = np.argmax(xs @ teacher, axis=-1).astype(np.int64)
    return xs, ys


def train(weights, xs, ys, make_optimizer):
    linears = []
    for kernel, bias in weights:
        linear = torch.nn.Linear(kernel.shape[0], kernel.shape[1])
        with torch.no_grad():
            linear.weight.copy_(torch.from_numpy(kernel.T.copy()))  # torch stores (out, in)
            linear.bias.copy_(torch.from_numpy(bias))
        linears.append(linear)
    model = torch.nn.Sequential(linears[0], torch.nn.ReLU(), linears[1], torch.nn.ReLU(), linears[2])
    optimizer = make_optimizer(model.parameters())
    loss_fn = torch.nn.CrossEntropyLoss()
    losses = []
    for x, y in zip(xs, ys):
        optimizer.zero_grad()
        loss = loss_fn(model(torch.from_numpy(x)), torch.from_numpy(y))
        loss.backward()
        optimizer.step()
        losses.append(float(loss))
    return losses


def main():
    torch.set_num_threads(1)
    rng = np.random.default_rng(20261121)
    weights = initial_weights(rng)
    xs, ys = batches(rng)
    sgd = train(weights, xs, ys, lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.9))
    adam = train(weights, xs, ys, lambda p: torch.optim.Adam(p, lr=0.01, betas=(0.9, 0.999), eps=1e-8))
    out = {
        "generator": f"torch {torch.__version__}, numpy {np.__version__}; tests/Layers.Tests/Peer/torch_trajectory.py",
        "sizes": SIZES,
        "weights": [[k.ravel().tolist(), b.tolist()] for k, b in weights],
        "x": xs.ravel().tolist(),
        "y": ys.ravel().tolist(),
        "steps": STEPS,
        "batch": BATCH,
        "sgd": {"learning_rate": 0.05, "momentum": 0.9, "losses": sgd},
        "adam": {"learning_rate": 0.01, "beta_1": 0.9, "beta_2": 0.999, "epsilon": 1e-8, "losses": adam},
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "torch_trajectory.json")
    with open(path, "w") as f:
        json.dump(out, f)
    print(f"wrote {path}: sgd {sgd[0]:.4f} -> {sgd[-1]:.4f}, adam {adam[0]:.4f} -> {adam[-1]:.4f}")


if __name__ == "__main__":
    main()
