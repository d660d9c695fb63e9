using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.NoisyLabels.Training;

// Training and inference throughput of AnnotatorConfusionTrainer on the MNIST setting (28x28 images, 5 annotators,
// U-Net width 24 and depth 3, batch 32), through the public API, for each thread count given. The architecture,
// loss and optimiser are those of eng/bench/torch_reference.py; run both with eng/bench/run-training-bench.sh.
// Usage: TrainingBench [--threads 1 2] [--images 1024] [--batch 32] [--width 24] [--depth 3] [--kernels Verified|OneDnn|Native]
var settings = Settings.Parse(args);
var ml = new MLContext(seed: 1);
// Whether training ran on oneDNN: the trainer's kernel check logs a warning when it turns oneDNN off.
bool oneDnnOff = settings.Kernels == CpuKernels.Native;
ml.Log += (_, e) => oneDnnOff |= e.Message.Contains("oneDNN is now turned off", StringComparison.Ordinal);
var data = RandomData(ml, settings.Images, annotators: 5);
foreach (int threads in settings.Threads)
{
    var options = new AnnotatorConfusionTrainer.Options
    {
        AnnotatorColumnNames = Enumerable.Range(0, 5).Select(r => "A" + r).ToArray(),
        Epochs = 2,
        WarmupEpochs = 0,
        BatchSize = settings.Batch,
        NetworkWidth = settings.Width,
        NetworkDepth = settings.Depth,
        NumberOfThreads = threads,
        Seed = 1,
        CpuKernels = settings.Kernels,
    };
    var model = ml.NoisyLabels().Trainers.AnnotatorConfusion(options).Fit(data);
    // The first epoch pays for one-off costs (allocator, JIT); the second is the steady state.
    double train = model.TrainingHistory[^1].ImagesPerSecond;

    TorchSharp.torch.set_num_threads(threads);
    var scored = model.Transform(data);
    var clock = Stopwatch.StartNew();
    long pixels = 0;
    using (var cursor = scored.GetRowCursor(new[] { scored.Schema[model.PredictedLabelColumnName!] }))
    {
        var getter = cursor.GetGetter<VBuffer<float>>(scored.Schema[model.PredictedLabelColumnName!]);
        VBuffer<float> value = default;
        while (cursor.MoveNext())
        {
            getter(ref value);
            pixels += value.Length;
        }
    }

    double infer = settings.Images / clock.Elapsed.TotalSeconds;
    Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
        "torchsharp 0.107.0 device=cpu threads={0} batch={1} kernels={5} onednn={6} train_images_per_s={2:F1} infer_images_per_s={3:F1} (inference through ML.NET ApplyOnnxModel, {4} pixels)",
        threads, settings.Batch, train, infer, pixels, settings.Kernels, oneDnnOff ? "off" : "on"));
}

static IDataView RandomData(MLContext ml, int count, int annotators)
{
    var random = new Random(1);
    var definition = SchemaDefinition.Create(typeof(BenchRow));
    definition[nameof(BenchRow.Image)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, 1, 28, 28);
    foreach (string name in new[] { nameof(BenchRow.A0), nameof(BenchRow.A1), nameof(BenchRow.A2), nameof(BenchRow.A3), nameof(BenchRow.A4) })
    {
        definition[name].ColumnType = new VectorDataViewType(NumberDataViewType.Single, 28, 28);
    }

    float[] Labels() => Enumerable.Range(0, 784).Select(_ => random.NextDouble() > 0.8 ? 1f : 0f).ToArray();
    var data = Enumerable.Range(0, count).Select(_ => new BenchRow
    {
        Image = Enumerable.Range(0, 784).Select(_ => (float)random.NextDouble()).ToArray(),
        A0 = Labels(), A1 = Labels(), A2 = Labels(), A3 = Labels(), A4 = Labels(),
    }).ToArray();
    return ml.Data.LoadFromEnumerable(data, definition);
}

internal sealed class BenchRow
{
    public float[] Image { get; set; } = Array.Empty<float>();
    public float[] A0 { get; set; } = Array.Empty<float>();
    public float[] A1 { get; set; } = Array.Empty<float>();
    public float[] A2 { get; set; } = Array.Empty<float>();
    public float[] A3 { get; set; } = Array.Empty<float>();
    public float[] A4 { get; set; } = Array.Empty<float>();
}

internal sealed record Settings(int[] Threads, int Images, int Batch, int Width, int Depth, CpuKernels Kernels)
{
    public static Settings Parse(string[] args)
    {
        var threads = new List<int>();
        int images = 1024, batch = 32, width = 24, depth = 3;
        var kernels = CpuKernels.Verified;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--threads":
                    while (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    {
                        threads.Add(int.Parse(args[++i], CultureInfo.InvariantCulture));
                    }

                    break;
                case "--images": images = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--batch": batch = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--width": width = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--depth": depth = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--kernels": kernels = Enum.Parse<CpuKernels>(args[++i], ignoreCase: true); break;
                default: throw new ArgumentException($"Unknown argument '{args[i]}'.");
            }
        }

        return new Settings(threads.Count == 0 ? new[] { 1, 2 } : threads.ToArray(), images, batch, width, depth, kernels);
    }
}
