using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.NoisyLabels.Fusion;

namespace FusionBench
{
    /// <summary>
    /// Where the time of a fusion through the public API goes, on one random volume: reading the user's annotator
    /// columns alone (what ML.NET's data view costs before any fusion), fitting alone, fitting + transforming + reading
    /// the fused column, and the math alone on the same labels. The gap between the API and the math is what the
    /// mapping machinery costs.
    /// </summary>
    internal static class ProfileBench
    {
        public static void Run(int repeats)
        {
            var (w, h, d, r) = ApiBench.Cases[0];
            var bench = new ApiBench(w, h, d, r, seed: 100);
            var ml = new MLContext(seed: 1);
            var shape = new ImageShape(d, h, w);
            var labels = new byte[r * bench.Voxels];
            for (int k = 0; k < r; k++)
            {
                bench.Raters[k].CopyTo(labels, k * bench.Voxels);
            }

            var buffers = new FusionBuffers(r, bench.Voxels, 2);
            Console.WriteLine($"Profile, {w}x{h}x{d}, {r} annotators ({bench.Voxels} voxels), median of {repeats} runs, ms:");
            KernelProfile.Run(bench, repeats);
            double read = Timing.Median(repeats, () => ReadSources(bench.Data, bench.Names)) * 1000;
            Console.WriteLine($"  reading the {r} annotator columns alone (the source data view): {read,8:F1}");
            foreach (var method in new[] { Method.MajorityVote, Method.MeanLabel, Method.Staple })
            {
                double fit = Timing.Median(repeats, () => bench.Estimator(method).Fit(bench.Data)) * 1000;
                double api = bench.Milliseconds(method, repeats);

                var model = bench.Estimator(method).Fit(bench.Data);
                long bytes = GC.GetTotalAllocatedBytes(true);
                int gen2 = GC.CollectionCount(2);
                double transform = Timing.Median(repeats, () => Timing.ReadColumn(model.Transform(bench.Data), "Fused")) * 1000;
                Console.WriteLine($"   transform+read of a fitted model {transform:F1} ms, allocated {(GC.GetTotalAllocatedBytes(true) - bytes) / (repeats + 1) / 1e6:F1} MB per run, gen2 {GC.CollectionCount(2) - gen2}");
                double math = Timing.Median(repeats, () => buffers.Fuse(method, labels, shape, new SpatialStapleSettings())) * 1000;
                Console.WriteLine($"  {method,-14} fit {fit,7:F1}   fit+transform+read {api,8:F1}   math alone (posterior and matrices too) {math,8:F1}   " +
                    $"api - read - math {api - read - math,8:F1}");
            }
        }

        private static void ReadSources(IDataView data, string[] names)
        {
            var columns = names.Select(n => data.Schema[n]).ToArray();
            using var cursor = data.GetRowCursor(columns);
            var getters = columns.Select(c => cursor.GetGetter<VBuffer<float>>(c)).ToArray();
            VBuffer<float> value = default;
            while (cursor.MoveNext())
            {
                foreach (var getter in getters)
                {
                    getter(ref value);
                }
            }
        }
    }
}
namespace FusionBench
{
    using System.Diagnostics;
    using Microsoft.ML.Data;
    using Microsoft.ML.NoisyLabels.Fusion;
    using Microsoft.ML.NoisyLabels.Persistence;

    /// <summary>The mappings' kernels alone on the large volume's float buffers (no ML.NET around them).</summary>
    internal static class KernelProfile
    {
        public static void Run(ApiBench bench, int repeats)
        {
            int raters = bench.Raters.Length;
            var floats = bench.Raters.Select(r => r.Select(v => (float)v).ToArray()).ToArray();
            var settings = new FusionMappingSettings { Names = bench.Names, Classes = 2, Pixels = bench.Voxels, Staple = new StapleSettings() };
            var text = settings.ToOptions().ToString();
            var input = new SlotMappingInput { Options = new VBuffer<ReadOnlyMemory<char>>(1, new[] { text.AsMemory() }) };
            var filler = new VBuffer<float>(1, new float[1]);
            var slots = new VBuffer<float>[8];
            for (int s = 0; s < 8; s++)
            {
                slots[s] = s < raters ? new VBuffer<float>(bench.Voxels, floats[s]) : filler;
            }

            (input.A0, input.A1, input.A2, input.A3, input.A4, input.A5, input.A6, input.A7) = (slots[0], slots[1], slots[2], slots[3], slots[4], slots[5], slots[6], slots[7]);
            var kernels = new (string Name, Action<SlotMappingInput, PackedMappingOutput> Map)[]
            {
                ("vote", MajorityVoteMappingFactory.Map), ("mean", MeanLabelMappingFactory.Map), ("STAPLE", StapleMappingFactory.Map),
            };
            var output = new PackedMappingOutput();
            var times = kernels.Select(_ => new List<double>()).ToArray();
            for (int round = -1; round < repeats; round++)
            {
                for (int k = 0; k < kernels.Length; k++)
                {
                    var watch = Stopwatch.StartNew();
                    kernels[k].Map(input, output);
                    if (round >= 0)
                    {
                        times[k].Add(watch.Elapsed.TotalMilliseconds);
                    }
                }
            }

            Console.WriteLine("  the mapping alone on the floats (output arrays reused), ms: " +
                string.Join(", ", kernels.Select((k, i) => $"{k.Name} {Timing.MedianOf(times[i]):F1}")));
        }
    }
}
