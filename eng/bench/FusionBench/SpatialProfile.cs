using System.Diagnostics;
using Microsoft.ML.NoisyLabels.Fusion;

namespace FusionBench
{
    /// <summary>
    /// Spatial STAPLE's math alone on the large random volume: how many voxels are fixed by consensus, and the time of
    /// runs capped at 1, 2 and 5 iterations and of a full run (set-up and per-iteration cost).
    /// </summary>
    internal static class SpatialProfile
    {
        public static void Run()
        {
            var (w, h, d, r) = ApiBench.Cases[0];
            var bench = new ApiBench(w, h, d, r, seed: 100);
            var labels = new byte[r * bench.Voxels];
            for (int k = 0; k < r; k++) bench.Raters[k].CopyTo(labels, k * bench.Voxels);
            int agree = 0;
            for (int i = 0; i < bench.Voxels; i++) { int s = 0; for (int k = 0; k < r; k++) s += bench.Raters[k][i]; if (s == 0 || s == r) agree++; }
            Console.WriteLine($"spatial: voxels {bench.Voxels}, consensus {agree} ({100.0 * agree / bench.Voxels:F1}%)");
            var shape = new ImageShape(d, h, w);
            var buffers = new FusionBuffers(r, bench.Voxels, 2);
            foreach (int cap in new[] { 1, 1, 2, 5, 100 })
            {
                var sw = Stopwatch.StartNew();
                int it = buffers.Fuse(Method.SpatialStaple, labels, shape, new SpatialStapleSettings { MaximumIterations = cap });
                Console.WriteLine($"  cap {cap}: {it} iterations, {sw.Elapsed.TotalMilliseconds:F0} ms");
            }
        }
    }
}
