"""Reference optimizer trajectories from PyTorch for OptimizersTorchTests.cs.

Each case runs one optimizer for STEPS steps on a single 37-element parameter (an odd size, so the C# kernels'
vector body and scalar tail both run), in float32 and in float64. The gradient is a fixed function of the
current parameter, computed in float64 and then rounded to the parameter's dtype:

    g = a * (w - t) + 0.1 * w * w * w

with per-element a (curvature) and t (target) drawn once. The parameter after every step is recorded.

Only algorithms that coincide with Keras 3 are run, with the settings that make them coincide:
  - SGD (plain, momentum, Nesterov): identical for a constant learning rate (Keras keeps -lr * PyTorch's buffer).
  - RMSprop, Adagrad, Adam, AdamW: eps = 0. Keras adds epsilon inside the square root for RMSprop and Adagrad
    (sqrt(v + eps)) and before the bias correction for Adam (its eps acts like PyTorch's eps / sqrt(1 - beta_2^t));
    PyTorch adds it outside (sqrt(v) + eps). With eps = 0 the updates are the same.
  - Adagrad: initial_accumulator_value = 0.1 (Keras' default; PyTorch's default is 0).
  - AdamW: PyTorch decays before the Adam step, as Keras does.
  - Learning rates: Keras keeps the learning rate in a float32 variable, so even float64 weights are updated with
    float32(lr) (0.1 becomes 0.10000000149011612). PyTorch is given that same value (lr32 below).
The "keras" entry of each case gives the equivalent Keras 3 arguments.

Regenerate (PyTorch 1.13 from Debian's python3-torch):
    /usr/bin/python3 tests/Layers.Tests/Training/TestData/optimizers_torch.py
"""
import json
import os
import random
import struct

import torch

STEPS = 25
SIZE = 37


def lr32(value):
    """The float32 value Keras' learning-rate variable holds, as a Python float."""
    return struct.unpack("f", struct.pack("f", value))[0]


def cases():
    sgd = torch.optim.SGD
    return [
        ("sgd", lambda p: sgd(p, lr=lr32(0.1)), {"class": "SGD", "learning_rate": 0.1}),
        ("sgd_momentum", lambda p: sgd(p, lr=lr32(0.05), momentum=0.9),
         {"class": "SGD", "learning_rate": 0.05, "momentum": 0.9}),
        ("sgd_nesterov", lambda p: sgd(p, lr=lr32(0.05), momentum=0.9, nesterov=True),
         {"class": "SGD", "learning_rate": 0.05, "momentum": 0.9, "nesterov": True}),
        ("rmsprop", lambda p: torch.optim.RMSprop(p, lr=lr32(0.01), alpha=0.9, eps=0.0),
         {"class": "RMSprop", "learning_rate": 0.01, "rho": 0.9, "epsilon": 0.0}),
        ("rmsprop_momentum_centered",
         lambda p: torch.optim.RMSprop(p, lr=lr32(0.01), alpha=0.8, eps=0.0, momentum=0.5, centered=True),
         {"class": "RMSprop", "learning_rate": 0.01, "rho": 0.8, "epsilon": 0.0, "momentum": 0.5, "centered": True}),
        ("adagrad", lambda p: torch.optim.Adagrad(p, lr=lr32(0.1), initial_accumulator_value=0.1, eps=0.0),
         {"class": "Adagrad", "learning_rate": 0.1, "initial_accumulator_value": 0.1, "epsilon": 0.0}),
        ("adam", lambda p: torch.optim.Adam(p, lr=lr32(0.01), betas=(0.9, 0.999), eps=0.0),
         {"class": "Adam", "learning_rate": 0.01, "beta_1": 0.9, "beta_2": 0.999, "epsilon": 0.0}),
        ("adam_amsgrad", lambda p: torch.optim.Adam(p, lr=lr32(0.01), betas=(0.8, 0.9), eps=0.0, amsgrad=True),
         {"class": "Adam", "learning_rate": 0.01, "beta_1": 0.8, "beta_2": 0.9, "epsilon": 0.0, "amsgrad": True}),
        ("adamw", lambda p: torch.optim.AdamW(p, lr=lr32(0.01), betas=(0.9, 0.999), eps=0.0, weight_decay=0.05),
         {"class": "AdamW", "learning_rate": 0.01, "beta_1": 0.9, "beta_2": 0.999, "epsilon": 0.0, "weight_decay": 0.05}),
    ]


def gradient(w, a, t):
    w64 = w.detach().to(torch.float64)
    return (a * (w64 - t) + 0.1 * w64 * w64 * w64).to(w.dtype)


def run(make_optimizer, w0, a, t, dtype):
    w = torch.tensor(w0, dtype=dtype, requires_grad=True)
    optimizer = make_optimizer([w])
    trajectory = []
    for _ in range(STEPS):
        optimizer.zero_grad()
        w.grad = gradient(w, a, t)
        optimizer.step()
        trajectory.append([float(v) for v in w.detach().to(torch.float64).tolist()])
    return [float(v) for v in torch.tensor(w0, dtype=dtype).to(torch.float64).tolist()], trajectory


def main():
    rng = random.Random(20240601)
    w0 = [rng.uniform(-1.5, 1.5) for _ in range(SIZE)]
    a_list = [rng.uniform(0.5, 2.0) for _ in range(SIZE)]
    t_list = [rng.uniform(-1.0, 1.0) for _ in range(SIZE)]
    a = torch.tensor(a_list, dtype=torch.float64)
    t = torch.tensor(t_list, dtype=torch.float64)
    out = {"torch_version": torch.__version__, "steps": STEPS, "a": a_list, "t": t_list, "cases": []}
    for name, make, keras in cases():
        for dtype_name, dtype in (("float32", torch.float32), ("float64", torch.float64)):
            start, trajectory = run(make, w0, a, t, dtype)
            out["cases"].append({"name": name, "dtype": dtype_name, "keras": keras, "w0": start, "trajectory": trajectory})
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "optimizers_torch.json")
    # One case per line keeps the file small and its diffs readable.
    header = {k: v for k, v in out.items() if k != "cases"}
    with open(path, "w") as f:
        f.write(json.dumps(header)[:-1] + ', "cases": [\n')
        f.write(",\n".join(json.dumps(case) for case in out["cases"]))
        f.write("\n]}\n")
    print(f"wrote {path}: {len(out['cases'])} trajectories of {STEPS} steps")


if __name__ == "__main__":
    main()
