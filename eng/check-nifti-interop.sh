#!/usr/bin/env bash
# Checks the package's NIfTI-1 reading and writing against nibabel, both ways: eng/nifti-interop/NiftiInterop writes
# volumes of every supported type in both byte orders (.nii and .nii.gz) plus copies, a crop, a mask and a posterior of
# data/mri/ch2bet.nii.gz, and nibabel opens them (voxels, dtype, byte order, qform, sform); nibabel writes volumes
# (big-endian, scaled, qform-only, with an extension) and the package reads them. Not run by CI.
# Needs the .NET 10 SDK and nibabel for the system Python (Debian: apt-get install -y python3-nibabel).
# Usage: eng/check-nifti-interop.sh [--bench]   (--bench also times reading and writing the 181 x 217 x 181 scan)
set -euo pipefail
cd "$(dirname "$0")/.."
out=artifacts/nifti-interop
rm -rf "$out"
mkdir -p "$out"
dotnet build eng/nifti-interop/NiftiInterop.csproj -c Release -nologo -v q >"$out/build.log" 2>&1 || { cat "$out/build.log"; exit 1; }
tool=(dotnet eng/nifti-interop/bin/Release/net10.0/NiftiInterop.dll)
/usr/bin/python3 eng/nifti-interop/check_interop.py "${tool[@]}" "$out" data/mri/ch2bet.nii.gz
if [[ "${1:-}" == "--bench" ]]; then
  "${tool[@]}" bench data/mri/ch2bet.nii.gz 9
fi
