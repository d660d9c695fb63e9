namespace Microsoft.ML.NoisyLabels.Data.Nifti
{
    // Building headers for new volumes, and the voxel-to-world transforms.
    public sealed partial record NiftiHeader
    {
        /// <summary>
        /// A header for a new volume: the given voxel type, shape (x, y, z, ...) and spacing, no scaling, and qform and
        /// sform both set to the scaled identity (voxel (i, j, k) at world (i·dx, j·dy, k·dz) mm, code
        /// <see cref="NiftiXFormCode.ScannerAnatomical"/>). Little-endian.
        /// </summary>
        /// <param name="dataType">The voxel type.</param>
        /// <param name="shape">The sizes, x first: 1 to 7 positive values of at most 32767.</param>
        /// <param name="spacing">The spacing along x, y, z in mm; null for 1 mm.</param>
        public static NiftiHeader Create(NiftiDataType dataType, IReadOnlyList<int> shape, IReadOnlyList<float>? spacing = null)
        {
            ArgumentNullException.ThrowIfNull(shape);
            spacing ??= new[] { 1f, 1f, 1f };
            if (spacing.Count != 3 || spacing.Any(s => !(s > 0) || !float.IsFinite(s)))
            {
                throw new ArgumentException($"The spacing has 3 positive values (x, y, z), got ({string.Join(", ", spacing)}).", nameof(spacing));
            }

            var grid = new NiftiHeader
            {
                PixDim = new[] { 1f, spacing[0], spacing[1], spacing[2], 0, 0, 0, 0 },
                QFormCode = NiftiXFormCode.ScannerAnatomical,
                SFormCode = NiftiXFormCode.ScannerAnatomical,
                SRowX = new[] { spacing[0], 0f, 0f, 0f },
                SRowY = new[] { 0f, spacing[1], 0f, 0f },
                SRowZ = new[] { 0f, 0f, spacing[2], 0f },
                XyztUnits = NiftiUnits.Millimetre,
            };
            return grid.ForVoxels(dataType, shape);
        }

        /// <summary>
        /// The voxel-to-world transform, a 4 x 4 matrix mapping (i, j, k, 1) to (x, y, z, 1): the sform when
        /// <see cref="SFormCode"/> is set, else the qform when <see cref="QFormCode"/> is set, else the spacing alone
        /// (the NIfTI-1 standard's method 1; nibabel centres that last case instead).
        /// </summary>
        public double[,] GetAffine()
            => SFormCode != NiftiXFormCode.Unknown ? GetSFormAffine()
                : QFormCode != NiftiXFormCode.Unknown ? GetQFormAffine()
                : NiftiAffine.FromSpacing(Spacing);

        /// <summary>The sform as a 4 x 4 matrix (rows <see cref="SRowX"/>, <see cref="SRowY"/>, <see cref="SRowZ"/>, then 0 0 0 1).</summary>
        public double[,] GetSFormAffine() => NiftiAffine.FromRows(SRowX, SRowY, SRowZ);

        /// <summary>The qform as a 4 x 4 matrix: the quaternion's rotation, scaled by the spacing (z by qfac), then shifted.</summary>
        public double[,] GetQFormAffine() => NiftiAffine.FromQuaternion(this);

        /// <summary>
        /// This header for a volume of another voxel type and, optionally, another shape (spacing, transforms and text
        /// are kept): no intensity scaling and no display range, since those described the old values.
        /// </summary>
        /// <param name="dataType">The new voxel type.</param>
        /// <param name="shape">The new sizes (x first), or null to keep them.</param>
        public NiftiHeader ForVoxels(NiftiDataType dataType, IReadOnlyList<int>? shape = null)
        {
            NiftiDataTypes.BytesPerVoxel(dataType);
            var dim = Dim.ToArray();
            var pixDim = PixDim.ToArray();
            if (shape is not null)
            {
                if (shape.Count is < 1 or > 7 || shape.Any(size => size is < 1 or > short.MaxValue))
                {
                    throw new ArgumentException($"A NIfTI-1 shape has 1 to 7 sizes in 1..{short.MaxValue}, got ({string.Join(", ", shape)}).", nameof(shape));
                }

                dim[0] = (short)shape.Count;
                for (int d = 1; d < 8; d++)
                {
                    dim[d] = d <= shape.Count ? (short)shape[d - 1] : (short)1;
                    if (d > 3 && d <= shape.Count && pixDim[d] == 0)
                    {
                        // A new dimension (classes of a posterior) needs a step; 1 is what nibabel writes for one.
                        pixDim[d] = 1;
                    }
                }
            }

            return this with { DataType = dataType, Dim = dim, PixDim = pixDim, SclSlope = 1, SclInter = 0, CalMin = 0, CalMax = 0, VoxOffset = 352 };
        }
    }
}
