#!/usr/bin/env bash
# Packs src/Microsoft.ML.NoisyLabels and proves that a new console application outside the repository can
# reference the package, load MNIST through it, and run TorchSharp (the package's buildTransitive target must make
# libLibTorchSharp.so loadable on this host).
# Usage: eng/check-package.sh            (exits 0 and prints "package check passed" on success)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"; rm -rf "${NUGET_PACKAGES:-$HOME/.nuget/packages}/microsoft.ml.noisylabels/$version"' EXIT
# A version of its own, so that a package cached by an earlier run is never used instead of this build.
version="0.0.0-check.$(date +%Y%m%d%H%M%S)"

dotnet pack "$repo/src/Microsoft.ML.NoisyLabels" -c Release -o "$work/feed" -p:Version="$version" --nologo -v:quiet

mkdir -p "$work/app"
cd "$work/app"
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
    <PackageReference Include="Microsoft.ML.NoisyLabels" Version="$version" />
    <PackageReference Include="libtorch-cpu-linux-x64" Version="2.10.0" />
  </ItemGroup>
</Project>
XML
cat > Program.cs <<'CS'
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.NoisyLabels.Data;
var ml = new MLContext(seed: 1);
var data = ml.NoisyLabels().Data.LoadMnist(args[0], args[1]);
var digits = data.GetColumn<int>(MnistColumnNames.Digit).Take(10);
Console.WriteLine($"rows={data.GetRowCount()} first={string.Join(" ", digits)}");
using var t = TorchSharp.torch.ones(2, 3);
Console.WriteLine($"torch sum={t.sum().item<float>()}");
CS
output=$(dotnet run -c Release -- "$repo/data/mnist/t10k-images-idx3-ubyte.gz" "$repo/data/mnist/t10k-labels-idx1-ubyte.gz")
echo "$output"
grep -q "rows=10000 first=7 2 1 0 4 1 4 9 5 9" <<<"$output"
grep -q "torch sum=6" <<<"$output"
echo "package check passed"
