using Microsoft.ML.NoisyLabels.Data.Nifti;
using Microsoft.ML.NoisyLabels.Volumes;

namespace Microsoft.ML.NoisyLabels.Samples.Experiments.Ms
{
    /// <summary>
    /// The anatomy every synthetic MS subject is drawn from: the Colin27 T1 (skull-stripped, 1 mm) and the JHU
    /// white-matter atlas resampled onto its grid, with the masks the generator needs: tissue classes from the T1's
    /// intensities, white matter (the T1's brightest class, or any atlas tract) and the lateral ventricles.
    /// Volumes are [D, H, W] = [z, y, x] with x fastest, as in the files.
    /// </summary>
    internal sealed class MsAtlas
    {
        /// <summary>The T1 file in the data folder.</summary>
        public const string T1FileName = "ch2bet.nii.gz";

        /// <summary>The white-matter atlas file in the data folder.</summary>
        public const string WhiteMatterFileName = "JHU-WhiteMatter-labels-1mm.nii.gz";

        // The lateral ventricles lie in this box around the brain's centre (MNI mm): CSF elsewhere is sulci and cisterns.
        private static readonly (double Min, double Max)[] VentricleBoxMillimetres = { (-30, 30), (-50, 32), (-2, 34) };

        private MsAtlas(NiftiVolume t1Volume, float[] t1, byte[] whiteMatterLabels)
        {
            T1Volume = t1Volume;
            var shape = t1Volume.Header.Shape;
            Shape = new VolumeShape(shape[2], shape[1], shape[0]);
            T1 = t1;
            (CsfMean, GreyMean, WhiteMean) = TissueMeans(t1);
            Brain = new byte[t1.Length];
            WhiteMatter = new byte[t1.Length];
            double greyWhite = (GreyMean + WhiteMean) / 2;
            for (int i = 0; i < t1.Length; i++)
            {
                Brain[i] = t1[i] > 0 ? (byte)1 : (byte)0;
                WhiteMatter[i] = t1[i] > 0 && (t1[i] >= greyWhite || whiteMatterLabels[i] != 0) ? (byte)1 : (byte)0;
            }

            Ventricles = FindVentricles();
        }

        /// <summary>The T1 as read (its header is the reference of every file written).</summary>
        public NiftiVolume T1Volume { get; }

        /// <summary>The grid, [D, H, W].</summary>
        public VolumeShape Shape { get; }

        /// <summary>The T1 intensities; 0 outside the brain.</summary>
        public float[] T1 { get; }

        /// <summary>The brain: every voxel with a T1 intensity.</summary>
        public byte[] Brain { get; }

        /// <summary>White matter: T1 nearer the white-matter mean than the grey-matter mean, or an atlas tract.</summary>
        public byte[] WhiteMatter { get; }

        /// <summary>The lateral ventricles: the large CSF components in the box around the brain's centre.</summary>
        public byte[] Ventricles { get; }

        /// <summary>The mean T1 intensity of cerebrospinal fluid (three-class k-means over the brain).</summary>
        public double CsfMean { get; }

        /// <summary>The mean T1 intensity of grey matter.</summary>
        public double GreyMean { get; }

        /// <summary>The mean T1 intensity of white matter.</summary>
        public double WhiteMean { get; }

        /// <summary>Reads the two atlas files from <paramref name="folder"/> (the sample's data/mri).</summary>
        public static MsAtlas Load(string folder)
        {
            var t1 = NiftiFile.Read(Path.Combine(folder, T1FileName));
            var labels = NiftiFile.Read(Path.Combine(folder, WhiteMatterFileName));
            return new MsAtlas(t1, t1.ToSingleArray(), Resample(labels, t1.Header));
        }

        /// <summary>The folder of the atlas next to the running program (data/mri), where the project copies it.</summary>
        public static string DefaultFolder => Path.Combine(AppContext.BaseDirectory, "data", "mri");

        /// <summary>The voxel index of (z, y, x).</summary>
        public int Index(int z, int y, int x) => (((z * Shape.Height) + y) * Shape.Width) + x;

