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
