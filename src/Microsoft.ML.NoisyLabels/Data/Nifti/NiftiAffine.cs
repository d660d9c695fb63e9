namespace Microsoft.ML.NoisyLabels.Data.Nifti
{
    /// <summary>The voxel-to-world matrices of a NIfTI-1 header, computed as nifti1_io.c computes them.</summary>
    internal static class NiftiAffine
    {
        public static double[,] FromSpacing(IReadOnlyList<float> spacing)
        {
            var affine = new double[4, 4];
            for (int i = 0; i < 3; i++)
            {
                affine[i, i] = spacing[i];
            }

            affine[3, 3] = 1;
            return affine;
        }

        public static double[,] FromRows(IReadOnlyList<float> x, IReadOnlyList<float> y, IReadOnlyList<float> z)
        {
            var affine = new double[4, 4];
            var rows = new[] { x, y, z };
            for (int r = 0; r < 3; r++)
            {
                for (int c = 0; c < 4; c++)
                {
                    affine[r, c] = rows[r][c];
                }
            }

            affine[3, 3] = 1;
            return affine;
        }

        /// <summary>
        /// The qform: rotation from the unit quaternion (a, b, c, d), a = sqrt(1 - b² - c² - d²), columns scaled by
        /// the spacing with z multiplied by qfac (PixDim[0]; 0 is read as 1), translated by the offsets.
        /// </summary>
        public static double[,] FromQuaternion(NiftiHeader header)
        {
            double b = header.QuaternB, c = header.QuaternC, d = header.QuaternD;
            double a = 1.0 - ((b * b) + (c * c) + (d * d));
            if (a < 1e-7)
            {
                // nifti1_io.c: a quaternion of length >= 1 is renormalised and gives a 180-degree rotation (a = 0).
                a = 1.0 / Math.Sqrt((b * b) + (c * c) + (d * d));
                b *= a;
                c *= a;
                d *= a;
                a = 0;
            }
            else
            {
                a = Math.Sqrt(a);
            }

            double qfac = header.PixDim[0] < 0 ? -1 : 1;
            double dx = header.PixDim[1], dy = header.PixDim[2], dz = header.PixDim[3] * qfac;
            var rotation = new double[3, 3]
            {
                { (a * a) + (b * b) - (c * c) - (d * d), 2 * ((b * c) - (a * d)), 2 * ((b * d) + (a * c)) },
                { 2 * ((b * c) + (a * d)), (a * a) + (c * c) - (b * b) - (d * d), 2 * ((c * d) - (a * b)) },
                { 2 * ((b * d) - (a * c)), 2 * ((c * d) + (a * b)), (a * a) + (d * d) - (c * c) - (b * b) },
            };
            var affine = new double[4, 4];
            var scale = new[] { dx, dy, dz };
            for (int r = 0; r < 3; r++)
            {
                for (int col = 0; col < 3; col++)
                {
                    affine[r, col] = rotation[r, col] * scale[col];
                }
            }

            affine[0, 3] = header.QOffsetX;
            affine[1, 3] = header.QOffsetY;
            affine[2, 3] = header.QOffsetZ;
            affine[3, 3] = 1;
            return affine;
        }
    }
}
