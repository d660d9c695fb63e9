using Microsoft.ML.NoisyLabels.Simulation;

namespace Microsoft.ML.NoisyLabels.Volumes
{
    /// <summary>
    /// The exact squared Euclidean distance transform of a [D, H, W] volume (voxel units, isotropic), separable as in
    /// Felzenszwalb and Huttenlocher: a two-scan pass along W, then the lower envelope of parabolas along H and along D
    /// (<see cref="DistanceTransform.EnvelopeInPlace"/>, the 2D transform's own step). O(voxels) whatever the distance, so
    /// dilation and erosion by a ball of any radius cost the same. A 2D map ([1, H, W]) gets the 2D transform.
    /// Not thread-safe: one instance per thread.
    /// </summary>
    internal sealed class VolumeDistanceTransform
    {
        private readonly DistanceTransform _envelope;
        private readonly float[] _line;

        public VolumeDistanceTransform(VolumeShape shape)
        {
            Shape = shape;
            int longest = Math.Max(shape.Depth, Math.Max(shape.Height, shape.Width));
            _envelope = new DistanceTransform(longest);
            _line = new float[longest];
        }

        public VolumeShape Shape { get; }

        /// <summary>
        /// Writes the squared distance from every voxel to the nearest voxel of <paramref name="volume"/> equal to
        /// <paramref name="target"/> (0 on those voxels; <see cref="DistanceTransform.Infinity"/> when there is none).
        /// </summary>
        public void Compute(ReadOnlySpan<byte> volume, byte target, Span<float> squared)
        {
            int width = Shape.Width, height = Shape.Height, depth = Shape.Depth, slice = Shape.Slice;
            const float infinity = DistanceTransform.Infinity;
            for (int start = 0; start < volume.Length; start += width)
            {
                float run = infinity;
                for (int x = 0; x < width; x++)
                {
                    run = volume[start + x] == target ? 0 : run >= infinity ? infinity : run + 1;
                    squared[start + x] = run;
                }

                run = infinity;
                for (int x = width - 1; x >= 0; x--)
                {
                    run = volume[start + x] == target ? 0 : run >= infinity ? infinity : run + 1;
                    float best = Math.Min(run, squared[start + x]);
                    squared[start + x] = best >= infinity ? infinity : best * best;
                }
            }

            if (height > 1)
            {
                for (int z = 0; z < depth; z++)
                {
                    for (int x = 0; x < width; x++)
                    {
                        Pass(squared, (z * slice) + x, width, height);
                    }
                }
            }

            if (depth > 1)
            {
                for (int i = 0; i < slice; i++)
                {
                    Pass(squared, i, slice, depth);
                }
            }
        }

        /// <summary>The envelope along one line of <paramref name="count"/> voxels, <paramref name="stride"/> apart.</summary>
        private void Pass(Span<float> squared, int first, int stride, int count)
        {
            bool any = false;
            for (int k = 0, i = first; k < count; k++, i += stride)
            {
                float v = squared[i];
                _line[k] = v;
                any |= v < DistanceTransform.Infinity;
            }

            // A line without any finite value stays at infinity: the envelope would only copy it.
            if (!any)
            {
                return;
            }

            _envelope.EnvelopeInPlace(_line.AsSpan(0, count));
            for (int k = 0, i = first; k < count; k++, i += stride)
            {
                squared[i] = _line[k];
            }
        }
    }
}
