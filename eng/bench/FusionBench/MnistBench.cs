using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.NoisyLabels.Data;
using Microsoft.ML.NoisyLabels.Fusion;

namespace FusionBench
{
    /// <summary>Throughput on MNIST masks (28 x 28) with five simulated annotators.</summary>
    internal sealed class MnistBench
    {
        private const int Side = 28;
        private const int Pixels = Side * Side;
        private readonly int _count;
        private readonly byte[] _labels;
        private readonly SpatialStapleSettings _spatial;

        public MnistBench(string dataFolder, int count, SpatialStapleSettings spatial)
        {
            var ml = new MLContext(seed: 1);
            var mnist = ml.NoisyLabels().Data.LoadMnist(
                Path.Combine(dataFolder, "mnist", "t10k-images-idx3-ubyte.gz"), Path.Combine(dataFolder, "mnist", "t10k-labels-idx1-ubyte.gz"), count);
            var masks = mnist.GetColumn<float[]>(MnistColumnNames.Mask).ToArray();
            _count = masks.Length;
            _labels = new byte[_count * Annotators.Count * Pixels];
            Parallel.For(0, _count, n =>
            {
                var truth = masks[n].Select(v => (byte)v).ToArray();
                var raters = Annotators.Simulate(truth, 1, Side, Side, seed: n);
                for (int r = 0; r < raters.Length; r++)
                {
                    raters[r].CopyTo(_labels, ((n * Annotators.Count) + r) * Pixels);
                }
            });
            _spatial = spatial;
        }

        public int Count => _count;

        /// <summary>Images per second of the math alone, Parallel.For over images on every core.</summary>
        public double MathThroughput(Method method, int repeats, out double meanIterations)
        {
            long iterations = 0;
            var shape = new ImageShape(1, Side, Side);
            double seconds = Timing.Median(repeats, () =>
            {
                iterations = 0;
                Parallel.For(
                    0,
                    _count,
                    () => (Buffers: new FusionBuffers(Annotators.Count, Pixels, 2), Iterations: 0L),
                    (n, _, local) =>
                    {
                        var labels = _labels.AsSpan(n * Annotators.Count * Pixels, Annotators.Count * Pixels);
                        local.Iterations += local.Buffers.Fuse(method, labels, shape, _spatial);
                        return local;
                    },
                    local => Interlocked.Add(ref iterations, local.Iterations));
            });
            meanIterations = (double)iterations / _count;
            return _count / seconds;
        }

        /// <summary>
        /// Images per second through the ML.NET pipeline (transform, read the fused column; the transformer is fitted
        /// once), on the rows as a user loads them (<c>LoadFromEnumerable</c>), split in as many parts as there are
        /// cores, each part read by its own cursor on its own thread.
        /// </summary>
        public double PipelineThroughput(Method method, int repeats)
        {
            var ml = new MLContext(seed: 1);
            var names = Enumerable.Range(0, Annotators.Count).Select(r => "A" + r).ToArray();
            var transforms = ml.NoisyLabels().Transforms;
            IEstimator<ITransformer> estimator = method switch
            {
                Method.MajorityVote => transforms.MajorityVote("Fused", names),
                Method.MeanLabel => transforms.MeanLabel("Fused", names),
                Method.Staple => transforms.Staple("Fused", names),
                _ => transforms.SpatialStaple(new SpatialStapleEstimator.Options
                {
                    AnnotatorColumnNames = names,
                    OutputColumnName = "Fused",
                    WindowRadius = _spatial.WindowRadius,
                }),
            };
            int parts = Environment.ProcessorCount;
            var views = Enumerable.Range(0, parts).Select(p => View(ml, p * _count / parts, (p + 1) * _count / parts)).ToArray();
            var model = estimator.Fit(views[0]);
            double seconds = Timing.Median(repeats, () => Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts }, p =>
                Timing.ReadColumn(model.Transform(views[p]), "Fused")));
            return _count / seconds;
        }

        /// <summary>Rows start..end-1 as a user loads them (<see cref="AnnotatorRow"/>).</summary>
        private IDataView View(MLContext ml, int start, int end)
        {
            var rows = new AnnotatorRow[end - start];
            for (int n = start; n < end; n++)
            {
                var raters = new byte[Annotators.Count][];
                for (int r = 0; r < raters.Length; r++)
                {
                    raters[r] = _labels.AsSpan(((n * Annotators.Count) + r) * Pixels, Pixels).ToArray();
                }

                rows[n - start] = AnnotatorRow.From(raters);
            }

            return AnnotatorRow.Load(ml, rows, Annotators.Count, Side, Side);
        }
    }
}
