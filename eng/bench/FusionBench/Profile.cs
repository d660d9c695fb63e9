using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.NoisyLabels.Data;
using Microsoft.ML.NoisyLabels.Fusion;
namespace FusionBench
{
    internal static class Profile
    {
        public static void Run()
        {
            var ml = new MLContext(1);
            int w = 181, h = 217, d = 181, r = 5;
            var truth = RandomVolume.Truth(d, h, w, 100);
            var raters = RandomVolume.Annotators(truth, d, h, w, r, 100);
            var floats = raters.Select(a => a.Select(v => (float)v).ToArray()).ToArray();
            var cols = Enumerable.Range(0, r).Select(k => (InMemoryColumn)new InMemoryColumn<VBuffer<float>>("A" + k, new VectorDataViewType(NumberDataViewType.Single, d, h, w),
                (long row, ref VBuffer<float> v) => { v = new VBuffer<float>(floats[k].Length, floats[k]); })).ToArray();
            var view = new InMemoryDataView(1, cols);
            var names = Enumerable.Range(0, r).Select(k => "A" + k).ToArray();
            for (int rep = 0; rep < 4; rep++)
            {
                var sw = Stopwatch.StartNew();
                var model = ml.NoisyLabels().Transforms.Staple("Fused", names).Fit(view);
                double fit = sw.Elapsed.TotalMilliseconds;
                var output = model.Transform(view);
                var column = output.Schema["Fused"];
                using var cursor = output.GetRowCursor(new[] { column });
                var getter = cursor.GetGetter<VBuffer<float>>(column);
                VBuffer<float> fused = default;
                double open = sw.Elapsed.TotalMilliseconds;
                cursor.MoveNext(); getter(ref fused);
                double all = sw.Elapsed.TotalMilliseconds;
                // decode alone
                var labels = new byte[floats[0].Length];
                sw.Restart();
                for (int k = 0; k < r; k++) LabelValues.TryDecode(floats[k], 2, labels, () => "x");
                double decode = sw.Elapsed.TotalMilliseconds;
                // math alone
                var buffers = new FusionBuffers(r, truth.Length, 2);
                var all5 = raters.SelectMany(a => a).ToArray();
                sw.Restart();
                buffers.Fuse(Method.Staple, all5, new ImageShape(d, h, w), new SpatialStapleSettings());
                double math = sw.Elapsed.TotalMilliseconds;
                Console.WriteLine($"fit {fit:F1} open {open - fit:F1} row {all - open:F1} total {all:F1}; decode alone {decode:F1}; math alone (with posterior) {math:F1}");
            }
        }
    }
}
