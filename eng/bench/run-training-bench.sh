#!/usr/bin/env bash
# Training and inference throughput on the MNIST setting, TorchSharp (this package) beside PyTorch, in one run.
# Usage: eng/bench/run-training-bench.sh [threads...]      (default: 1 2)
# PyTorch: Debian's python3-torch (apt-get install python3-torch), run with /usr/bin/python3; PYTHON overrides.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
threads=("${@:-1}")
[ $# -eq 0 ] && threads=(1 2)
python=${PYTHON:-/usr/bin/python3}

dotnet build "$repo/eng/bench/TrainingBench" -c Release --nologo -v:quiet >/dev/null
bench="$repo/eng/bench/TrainingBench/bin/Release/net10.0/linux-x64/TrainingBench.dll"

echo "| threads | TorchSharp train img/s | PyTorch train img/s | ratio | TorchSharp+ML.NET inference img/s | PyTorch inference img/s |"
echo "|---|---|---|---|---|---|"
for t in "${threads[@]}"; do
  ours=$(dotnet "$bench" --threads "$t" | grep -o 'train_images_per_s=[0-9.]* infer_images_per_s=[0-9.]*')
  theirs=$("$python" "$repo/eng/bench/torch_reference.py" --threads "$t" | grep -o 'train_images_per_s=[0-9.]* infer_images_per_s=[0-9.]*')
  ot=$(sed 's/.*train_images_per_s=\([0-9.]*\).*/\1/' <<<"$ours"); oi=$(sed 's/.*infer_images_per_s=\([0-9.]*\).*/\1/' <<<"$ours")
  pt=$(sed 's/.*train_images_per_s=\([0-9.]*\).*/\1/' <<<"$theirs"); pi=$(sed 's/.*infer_images_per_s=\([0-9.]*\).*/\1/' <<<"$theirs")
  ratio=$(awk -v a="$ot" -v b="$pt" 'BEGIN { printf "%.2f", a / b }')
  echo "| $t | $ot | $pt | $ratio | $oi | $pi |"
done
