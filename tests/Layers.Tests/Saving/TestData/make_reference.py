#!/usr/bin/env python3
"""Writes the reference safetensors files the C# writer is compared with, byte for byte.

Independent of our C# code and of the `safetensors` package: it follows the format description
(https://github.com/huggingface/safetensors#format) with only `struct` and `json`, making the same
choices as the reference Rust writer where the format leaves room:
  - header = compact JSON (serde_json style: no spaces, non-ASCII written as UTF-8, only `"`, `\\`
    and control characters escaped), `__metadata__` first, then one entry per tensor with the
    fields in the order dtype, shape, data_offsets;
  - header padded with spaces to a multiple of 8 bytes;
  - tensors sorted by key (code point order) and their data laid out contiguously in that order
    (the Rust writer sorts by dtype first; for us key order is the contract).

Regenerate (from the repository root):
    python3 tests/Layers.Tests/Saving/TestData/make_reference.py
"""
import json
import os
import struct

# key -> (safetensors dtype, shape, struct format of one element, values in row-major order)
TENSORS = {
    "dense/kernel": ("F32", [2, 3], "f", [0.5, -1.25, 3.0, 0.1, -0.0, float("inf")]),
    "dense/bias": ("F32", [3], "f", [1.0, 2.0, -3.5]),
    "scalar_f64": ("F64", [], "d", [3.141592653589793]),
    "empty_i32": ("I32", [0, 3], "i", []),
    "steps": ("I64", [2], "q", [-9223372036854775808, 9223372036854775807]),
    "mask": ("BOOL", [2, 2], "?", [True, False, False, True]),
    "na\u00efve/\u043a\u043b\u044e\u0447": ("I32", [1], "i", [7]),
    'quote"back\\slash\ttab': ("F64", [1, 1, 1], "d", [-2.5]),
}
METADATA = {"format": "layers", "note": "h\u00e9llo\nworld"}


def safetensors_bytes(tensors, metadata):
    header = {}
    if metadata:
        header["__metadata__"] = dict(sorted(metadata.items()))
    data = b""
    for key in sorted(tensors):
        dtype, shape, fmt, values = tensors[key]
        chunk = struct.pack("<" + fmt * len(values), *values)
        header[key] = {"dtype": dtype, "shape": shape, "data_offsets": [len(data), len(data) + len(chunk)]}
        data += chunk
    text = json.dumps(header, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)
    return struct.pack("<Q", len(text)) + text + data


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    outputs = {
        "reference.safetensors": safetensors_bytes(TENSORS, METADATA),
        "empty.safetensors": safetensors_bytes({}, {}),
    }
    for name, content in outputs.items():
        with open(os.path.join(here, name), "wb") as f:
            f.write(content)
        print(f"{name}: {len(content)} bytes")


if __name__ == "__main__":
    main()
