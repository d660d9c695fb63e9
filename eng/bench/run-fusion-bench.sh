#!/usr/bin/env bash
# Builds FusionBench and the ITK STAPLE program, then runs the fusion benchmark:
#  1. through the public API (Fit + Transform + reading the fused column) on seeded random volumes of the sizes and
#     annotator counts in question, with ITK's STAPLEImageFilter on the same volumes side by side (ratios);
#  2. MNIST masks (28 x 28, 5 annotators): the math alone and through ML.NET;
#  3. the math alone on one 181 x 217 x 181 atlas volume beside ITK, with a cross-check of ITK's estimates against ours.
# Usage: eng/bench/run-fusion-bench.sh [FusionBench options: --repeats K, --images N, --skip-api, --skip-mnist, --skip-volume, --profile]
# Needs the .NET 10 SDK; the ITK column needs cmake, g++ and ITK (Debian: apt-get install -y libinsighttoolkit5-dev).
# Shared machines are noisy: both sides run in this one script, and the ratios are the figures to quote.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=artifacts/bench
mkdir -p "$out"

itk_args=()
if command -v cmake >/dev/null 2>&1 && cmake -S eng/bench/itk -B "$out/itk-build" -DCMAKE_BUILD_TYPE=Release >"$out/itk-configure.log" 2>&1; then
  cmake --build "$out/itk-build" -j"$(nproc)" >"$out/itk-build.log" 2>&1
  itk_args=(--itk "$out/itk-build/itk_staple")
else
  echo "ITK (or cmake) not found: see $out/itk-configure.log; running without the ITK column." >&2
fi

dotnet build eng/bench/FusionBench/FusionBench.csproj -c Release -nologo -v q >"$out/fusionbench-build.log" 2>&1 \
  || { cat "$out/fusionbench-build.log"; exit 1; }
exec dotnet eng/bench/FusionBench/bin/Release/net10.0/linux-x64/FusionBench.dll --work "$out/work" "${itk_args[@]}" "$@"
