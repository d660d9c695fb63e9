using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.NoisyLabels.Fusion;

namespace FusionBench
{
    /// <summary>
    /// Fusion through the public API, as a new user runs it: an IDataView holding one volume (one Single column per
    /// annotator, loaded with <c>LoadFromEnumerable</c>), then <c>Fit</c>, <c>Transform</c> and reading the fused column,
    /// all timed; ITK's STAPLEImageFilter on the same volume in the same run. The volumes are random (seeded) and the
    /// tests never use them.
    /// </summary>
    internal sealed class ApiBench
    {
        /// <summary>The cases: the sizes and annotator counts of the report that asked for this benchmark.</summary>
        public static readonly (int Width, int Height, int Depth, int Raters)[] Cases =
        {
            (181, 217, 181, 5),
            (96, 80, 72, 6),
            (64, 64, 64, 5),
            (37, 53, 29, 3),
            (24, 24, 12, 5),
            (16, 16, 16, 4),
            (11, 10, 9, 3),
        };

        private readonly MLContext _ml = new MLContext(seed: 1);
        private readonly int _width, _height, _depth;
        private readonly string[] _names;
        private readonly IDataView _data;

        public ApiBench(int width, int height, int depth, int raters, int seed)
        {
            (_width, _height, _depth) = (width, height, depth);
            var truth = RandomVolume.Truth(depth, height, width, seed);
            Raters = RandomVolume.Annotators(truth, depth, height, width, raters, seed);
            _names = Enumerable.Range(0, raters).Select(r => "A" + r).ToArray();
            _data = Load(Raters);
        }

        public byte[][] Raters { get; }

        /// <summary>The volume as a user's data view (one row, one column per annotator).</summary>
        public IDataView Data => _data;

        /// <summary>The annotator column names.</summary>
        public string[] Names => _names;

        public int Voxels => _width * _height * _depth;

        /// <summary>Median milliseconds of Fit + Transform + reading the fused column.</summary>
        public double Milliseconds(Method method, int repeats)
            => Timing.Median(repeats, () => Timing.ReadColumn(Estimator(method).Fit(_data).Transform(_data), "Fused")) * 1000;

        /// <summary>Milliseconds of one Fit + Transform + reading the fused column, after a full collection.</summary>
        public double Once(Method method)
        {
            GC.Collect();
            var watch = Stopwatch.StartNew();
            Timing.ReadColumn(Estimator(method).Fit(_data).Transform(_data), "Fused");
            return watch.Elapsed.TotalMilliseconds;
        }

        /// <summary>The method's estimator with default options, output "Fused".</summary>
        public IEstimator<ITransformer> Estimator(Method method)
        {
            var transforms = _ml.NoisyLabels().Transforms;
            return method switch
            {
                Method.MajorityVote => transforms.MajorityVote("Fused", _names),
                Method.MeanLabel => transforms.MeanLabel("Fused", _names),
                Method.Staple => transforms.Staple("Fused", _names),
                _ => transforms.SpatialStaple("Fused", _names),
            };
        }

        /// <summary>Writes the annotators as raw bytes (x fastest), rater{k}.raw, for the ITK program.</summary>
        public void WriteRaw(string folder)
        {
            Directory.CreateDirectory(folder);
            for (int k = 0; k < Raters.Length; k++)
            {
                File.WriteAllBytes(Path.Combine(folder, $"rater{k}.raw"), Raters[k]);
            }
        }

        private IDataView Load(byte[][] raters)
            => AnnotatorRow.Load(_ml, new[] { AnnotatorRow.From(raters) }, raters.Length, _depth, _height, _width);
    }

    /// <summary>Random (seeded) volumes: a truth made of ellipsoids, and annotators derived from it.</summary>
    internal static class RandomVolume
    {
        public static byte[] Truth(int depth, int height, int width, int seed)
        {
            var random = new Random(seed);
            int count = random.Next(3, 9);
            var blobs = new (double Z, double Y, double X, double Rz, double Ry, double Rx)[count];
            for (int b = 0; b < count; b++)
            {
                blobs[b] = (
                    random.NextDouble() * depth, random.NextDouble() * height, random.NextDouble() * width,
                    Math.Max(1, depth * (0.1 + (0.25 * random.NextDouble()))),
                    Math.Max(1, height * (0.1 + (0.25 * random.NextDouble()))),
                    Math.Max(1, width * (0.1 + (0.25 * random.NextDouble()))));
            }

            var truth = new byte[depth * height * width];
            Parallel.For(0, depth, z =>
            {
                for (int y = 0; y < height; y++)
                {
                    for (int x = 0; x < width; x++)
                    {
                        foreach (var blob in blobs)
                        {
                            double dz = (z - blob.Z) / blob.Rz, dy = (y - blob.Y) / blob.Ry, dx = (x - blob.X) / blob.Rx;
                            if ((dz * dz) + (dy * dy) + (dx * dx) <= 1)
                            {
                                truth[(((z * height) + y) * width) + x] = 1;
                                break;
                            }
                        }
                    }
                }
            });

            return truth;
        }

        /// <summary>
        /// <paramref name="raters"/> annotators: the five of <see cref="Annotators.Simulate"/> in order (good, over,
        /// under, careless, wrong), then further careless ones with their own seeds.
        /// </summary>
        public static byte[][] Annotators(byte[] truth, int depth, int height, int width, int raters, int seed)
        {
            var five = FusionBench.Annotators.Simulate(truth, depth, height, width, seed);
            var result = new byte[raters][];
            for (int k = 0; k < raters; k++)
            {
                result[k] = k < five.Length ? five[k] : FusionBench.Annotators.Simulate(truth, depth, height, width, seed + k)[3];
            }

            return result;
        }
    }
}