        /// <summary>
        /// The atlas labels on the T1's grid. Both files are 1 mm MNI grids that differ by a whole-voxel shift (the
        /// atlas has one more voxel on each axis); the shift comes from the two sforms.
        /// </summary>
        private static byte[] Resample(NiftiVolume labels, NiftiHeader target)
        {
            var from = target.GetAffine();
            var to = labels.Header.GetAffine();
            var offset = new int[3];
            for (int axis = 0; axis < 3; axis++)
            {
                if (Math.Abs(from[axis, axis] - 1) > 1e-6 || Math.Abs(to[axis, axis] - 1) > 1e-6)
                {
                    throw new InvalidDataException("The MS atlas files must be 1 mm grids without rotation.");
                }

                double shift = from[axis, 3] - to[axis, 3];
                offset[axis] = (int)Math.Round(shift);
                if (Math.Abs(shift - offset[axis]) > 1e-3)
                {
                    throw new InvalidDataException($"The MS atlas files' grids differ by {shift} mm on axis {axis}, not a whole voxel.");
                }
            }

            var source = labels.ToSingleArray();
            var sourceShape = labels.Header.Shape;
            var shape = target.Shape;
            var result = new byte[shape[0] * shape[1] * shape[2]];
            for (int z = 0; z < shape[2]; z++)
            {
                int sz = z + offset[2];
                for (int y = 0; y < shape[1]; y++)
                {
                    int sy = y + offset[1];
                    for (int x = 0; x < shape[0]; x++)
                    {
                        int sx = x + offset[0];
                        if ((uint)sx < (uint)sourceShape[0] && (uint)sy < (uint)sourceShape[1] && (uint)sz < (uint)sourceShape[2])
                        {
                            result[(((z * shape[1]) + y) * shape[0]) + x] = source[(((sz * sourceShape[1]) + sy) * sourceShape[0]) + sx] > 0 ? (byte)1 : (byte)0;
                        }
                    }
                }
            }

            return result;
        }

        /// <summary>Three-class k-means over the brain's intensities (CSF, grey, white), from fixed quantiles.</summary>
        private static (double Csf, double Grey, double White) TissueMeans(float[] t1)
        {
            var brain = t1.Where(v => v > 0).ToArray();
            Array.Sort(brain);
            var means = new[] { (double)brain[brain.Length / 20], brain[brain.Length / 2], brain[brain.Length * 19 / 20] };
            var sums = new double[3];
            var counts = new long[3];
            for (int iteration = 0; iteration < 50; iteration++)
            {
                Array.Clear(sums);
                Array.Clear(counts);
                foreach (float v in brain)
                {
                    int k = Math.Abs(v - means[0]) <= Math.Abs(v - means[1]) ? 0 : Math.Abs(v - means[1]) <= Math.Abs(v - means[2]) ? 1 : 2;
                    sums[k] += v;
                    counts[k]++;
                }

                for (int k = 0; k < 3; k++)
                {
                    means[k] = counts[k] > 0 ? sums[k] / counts[k] : means[k];
                }
            }

            return (means[0], means[1], means[2]);
        }

        private byte[] FindVentricles()
        {
            var affine = T1Volume.Header.GetAffine();
            double csfGrey = (CsfMean + GreyMean) / 2;
            var candidates = new byte[T1.Length];
            for (int z = 0; z < Shape.Depth; z++)
            {
                for (int y = 0; y < Shape.Height; y++)
                {
                    for (int x = 0; x < Shape.Width; x++)
                    {
                        double wx = affine[0, 3] + (affine[0, 0] * x), wy = affine[1, 3] + (affine[1, 1] * y), wz = affine[2, 3] + (affine[2, 2] * z);
                        int i = Index(z, y, x);
                        bool inBox = Inside(wx, VentricleBoxMillimetres[0]) && Inside(wy, VentricleBoxMillimetres[1]) && Inside(wz, VentricleBoxMillimetres[2]);
                        candidates[i] = inBox && T1[i] > 0 && T1[i] < csfGrey ? (byte)1 : (byte)0;
                    }
                }
            }

            // The ventricles are the large dark components; small ones are sulci and partial-volume voxels.
            var labels = new int[T1.Length];
            var components = new ConnectedComponents();
            int count = components.Label(candidates, Shape, VoxelConnectivity.Faces, labels);
            var keep = new bool[count + 1];
            for (int label = 1; label <= count; label++)
            {
                keep[label] = components.Size(label) >= 1000;
            }

            var ventricles = new byte[T1.Length];
            for (int i = 0; i < labels.Length; i++)
            {
                ventricles[i] = keep[labels[i]] ? (byte)1 : (byte)0;
            }

            return ventricles;
        }

        private static bool Inside(double value, (double Min, double Max) range) => value >= range.Min && value <= range.Max;
    }
}
