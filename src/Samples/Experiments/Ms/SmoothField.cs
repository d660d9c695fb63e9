namespace Microsoft.ML.NoisyLabels.Samples.Experiments.Ms
{
    /// <summary>
    /// A smooth random field over a box of voxels: Gaussian values on a coarse grid of control points, interpolated
    /// by a cubic B-spline (C2-smooth; separable, so one field costs a few operations per voxel). The generator uses it
    /// for the deformation's displacements and for the bias fields.
    /// </summary>
    internal static class SmoothField
    {
        /// <summary>
        /// A field over <paramref name="depth"/> x <paramref name="height"/> x <paramref name="width"/> voxels (x fastest)
        /// with control points every <paramref name="spacing"/> voxels, each drawn from N(0, <paramref name="deviation"/>^2).
        /// </summary>
        public static float[] Random(int depth, int height, int width, double spacing, double deviation, Random random)
        {
            int cz = Controls(depth, spacing), cy = Controls(height, spacing), cx = Controls(width, spacing);
            var controls = new float[cz * cy * cx];
            for (int i = 0; i < controls.Length; i++)
            {
                controls[i] = (float)(deviation * Gaussian(random));
            }

            var (zIndex, zWeights) = Taps(depth, spacing);
            var (yIndex, yWeights) = Taps(height, spacing);
            var (xIndex, xWeights) = Taps(width, spacing);

            // Along x, then y, then z: each pass reads four control values per output value.
            var alongX = new float[cz * cy * width];
            for (int row = 0; row < cz * cy; row++)
            {
                for (int x = 0; x < width; x++)
                {
                    alongX[(row * width) + x] = Combine(controls, (row * cx) + xIndex[x], 1, xWeights, x);
                }
            }

            var alongY = new float[cz * height * width];
            for (int z = 0; z < cz; z++)
            {
                for (int y = 0; y < height; y++)
                {
                    for (int x = 0; x < width; x++)
                    {
                        alongY[(((z * height) + y) * width) + x] = Combine(alongX, (((z * cy) + yIndex[y]) * width) + x, width, yWeights, y);
                    }
                }
            }

            int slice = height * width;
            var field = new float[depth * slice];
            for (int z = 0; z < depth; z++)
            {
                for (int i = 0; i < slice; i++)
                {
                    field[(z * slice) + i] = Combine(alongY, (zIndex[z] * slice) + i, slice, zWeights, z);
                }
            }

            return field;
        }

        /// <summary>A standard normal draw (Box-Muller).</summary>
        public static double Gaussian(Random random)
            => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

        /// <summary>Control points covering n voxels: one before the first, two after the last cell.</summary>
        private static int Controls(int n, double spacing) => (int)Math.Floor((n - 1) / spacing) + 4;

        /// <summary>For every position, the first of its four control points and their cubic B-spline weights.</summary>
        private static (int[] First, float[] Weights) Taps(int n, double spacing)
        {
            var first = new int[n];
            var weights = new float[4 * n];
            for (int p = 0; p < n; p++)
            {
                double u = p / spacing;
                int cell = (int)Math.Floor(u);
                double t = u - cell;
                first[p] = cell;
                weights[4 * p] = (float)((1 - t) * (1 - t) * (1 - t) / 6);
                weights[(4 * p) + 1] = (float)(((3 * t * t * t) - (6 * t * t) + 4) / 6);
                weights[(4 * p) + 2] = (float)(((-3 * t * t * t) + (3 * t * t) + (3 * t) + 1) / 6);
                weights[(4 * p) + 3] = (float)(t * t * t / 6);
            }

            return (first, weights);
        }

        private static float Combine(float[] values, int start, int stride, float[] weights, int position)
        {
            int w = 4 * position;
            return (weights[w] * values[start]) + (weights[w + 1] * values[start + stride])
                + (weights[w + 2] * values[start + (2 * stride)]) + (weights[w + 3] * values[start + (3 * stride)]);
        }
    }
}
