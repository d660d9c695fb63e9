#!/usr/bin/env bash
# docs/ONEDNN.md's table: libtorch's conv2d (TorchSharp 0.107, libtorch 2.10) in single against double precision over
# 462 shapes, with oneDNN's default ISA, held to AVX2 and to SSE4.1, and off; then PyTorch's (Debian's python3-torch).
# Usage: eng/bench/run-conv-kernel-check.sh
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
dotnet build "$repo/eng/bench/ConvKernelCheck" -c Release --nologo -v:quiet >/dev/null
check="$repo/eng/bench/ConvKernelCheck/bin/Release/net10.0/linux-x64/ConvKernelCheck"
"$check" 2>/dev/null
ONEDNN_MAX_CPU_ISA=AVX2 "$check" 2>/dev/null
ONEDNN_MAX_CPU_ISA=SSE41 "$check" 2>/dev/null
"$check" --onednn-off 2>/dev/null
"${PYTHON:-/usr/bin/python3}" "$repo/eng/bench/conv_kernel_check.py"
