using Microsoft.ML.NoisyLabels.Volumes;

namespace Microsoft.ML.NoisyLabels.Samples.Experiments.Ms
{
    /// <summary>
    /// One irregular lesion: a main ellipsoid of random axes and orientation and up to three smaller satellite
    /// ellipsoids centred on its surface, with a one-voxel soft edge (partial volume). The total volume of the blobs
    /// is the drawn volume (overlaps make the lesion a little smaller).
    /// </summary>
    internal sealed class LesionShape
    {
        private const double AxisSpread = 0.3;
        private readonly List<Blob> _blobs = new();

        public LesionShape(Random random, double volume, int z, int y, int x)
        {
            int satellites = random.Next(4);
            var shares = new double[satellites];
            double rest = 1;
            for (int s = 0; s < satellites; s++)
            {
                shares[s] = 0.1 + (0.15 * random.NextDouble());
                rest -= shares[s];
            }

            var main = Blob.Random(random, rest * volume, z, y, x);
            _blobs.Add(main);
            foreach (double share in shares)
            {
                var (dz, dy, dx) = main.SurfacePoint(random, 0.8);
                _blobs.Add(Blob.Random(random, share * volume, z + dz, y + dy, x + dx));
            }
        }

        /// <summary>Raises <paramref name="fraction"/> to this lesion's wherever it is larger, and sets the level there.</summary>
        public void Render(VolumeShape shape, float[] fraction, float[] level, float lesionLevel)
        {
            foreach (var blob in _blobs)
            {
                blob.Render(shape, fraction, level, lesionLevel);
            }
        }

        /// <summary>An ellipsoid: centre, semi-axes and the rows of its rotation.</summary>
        private sealed class Blob
        {
            private readonly double _cz;
            private readonly double _cy;
            private readonly double _cx;
            private readonly double[] _axes;
            private readonly double[,] _rotation;
            private readonly double _radius;

            private Blob(double cz, double cy, double cx, double[] axes, double[,] rotation, double radius)
            {
                (_cz, _cy, _cx) = (cz, cy, cx);
                _axes = axes;
                _rotation = rotation;
                _radius = radius;
            }

            public static Blob Random(Random random, double volume, double z, double y, double x)
            {
                double radius = Math.Cbrt(3 * volume / (4 * Math.PI));
                var scales = new double[3];
                for (int a = 0; a < 3; a++)
                {
                    scales[a] = Math.Exp(AxisSpread * SmoothField.Gaussian(random));
                }

                // The axes keep the volume: their product is radius^3.
                double mean = Math.Cbrt(scales[0] * scales[1] * scales[2]);
                var axes = scales.Select(s => radius * s / mean).ToArray();
                return new Blob(z, y, x, axes, RandomRotation(random), radius);
            }

            /// <summary>A point at <paramref name="depth"/> of the way from the centre to the surface, in a random direction.</summary>
            public (double Z, double Y, double X) SurfacePoint(Random random, double depth)
            {
                var direction = new double[3];
                double norm;
                do
                {
                    for (int a = 0; a < 3; a++)
                    {
                        direction[a] = SmoothField.Gaussian(random);
                    }

                    norm = Math.Sqrt((direction[0] * direction[0]) + (direction[1] * direction[1]) + (direction[2] * direction[2]));
                }
                while (norm < 1e-9);

                // Body coordinates scaled by the axes, rotated back to the volume's axes (rows of R are the body axes).
                var body = new double[3];
                for (int a = 0; a < 3; a++)
                {
                    body[a] = depth * _axes[a] * direction[a] / norm;
                }

                double Component(int c) => (_rotation[0, c] * body[0]) + (_rotation[1, c] * body[1]) + (_rotation[2, c] * body[2]);
                return (Component(0), Component(1), Component(2));
            }

            public void Render(VolumeShape shape, float[] fraction, float[] level, float lesionLevel)
            {
                int reach = (int)Math.Ceiling(_axes.Max() + 1);
                int z0 = Math.Max(0, (int)Math.Floor(_cz) - reach), z1 = Math.Min(shape.Depth - 1, (int)Math.Ceiling(_cz) + reach);
                int y0 = Math.Max(0, (int)Math.Floor(_cy) - reach), y1 = Math.Min(shape.Height - 1, (int)Math.Ceiling(_cy) + reach);
                int x0 = Math.Max(0, (int)Math.Floor(_cx) - reach), x1 = Math.Min(shape.Width - 1, (int)Math.Ceiling(_cx) + reach);
                for (int z = z0; z <= z1; z++)
                {
                    for (int y = y0; y <= y1; y++)
                    {
                        for (int x = x0; x <= x1; x++)
                        {
                            double dz = z - _cz, dy = y - _cy, dx = x - _cx, rho = 0;
                            for (int a = 0; a < 3; a++)
                            {
                                double along = ((_rotation[a, 0] * dz) + (_rotation[a, 1] * dy) + (_rotation[a, 2] * dx)) / _axes[a];
                                rho += along * along;
                            }

                            // A signed distance to the surface, about right near it: rho = 1 on the surface.
                            double outside = (Math.Sqrt(rho) - 1) * _radius;
                            float f = (float)Math.Clamp(0.5 - outside, 0, 1);
                            int i = (((z * shape.Height) + y) * shape.Width) + x;
                            if (f > fraction[i])
                            {
                                fraction[i] = f;
                                level[i] = lesionLevel;
                            }
                        }
                    }
                }
            }

            /// <summary>A uniformly random rotation, from a normalised Gaussian quaternion.</summary>
            private static double[,] RandomRotation(Random random)
            {
                double a = SmoothField.Gaussian(random), b = SmoothField.Gaussian(random), c = SmoothField.Gaussian(random), d = SmoothField.Gaussian(random);
                double n = Math.Sqrt((a * a) + (b * b) + (c * c) + (d * d));
                (a, b, c, d) = (a / n, b / n, c / n, d / n);
                return new double[,]
                {
                    { (a * a) + (b * b) - (c * c) - (d * d), 2 * ((b * c) - (a * d)), 2 * ((b * d) + (a * c)) },
                    { 2 * ((b * c) + (a * d)), (a * a) - (b * b) + (c * c) - (d * d), 2 * ((c * d) - (a * b)) },
                    { 2 * ((b * d) - (a * c)), 2 * ((c * d) + (a * b)), (a * a) - (b * b) - (c * c) + (d * d) },
                };
            }
        }
    }
}
