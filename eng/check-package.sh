#!/usr/bin/env bash
# Packs both packages and proves, with two new console applications outside the repository, that
#  - label fusion needs the core package alone: Microsoft.ML.NoisyLabels, no TorchSharp in the application's deps;
#  - training needs both packages plus a libtorch backend: Microsoft.ML.NoisyLabels.TorchSharp's buildTransitive target
#    makes libLibTorchSharp.so loadable on this host, and a tiny model trains and scores through ONNX Runtime.
# Usage: eng/check-package.sh            (exits 0 and prints "package check passed" on success)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
cache=${NUGET_PACKAGES:-$HOME/.nuget/packages}
trap 'rm -rf "$work" "$cache/microsoft.ml.noisylabels/$version" "$cache/microsoft.ml.noisylabels.torchsharp/$version"' EXIT
# A version of its own, so that a package cached by an earlier run is never used instead of this build.
version="0.0.0-check.$(date +%Y%m%d%H%M%S)"

for project in Microsoft.ML.NoisyLabels Microsoft.ML.NoisyLabels.TorchSharp; do
  dotnet pack "$repo/src/$project" -c Release -o "$work/feed" -p:Version="$version" --nologo -v:quiet
done

# app <name> <package references> <program>: a console application in $work/<name>, run on the MNIST test files.
app() {
  mkdir -p "$work/$1"
  cd "$work/$1"
  cat > nuget.config <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="local-check" value="$work/feed" />
  </packageSources>
</configuration>
XML
  cat > app.csproj <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <ImplicitUsings>enable</ImplicitUsings>
    <RuntimeIdentifier>linux-x64</RuntimeIdentifier>
    <SelfContained>false</SelfContained>
    <NoWarn>NU1603</NoWarn>
  </PropertyGroup>
  <ItemGroup>
$2
  </ItemGroup>
</Project>
XML
  printf '%s\n' "$3" > Program.cs
  dotnet run -c Release -- "$repo/data/mnist/t10k-images-idx3-ubyte.gz" "$repo/data/mnist/t10k-labels-idx1-ubyte.gz"
}

fusion=$(app fusion "    <PackageReference Include=\"Microsoft.ML.NoisyLabels\" Version=\"$version\" />" '
using Microsoft.ML;
using Microsoft.ML.Data;
var ml = new MLContext(seed: 1);
var mnist = ml.NoisyLabels().Data.LoadMnist(args[0], args[1], maxImages: 50);
var annotated = ml.NoisyLabels().Transforms.SimulateAnnotators().Fit(mnist).Transform(mnist);
string[] annotators = { "Good", "Over", "Under", "Wrong", "Blank" };
var fused = ml.NoisyLabels().Transforms.MajorityVote("Vote", annotators).Fit(annotated).Transform(annotated);
double dice = ml.NoisyLabels().Evaluation.EvaluateSegmentation(fused, "Mask", "Vote").Dice;
Console.WriteLine($"majority-vote dice={dice:F3}");')
echo "$fusion"
grep -q "majority-vote dice=0\.[5-9]" <<<"$fusion"
if grep -qi torchsharp "$work/fusion/bin/Release/net10.0/linux-x64/app.deps.json"; then
  echo "the fusion application depends on TorchSharp" >&2
  exit 1
fi

training=$(app training "    <PackageReference Include=\"Microsoft.ML.NoisyLabels.TorchSharp\" Version=\"$version\" />
    <PackageReference Include=\"libtorch-cpu-linux-x64\" Version=\"2.10.0\" />
    <PackageReference Include=\"Microsoft.ML.OnnxRuntime\" Version=\"1.31.1\" />" '
using Microsoft.ML;
using Microsoft.ML.NoisyLabels.Data;
using Microsoft.ML.NoisyLabels.Training;
var ml = new MLContext(seed: 1);
var mnist = ml.NoisyLabels().Data.LoadMnist(args[0], args[1], maxImages: 128);
var options = new SegmentationTrainer.Options { LabelColumnNames = new[] { MnistColumnNames.Mask }, Epochs = 2, NetworkWidth = 8, NetworkDepth = 2, Seed = 1 };
var model = ml.NoisyLabels().Trainers.Segmentation(options).Fit(mnist);
double dice = ml.NoisyLabels().Evaluation.EvaluateSegmentation(model.Transform(mnist), MnistColumnNames.Mask, "PredictedLabel").Dice;
Console.WriteLine($"trained dice={dice:F3}");')
echo "$training"
grep -q "trained dice=0\.[5-9]" <<<"$training"
echo "package check passed"
