using Microsoft.ML.NoisyLabels.Data.Nifti;
using Microsoft.ML.NoisyLabels.Simulation;
using Microsoft.ML.NoisyLabels.Volumes;

namespace Microsoft.ML.NoisyLabels.Samples.Experiments.Ms
{
    /// <summary>
    /// Draws synthetic MS subjects from the atlas: a random smooth deformation of the anatomy, a FLAIR-like channel
    /// derived from the T1, lesions with MS statistics rendered with partial volume, then a bias field, a contrast
    /// change and noise on each scan. Subject k of a seed is always the same subject.
    /// </summary>
    /// <remarks>
    /// <list type="bullet">
    /// <item>Deformation: displacements on a grid of control points 24 voxels apart, N(0, 4^2) voxels per component,
    /// interpolated by a cubic B-spline (about 1.5 voxels of displacement at a typical voxel); the T1 is resampled
    /// trilinearly, the masks by nearest neighbour.</item>
    /// <item>FLAIR: a piecewise-linear map of the T1 through the tissue means: background 0, CSF 0.15 g, grey matter
    /// g (its T1 mean), white matter 0.8 g.</item>
    /// <item>Lesions: a log-uniform count between the profile's bounds; log-normal volumes; 60% centred within 8 mm of
    /// the lateral ventricles (periventricular), the rest anywhere in white matter at least 1.5 mm deep; each an
    /// ellipsoid of random axes (log-normal, sd 0.3) and orientation with up to three smaller satellite ellipsoids on
    /// its surface; a one-voxel soft edge gives the lesion fraction, confined to white matter dilated by 2 mm and kept
    /// out of the ventricles. Lesions are drawn at 0.4 of the way from CSF to grey matter on T1 (hypointense) and at
    /// 1.35 g on FLAIR (hyperintense), each with its own +-10% level.</item>
    /// <item>Scans: a multiplicative bias exp(field), control points 64 voxels apart, sd 0.2; a contrast change
    /// I' = M (I / M)^gamma with log gamma ~ N(0, 0.1^2); Gaussian noise of 3% of the white-matter (T1) or grey-matter
    /// (FLAIR) level inside the brain.</item>
    /// </list>
    /// </remarks>
    internal sealed class MsSubjectGenerator
    {
        private const double DeformationSpacing = 24;
        private const double DeformationDeviation = 4;
        private const double BiasSpacing = 64;
        private const double BiasDeviation = 0.2;
        private const double NoiseFraction = 0.03;
        private const double PeriventricularShare = 0.6;
        private const double PeriventricularDistance = 8;
        private const double MinimumDepth = 1.5;
        private const double ConfinementDistance = 2;

        private readonly MsAtlas _atlas;
        private readonly int _seed;

        public MsSubjectGenerator(MsAtlas atlas, MsDataProfile profile, int seed)
        {
            _atlas = atlas;
            Profile = profile;
            _seed = seed;
            (Origin, Shape) = Box(atlas, profile);
            Header = profile.SlabSlices == 0
                ? atlas.T1Volume.Header
                : atlas.T1Volume.Crop(Origin.X, Origin.Y, Origin.Z, Shape.Width, Shape.Height, Shape.Depth).Header;
        }

        public MsDataProfile Profile { get; }

        /// <summary>The box's first voxel in the atlas.</summary>
        public (int Z, int Y, int X) Origin { get; }

        /// <summary>The box's shape, [D, H, W].</summary>
        public VolumeShape Shape { get; }

        /// <summary>The header of the box: the files of every subject are written on it.</summary>
        public NiftiHeader Header { get; }

        /// <summary>Draws subject <paramref name="index"/>.</summary>
        public MsSubject Generate(int index)
        {
            // HashCode.Combine is salted per process: the subject's seed must not be.
            var random = new Random(unchecked((int)SimulationRandom.Mix(((ulong)(uint)_seed << 32) | (uint)index)));
            int voxels = Shape.Voxels;
            var t1 = new float[voxels];
            var brain = new byte[voxels];
            var whiteMatter = new byte[voxels];
            var ventricles = new byte[voxels];
            Deform(random, t1, brain, whiteMatter, ventricles);

            var flair = new float[voxels];
            for (int i = 0; i < voxels; i++)
            {
                flair[i] = FlairOf(t1[i]);
            }

            var fraction = new float[voxels];
            var level = new float[voxels];
            int lesions = DrawLesions(random, brain, whiteMatter, ventricles, fraction, level);
            double t1Lesion = _atlas.CsfMean + (0.4 * (_atlas.GreyMean - _atlas.CsfMean));
            double flairLesion = 1.35 * _atlas.GreyMean;
            for (int i = 0; i < voxels; i++)
            {
                float f = fraction[i];
                if (f > 0)
                {
                    t1[i] = (float)(((1 - f) * t1[i]) + (f * t1Lesion * level[i]));
                    flair[i] = (float)(((1 - f) * flair[i]) + (f * flairLesion * level[i]));
                }
            }

            Finish(random, t1, brain, 1.2 * _atlas.WhiteMean, NoiseFraction * _atlas.WhiteMean);
            Finish(random, flair, brain, 1.5 * _atlas.GreyMean, NoiseFraction * _atlas.GreyMean);
            return new MsSubject(Shape, t1, flair, fraction, whiteMatter, lesions);
        }

