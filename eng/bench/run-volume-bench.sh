#!/usr/bin/env bash
# Whole-volume segmentation (SegmentVolumes) time per volume and peak memory, on a 181 x 217 x 181 volume with 1 and
# 2 channels, for a U-Net of the trainers' default size; one process per configuration, since VmHWM is a lifetime peak.
# Usage: eng/bench/run-volume-bench.sh [extra VolumeInferenceBench options, e.g. --patch 96 --repeats 3]
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
dotnet build "$repo/eng/bench/VolumeInferenceBench" -c Release --nologo -v:quiet >/dev/null
bench="$repo/eng/bench/VolumeInferenceBench/bin/Release/net10.0/linux-x64/VolumeInferenceBench.dll"
for channels in 1 2; do
  dotnet "$bench" --channels "$channels" "$@"
done
