using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.NoisyLabels.Training;
using Microsoft.ML.NoisyLabels.Volumes;

// Whole-volume segmentation speed and memory: a U-Net of the trainers' default size (width 24, depth 3), trained for
// one epoch on random patches (the weights do not change the cost), segments a random volume of 181 x 217 x 181 voxels
// (the MNI template's grid) through SegmentVolumes, as ML.NET scores it (Transform, every output read). Prints the
// seconds per volume and the process's peak resident memory (VmHWM) before and after scoring. VmHWM is a peak over
// the process's life: run one configuration per process (eng/bench/run-volume-bench.sh does).
// Usage: VolumeInferenceBench [--channels 1] [--patch 64] [--overlap 0.5] [--repeats 2] [--threads 1]
int channels = 1, patch = 64, repeats = 2, threads = 1;
double overlap = 0.5;
for (int i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--channels": channels = int.Parse(args[i + 1]); break;
        case "--patch": patch = int.Parse(args[i + 1]); break;
        case "--overlap": overlap = double.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture); break;
        case "--repeats": repeats = int.Parse(args[i + 1]); break;
        case "--threads": threads = int.Parse(args[i + 1]); break;
        default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
    }
}

const int Depth = 181, Height = 217, Width = 181;
var ml = new MLContext(seed: 1);
var random = new Random(1);

// The model: default network size, one short epoch on random patches.
var patchRows = Enumerable.Range(0, 8).Select(_ => new PatchRow
{
    Image = Enumerable.Range(0, channels * patch * patch).Select(_ => (float)random.NextDouble()).ToArray(),
    Label = Enumerable.Range(0, patch * patch).Select(_ => (float)random.Next(2)).ToArray(),
}).ToArray();
var patchSchema = SchemaDefinition.Create(typeof(PatchRow));
patchSchema[nameof(PatchRow.Image)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, channels, patch, patch);
patchSchema[nameof(PatchRow.Label)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, patch, patch);
using var model = ml.NoisyLabels().Trainers.Segmentation(new SegmentationTrainer.Options
{
    LabelColumnNames = new[] { nameof(PatchRow.Label) },
    Epochs = 1,
    BatchSize = 8,
    NumberOfThreads = threads,
    Seed = 1,
}).Fit(ml.Data.LoadFromEnumerable(patchRows, patchSchema));

var volume = new VolumeRow { Image = new float[channels * Depth * Height * Width] };
for (int i = 0; i < volume.Image.Length; i++)
{
    volume.Image[i] = (float)random.NextDouble();
}

var volumeSchema = SchemaDefinition.Create(typeof(VolumeRow));
volumeSchema[nameof(VolumeRow.Image)].ColumnType = channels == 1
    ? new VectorDataViewType(NumberDataViewType.Single, Depth, Height, Width)
    : new VectorDataViewType(NumberDataViewType.Single, channels, Depth, Height, Width);
var volumes = ml.Data.LoadFromEnumerable(new[] { volume }, volumeSchema);

using var segmenter = ml.NoisyLabels().Transforms.SegmentVolumes(model, overlap: overlap).Fit(volumes);
int windowsPerSlice = segmenter.WindowRowStarts.Count * segmenter.WindowColumnStarts.Count;
long peakBefore = PeakResidentKilobytes();
var seconds = new List<double>();
for (int r = 0; r < repeats; r++)
{
    var watch = Stopwatch.StartNew();
    var scored = segmenter.Transform(volumes);
    using var cursor = scored.GetRowCursor(scored.Schema.Where(c => c.Name is "Probabilities" or "PredictedLabel"));
    var probabilities = cursor.GetGetter<VBuffer<float>>(scored.Schema["Probabilities"]);
    var label = cursor.GetGetter<VBuffer<float>>(scored.Schema["PredictedLabel"]);
    VBuffer<float> p = default, l = default;
    while (cursor.MoveNext())
    {
        probabilities(ref p);
        label(ref l);
    }

    seconds.Add(watch.Elapsed.TotalSeconds);
}

long peakAfter = PeakResidentKilobytes();
Console.WriteLine(
    $"channels={channels} volume={Depth}x{Height}x{Width} patch={patch} overlap={overlap} windows_per_slice={windowsPerSlice} " +
    $"onnx_kb={segmenter.GetOnnxModel().Length / 1024} seconds_per_volume={string.Join(",", seconds.Select(s => s.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)))} " +
    $"vmhwm_before_mb={peakBefore / 1024} vmhwm_after_mb={peakAfter / 1024}");
return 0;

// The peak resident set size of this process, from /proc/self/status.
static long PeakResidentKilobytes()
{
    foreach (string line in File.ReadLines("/proc/self/status"))
    {
        if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
        {
            return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
        }
    }

    return -1;
}

internal sealed class PatchRow
{
    public float[] Image { get; set; } = Array.Empty<float>();

    public float[] Label { get; set; } = Array.Empty<float>();
}

internal sealed class VolumeRow
{
    public float[] Image { get; set; } = Array.Empty<float>();
}