        private static ((int Z, int Y, int X) Origin, VolumeShape Shape) Box(MsAtlas atlas, MsDataProfile profile)
        {
            var shape = atlas.Shape;
            if (profile.SlabSlices == 0)
            {
                return ((0, 0, 0), shape);
            }

            // The slab is centred on the ventricles' mean slice; x and y are cropped to the brain in it, plus a margin
            // for the deformation.
            long sum = 0, count = 0;
            for (int i = 0; i < atlas.Ventricles.Length; i++)
            {
                if (atlas.Ventricles[i] != 0)
                {
                    sum += i / shape.Slice;
                    count++;
                }
            }

            int centre = count == 0 ? shape.Depth / 2 : (int)(sum / count);
            int z0 = Math.Clamp(centre - (profile.SlabSlices / 2), 0, shape.Depth - profile.SlabSlices);
            int y0 = shape.Height, y1 = -1, x0 = shape.Width, x1 = -1;
            for (int z = z0; z < z0 + profile.SlabSlices; z++)
            {
                for (int y = 0; y < shape.Height; y++)
                {
                    for (int x = 0; x < shape.Width; x++)
                    {
                        if (atlas.Brain[atlas.Index(z, y, x)] != 0)
                        {
                            (y0, y1, x0, x1) = (Math.Min(y0, y), Math.Max(y1, y), Math.Min(x0, x), Math.Max(x1, x));
                        }
                    }
                }
            }

            const int margin = 4;
            y0 = Math.Max(0, y0 - margin);
            x0 = Math.Max(0, x0 - margin);
            y1 = Math.Min(shape.Height - 1, y1 + margin);
            x1 = Math.Min(shape.Width - 1, x1 + margin);
            return ((z0, y0, x0), new VolumeShape(profile.SlabSlices, y1 - y0 + 1, x1 - x0 + 1));
        }

        /// <summary>Resamples the atlas through a random smooth displacement field onto the box.</summary>
        private void Deform(Random random, float[] t1, byte[] brain, byte[] whiteMatter, byte[] ventricles)
        {
            var (d, h, w) = (Shape.Depth, Shape.Height, Shape.Width);
            var uz = SmoothField.Random(d, h, w, DeformationSpacing, DeformationDeviation, random);
            var uy = SmoothField.Random(d, h, w, DeformationSpacing, DeformationDeviation, random);
            var ux = SmoothField.Random(d, h, w, DeformationSpacing, DeformationDeviation, random);
            var atlas = _atlas.Shape;
            for (int z = 0; z < d; z++)
            {
                for (int y = 0; y < h; y++)
                {
                    for (int x = 0; x < w; x++)
                    {
                        int i = (((z * h) + y) * w) + x;
                        double sz = Origin.Z + z + uz[i], sy = Origin.Y + y + uy[i], sx = Origin.X + x + ux[i];
                        t1[i] = Trilinear(_atlas.T1, atlas, sz, sy, sx);
                        int nz = (int)Math.Round(sz), ny = (int)Math.Round(sy), nx = (int)Math.Round(sx);
                        if ((uint)nz < (uint)atlas.Depth && (uint)ny < (uint)atlas.Height && (uint)nx < (uint)atlas.Width)
                        {
                            int n = _atlas.Index(nz, ny, nx);
                            brain[i] = _atlas.Brain[n];
                            whiteMatter[i] = _atlas.WhiteMatter[n];
                            ventricles[i] = _atlas.Ventricles[n];
                        }
                    }
                }
            }

            // Trilinear weights blur the brain's edge into the background: keep the T1 to the resampled brain mask.
            for (int i = 0; i < t1.Length; i++)
            {
                t1[i] = brain[i] != 0 ? t1[i] : 0;
            }
        }

