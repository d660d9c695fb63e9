using Microsoft.ML.NoisyLabels.Data.Nifti;
using Microsoft.ML.NoisyLabels.Fusion;

namespace FusionBench
{
    /// <summary>
    /// One 181 x 217 x 181 volume: the JHU white-matter atlas (labels &gt; 0) cropped to the Colin27 grid, with five
    /// simulated annotators. The fusion math is timed directly; each method uses the cores as it sees fit.
    /// </summary>
    internal sealed class VolumeBench
    {
        public const int Depth = 181;
        public const int Height = 217;
        public const int Width = 181;

        private readonly byte[] _labels;
        private readonly SpatialStapleSettings _spatial;

        public VolumeBench(string atlasPath, SpatialStapleSettings spatial)
        {
            // The atlas is 182 x 218 x 182: its first 181 x 217 x 181 voxels (x, y, z) make the Colin27 grid.
            var cropped = NiftiFile.Read(atlasPath).Crop(0, 0, 0, Width, Height, Depth).GetVoxels<byte>().ToArray();
            var truth = cropped.Select(v => (byte)(v > 0 ? 1 : 0)).ToArray();
            Foreground = truth.Count(v => v != 0);
            Raters = Annotators.Simulate(truth, Depth, Height, Width, seed: 2020);
            _labels = Raters.SelectMany(r => r).ToArray();
            _spatial = spatial;
            Buffers = new FusionBuffers(Annotators.Count, Shape.Pixels, 2);
        }

        public static ImageShape Shape => new ImageShape(Depth, Height, Width);

        public int Foreground { get; }

        public byte[][] Raters { get; }

        /// <summary>The outputs of the last method run.</summary>
        public FusionBuffers Buffers { get; }

        /// <summary>Writes the annotators as raw bytes (x fastest), rater{k}.raw, for the ITK program.</summary>
        public void WriteRaw(string folder)
        {
            Directory.CreateDirectory(folder);
            for (int k = 0; k < Raters.Length; k++)
            {
                File.WriteAllBytes(Path.Combine(folder, $"rater{k}.raw"), Raters[k]);
            }
        }

        /// <summary>Median seconds of one fusion of the volume; <paramref name="iterations"/> from the last run.</summary>
        public double Seconds(Method method, int repeats, out int iterations)
        {
            int last = 0;
            double seconds = Timing.Median(repeats, () => last = Buffers.Fuse(method, _labels, Shape, _spatial));
            iterations = last;
            return seconds;
        }
    }
}
