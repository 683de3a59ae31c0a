#!/usr/bin/env bash
# Runs every benchmark and its peer in one session, so the ratios in benchmarks/README.md compare figures
# measured side by side. Raw output goes to artifacts/benchmarks/. Run on a quiet machine (check `uptime`).
#   bash benchmarks/run.sh            # everything (about 25 minutes)
#   bash benchmarks/run.sh Mlp Gemm   # only the named groups
set -uo pipefail
cd "$(dirname "$0")/.."
out=artifacts/benchmarks
mkdir -p "$out"

if ! /usr/bin/python3 -c "import torch, numpy, threadpoolctl" 2>/dev/null; then
  echo "Installing the peers (PyTorch, numpy/OpenBLAS) from Debian's packages"
  apt-get update -qq && apt-get install -y -qq python3-torch python3-numpy libopenblas0-pthread python3-threadpoolctl
fi
# OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE may be set on this machine for old OpenBLAS builds and slow it down.
peer() { env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 "benchmarks/peers/$1" | tee "$out/$1.txt"; }
ours() { echo "-- Layers: $1"; dotnet run -c Release --no-build --project benchmarks/Layers.Benchmarks -- --filter "*.$1.*" \
           --exporters markdown --artifacts "$out/bdn" | grep -E '^\|' | tee "$out/$1.txt"; }

dotnet build -c Release benchmarks/Layers.Benchmarks -warnaserror >/dev/null || exit 1
groups=("$@")
[ ${#groups[@]} -eq 0 ] && groups=(Gemm Elementwise LayerCall Mlp Loss OptimizerStep Generator)
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$out/load.txt"
for group in "${groups[@]}"; do
  echo "== $group"
  case "$group" in
    Gemm)          peer sgemm_numpy.py; ours GemmBenchmarks; peer sgemm_numpy.py ;;
    Elementwise)   ours ElementwiseBenchmarks; peer elementwise.py ;;
    LayerCall)     ours LayerCallBenchmarks; peer module_call_torch.py ;;
    Mlp)           ours MlpBenchmarks; ours MlpBenchmarksBlockingGc; peer mlp_torch.py ;;
    Loss)          ours LossBenchmarks; peer cross_entropy_torch.py ;;
    OptimizerStep) ours OptimizerStepBenchmarks; peer optimizer_step_torch.py ;;
    Generator)     dotnet run -c Release --project benchmarks/Layers.Generators.Benchmarks -- --layers 500 --runs 15 --out benchmarks/results/generator.md ;;
    *)             echo "unknown group $group" ;;
  esac
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/load.txt"