        private static float Trilinear(float[] volume, VolumeShape shape, double z, double y, double x)
        {
            int z0 = (int)Math.Floor(z), y0 = (int)Math.Floor(y), x0 = (int)Math.Floor(x);
            double fz = z - z0, fy = y - y0, fx = x - x0;
            double sum = 0;
            for (int c = 0; c < 8; c++)
            {
                int zz = z0 + (c >> 2), yy = y0 + ((c >> 1) & 1), xx = x0 + (c & 1);
                if ((uint)zz >= (uint)shape.Depth || (uint)yy >= (uint)shape.Height || (uint)xx >= (uint)shape.Width)
                {
                    continue;
                }

                double weight = ((c >> 2) == 1 ? fz : 1 - fz) * (((c >> 1) & 1) == 1 ? fy : 1 - fy) * ((c & 1) == 1 ? fx : 1 - fx);
                sum += weight * volume[(((zz * shape.Height) + yy) * shape.Width) + xx];
            }

            return (float)sum;
        }

        /// <summary>The FLAIR-like intensity of a T1 intensity: a piecewise-linear map through the tissue means.</summary>
        private float FlairOf(float t1)
        {
            double c = _atlas.CsfMean, g = _atlas.GreyMean, w = _atlas.WhiteMean;
            double value = t1 <= 0 ? 0
                : t1 <= c ? 0.15 * g * t1 / c
                : t1 <= g ? (0.15 * g) + ((0.85 * g) * (t1 - c) / (g - c))
                : t1 <= w ? g - (0.2 * g * (t1 - g) / (w - g))
                : 0.8 * g;
            return (float)value;
        }

        /// <summary>Draws the lesions into <paramref name="fraction"/> (max over lesions) and their levels.</summary>
        private int DrawLesions(Random random, byte[] brain, byte[] whiteMatter, byte[] ventricles, float[] fraction, float[] level)
        {
            var distance = new VolumeDistanceTransform(Shape);
            var squared = new float[Shape.Voxels];
            distance.Compute(ventricles, 1, squared);
            var nearVentricles = new List<int>();
            var deepWhiteMatter = new List<int>();
            var toVentricles = (float[])squared.Clone();
            distance.Compute(whiteMatter, 0, squared);
            for (int i = 0; i < squared.Length; i++)
            {
                if (whiteMatter[i] != 0 && squared[i] >= MinimumDepth * MinimumDepth)
                {
                    deepWhiteMatter.Add(i);
                    if (toVentricles[i] <= PeriventricularDistance * PeriventricularDistance)
                    {
                        nearVentricles.Add(i);
                    }
                }
            }

            if (deepWhiteMatter.Count == 0)
            {
                throw new InvalidOperationException("The subject's box holds no white matter to place lesions in.");
            }

            double logMin = Math.Log(Profile.MinLesions), logMax = Math.Log(Profile.MaxLesions + 1);
            int count = Math.Min(Profile.MaxLesions, (int)Math.Floor(Math.Exp(logMin + ((logMax - logMin) * random.NextDouble()))));
            for (int k = 0; k < count; k++)
            {
                double volume = Math.Clamp(
                    Profile.MedianLesionVoxels * Math.Exp(Profile.LesionVolumeSpread * SmoothField.Gaussian(random)), MsDataProfile.MinLesionVoxels, Profile.MaxLesionVoxels);
                var candidates = nearVentricles.Count > 0 && random.NextDouble() < PeriventricularShare ? nearVentricles : deepWhiteMatter;
                int centre = candidates[random.Next(candidates.Count)];
                float lesionLevel = (float)(1 + (0.1 * ((2 * random.NextDouble()) - 1)));
                new LesionShape(random, volume, centre / Shape.Slice, centre % Shape.Slice / Shape.Width, centre % Shape.Width)
                    .Render(Shape, fraction, level, lesionLevel);
            }

            // Lesions stay in and near the white matter and out of the ventricles and the background.
            distance.Compute(whiteMatter, 1, squared);
            for (int i = 0; i < fraction.Length; i++)
            {
                if (brain[i] == 0 || ventricles[i] != 0 || squared[i] > ConfinementDistance * ConfinementDistance)
                {
                    fraction[i] = 0;
                }
            }

            return count;
        }

        /// <summary>Bias field, contrast change and noise on one scan, inside the brain.</summary>
        private void Finish(Random random, float[] scan, byte[] brain, double reference, double noise)
        {
            var bias = SmoothField.Random(Shape.Depth, Shape.Height, Shape.Width, BiasSpacing, BiasDeviation, random);
            double gamma = Math.Exp(0.1 * SmoothField.Gaussian(random));
            for (int i = 0; i < scan.Length; i++)
            {
                if (brain[i] == 0)
                {
                    continue;
                }

                double value = Math.Max(0, scan[i] * Math.Exp(bias[i]));
                value = reference * Math.Pow(value / reference, gamma);
                scan[i] = (float)Math.Max(0, value + (noise * SmoothField.Gaussian(random)));
            }
        }
    }
}
