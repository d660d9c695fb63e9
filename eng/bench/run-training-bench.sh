#!/usr/bin/env bash
# Training and inference throughput on the MNIST setting, TorchSharp (this package) beside PyTorch, in one run.
# Usage: eng/bench/run-training-bench.sh [threads...]      (default: 1 2)
# For each thread count: the package with its default kernels (CpuKernels.Verified: oneDNN where it computes the
# network correctly, else PyTorch's own kernels), with oneDNN unchecked (CpuKernels.OneDnn: the figure of a machine
# where oneDNN is right; on one where it is wrong, a speed of wrong results), and PyTorch.
# PyTorch: Debian's python3-torch (apt-get install python3-torch), run with /usr/bin/python3; PYTHON overrides.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
threads=("${@:-1}")
[ $# -eq 0 ] && threads=(1 2)
python=${PYTHON:-/usr/bin/python3}

dotnet build "$repo/eng/bench/TrainingBench" -c Release --nologo -v:quiet >/dev/null
bench="$repo/eng/bench/TrainingBench/bin/Release/net10.0/linux-x64/TrainingBench.dll"
field() { sed -n "s/.*$1=\([0-9a-z.]*\).*/\1/p" <<<"$2"; }

echo "| threads | package train img/s (default kernels) | oneDNN on? | package train img/s (oneDNN unchecked) | PyTorch train img/s | default / PyTorch | package inference img/s (ML.NET + ONNX Runtime) | PyTorch inference img/s |"
echo "|---|---|---|---|---|---|---|---|"
for t in "${threads[@]}"; do
  ours=$(dotnet "$bench" --threads "$t" --kernels Verified 2>/dev/null | grep train_images_per_s)
  # On a machine where oneDNN is wrong, unchecked training can diverge and stop with an error: no figure then.
  unchecked=$(dotnet "$bench" --threads "$t" --kernels OneDnn 2>/dev/null | grep train_images_per_s || true)
  theirs=$("$python" "$repo/eng/bench/torch_reference.py" --threads "$t" | grep train_images_per_s)
  ot=$(field train_images_per_s "$ours"); oi=$(field infer_images_per_s "$ours"); on=$(field onednn "$ours")
  ut=$(field train_images_per_s "$unchecked"); ut=${ut:-"failed (training diverged)"}
  pt=$(field train_images_per_s "$theirs"); pi=$(field infer_images_per_s "$theirs")
  ratio=$(awk -v a="$ot" -v b="$pt" 'BEGIN { printf "%.2f", a / b }')
  echo "| $t | $ot | $on | $ut | $pt | $ratio | $oi | $pi |"
done
