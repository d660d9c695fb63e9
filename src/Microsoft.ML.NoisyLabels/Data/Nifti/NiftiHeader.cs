namespace Microsoft.ML.NoisyLabels.Data.Nifti
{
    /// <summary>
    /// The header of a NIfTI-1 file: the 348 bytes that describe the voxel grid (<c>dim</c>, <c>pixdim</c>), the
    /// voxel type, the intensity scaling and the voxel-to-world transforms (qform and sform). Property names follow
    /// the fields of nifti1.h. Headers are immutable; derive a changed one with a <c>with</c> expression.
    /// </summary>
    /// <remarks>
    /// The fields the NIfTI-1 format keeps only for ANALYZE 7.5 compatibility (<c>data_type</c>, <c>db_name</c>,
    /// <c>extents</c>, <c>session_error</c>, <c>regular</c>, <c>glmax</c>, <c>glmin</c>) are not kept, nor are header
    /// extensions: files are written with none, and the voxels start at byte 352.
    /// </remarks>
    public sealed record NiftiHeader
    {
        private readonly IReadOnlyList<short> _dim = new short[8];
        private readonly IReadOnlyList<float> _pixDim = new float[8];
        private readonly IReadOnlyList<float> _sRowX = new float[4];
        private readonly IReadOnlyList<float> _sRowY = new float[4];
        private readonly IReadOnlyList<float> _sRowZ = new float[4];

        /// <summary>True when the file stores its numbers big-endian; files are written in the byte order of their header.</summary>
        public bool IsBigEndian { get; init; }

        /// <summary>
        /// The <c>dim</c> field, 8 values: <c>Dim[0]</c> is the number of dimensions (1..7), <c>Dim[1..Dim[0]]</c>
        /// their sizes (x, y, z, t, ...). See <see cref="Shape"/>.
        /// </summary>
        public IReadOnlyList<short> Dim
        {
            get => _dim;
            init => _dim = Copy(value, 8, nameof(Dim));
        }

        /// <summary>
        /// The <c>pixdim</c> field, 8 values: <c>PixDim[0]</c> is qfac (the sign of the z axis in the qform, -1 or 1),
        /// <c>PixDim[1..3]</c> the voxel spacing along x, y, z (in <see cref="XyztUnits"/>), <c>PixDim[4]</c> the time step.
        /// </summary>
        public IReadOnlyList<float> PixDim
        {
            get => _pixDim;
            init => _pixDim = Copy(value, 8, nameof(PixDim));
        }

        /// <summary>The voxel type (<c>datatype</c>); <c>bitpix</c> is derived from it when a file is written.</summary>
        public NiftiDataType DataType { get; init; } = NiftiDataType.Float32;

        /// <summary>The byte offset of the voxels in the file (<c>vox_offset</c>), as read; files are written with 352.</summary>
        public float VoxOffset { get; init; } = 352;

        /// <summary>
        /// The intensity scaling slope (<c>scl_slope</c>): stored values v mean <c>SclSlope * v + SclInter</c>; 0 (or a
        /// value that is not finite) means no scaling.
        /// </summary>
        public float SclSlope { get; init; }

        /// <summary>The intensity scaling offset (<c>scl_inter</c>); ignored when <see cref="SclSlope"/> means no scaling.</summary>
        public float SclInter { get; init; }

        /// <summary>The meaning of the qform (<c>qform_code</c>).</summary>
        public NiftiXFormCode QFormCode { get; init; }

        /// <summary>The meaning of the sform (<c>sform_code</c>).</summary>
        public NiftiXFormCode SFormCode { get; init; }

        /// <summary>The qform rotation quaternion's b parameter (<c>quatern_b</c>); a is computed from b, c, d.</summary>
        public float QuaternB { get; init; }

        /// <summary>The qform rotation quaternion's c parameter (<c>quatern_c</c>).</summary>
        public float QuaternC { get; init; }

        /// <summary>The qform rotation quaternion's d parameter (<c>quatern_d</c>).</summary>
        public float QuaternD { get; init; }

        /// <summary>The qform's x shift (<c>qoffset_x</c>): the world x of voxel (0, 0, 0).</summary>
        public float QOffsetX { get; init; }

        /// <summary>The qform's y shift (<c>qoffset_y</c>).</summary>
        public float QOffsetY { get; init; }

        /// <summary>The qform's z shift (<c>qoffset_z</c>).</summary>
        public float QOffsetZ { get; init; }

        /// <summary>The sform's first row (<c>srow_x</c>, 4 values): world x = SRowX · (i, j, k, 1).</summary>
        public IReadOnlyList<float> SRowX
        {
            get => _sRowX;
            init => _sRowX = Copy(value, 4, nameof(SRowX));
        }

        /// <summary>The sform's second row (<c>srow_y</c>, 4 values).</summary>
        public IReadOnlyList<float> SRowY
        {
            get => _sRowY;
            init => _sRowY = Copy(value, 4, nameof(SRowY));
        }

        /// <summary>The sform's third row (<c>srow_z</c>, 4 values).</summary>
        public IReadOnlyList<float> SRowZ
        {
            get => _sRowZ;
            init => _sRowZ = Copy(value, 4, nameof(SRowZ));
        }

        /// <summary>The units of space and time (<c>xyzt_units</c>): bits 0-2 space (2 = mm), bits 3-5 time.</summary>
        public byte XyztUnits { get; init; }

        /// <summary>Which axes are the frequency, phase and slice directions (<c>dim_info</c>).</summary>
        public byte DimInfo { get; init; }

        /// <summary>The statistical meaning of the values (<c>intent_code</c>; 0 for none).</summary>
        public short IntentCode { get; init; }

        /// <summary>The first intent parameter (<c>intent_p1</c>).</summary>
        public float IntentP1 { get; init; }

        /// <summary>The second intent parameter (<c>intent_p2</c>).</summary>
        public float IntentP2 { get; init; }

        /// <summary>The third intent parameter (<c>intent_p3</c>).</summary>
        public float IntentP3 { get; init; }

        /// <summary>The name of the intent (<c>intent_name</c>, up to 16 characters).</summary>
        public string IntentName { get; init; } = string.Empty;

        /// <summary>The first slice of the acquisition (<c>slice_start</c>).</summary>
        public short SliceStart { get; init; }

        /// <summary>The last slice of the acquisition (<c>slice_end</c>).</summary>
        public short SliceEnd { get; init; }

        /// <summary>The slice timing order (<c>slice_code</c>).</summary>
        public byte SliceCode { get; init; }

        /// <summary>The time to acquire one slice (<c>slice_duration</c>).</summary>
        public float SliceDuration { get; init; }

        /// <summary>The time axis shift (<c>toffset</c>).</summary>
        public float TOffset { get; init; }

        /// <summary>The top of the display range (<c>cal_max</c>; 0 with <see cref="CalMin"/> 0 for none).</summary>
        public float CalMax { get; init; }

        /// <summary>The bottom of the display range (<c>cal_min</c>).</summary>
        public float CalMin { get; init; }

        /// <summary>Free text (<c>descrip</c>, up to 80 characters).</summary>
        public string Description { get; init; } = string.Empty;

        /// <summary>An auxiliary file name, e.g. a colour table (<c>aux_file</c>, up to 24 characters).</summary>
        public string AuxFile { get; init; } = string.Empty;

        /// <summary>The number of dimensions, <c>Dim[0]</c>.</summary>
        public int Rank => Dim[0];

        /// <summary>The sizes of the dimensions, <c>Dim[1..Rank]</c> (x fastest in the file).</summary>
        public IReadOnlyList<int> Shape => Enumerable.Range(1, Math.Clamp(Rank, 0, 7)).Select(d => (int)Dim[d]).ToArray();

        /// <summary>The number of voxels: the product of <see cref="Shape"/>.</summary>
        public long VoxelCount
        {
            get
            {
                long count = 1;
                foreach (int size in Shape)
                {
                    count *= size;
                }

                return count;
            }
        }

        /// <summary>The voxel spacing along x, y and z, <c>PixDim[1..3]</c> (1 for axes beyond <see cref="Rank"/>).</summary>
        public IReadOnlyList<float> Spacing => Enumerable.Range(1, 3).Select(d => d <= Rank ? PixDim[d] : 1f).ToArray();

        /// <summary>
        /// True when the volume has more than three dimensions of size above 1 (several time points or components):
        /// dimensions of size 1 beyond the third, which some software writes, do not count.
        /// </summary>
        public bool IsBeyond3D => Shape.Skip(3).Any(size => size > 1);

        /// <summary>True when <see cref="SclSlope"/> and <see cref="SclInter"/> change the stored values.</summary>
        public bool HasScaling => SclSlope != 0 && float.IsFinite(SclSlope) && (SclSlope != 1 || SclInter != 0);

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
            if (shape.Count is < 1 or > 7 || shape.Any(s => s is < 1 or > short.MaxValue))
            {
                throw new ArgumentException($"A NIfTI-1 shape has 1 to 7 sizes in 1..{short.MaxValue}, got ({string.Join(", ", shape)}).", nameof(shape));
            }

            NiftiDataTypes.BytesPerVoxel(dataType);
            spacing ??= new[] { 1f, 1f, 1f };
            if (spacing.Count != 3 || spacing.Any(s => !(s > 0) || !float.IsFinite(s)))
            {
                throw new ArgumentException($"The spacing has 3 positive values (x, y, z), got ({string.Join(", ", spacing)}).", nameof(spacing));
            }

            var dim = new short[8];
            dim[0] = (short)shape.Count;
            var pixDim = new float[8];
            pixDim[0] = 1;
            for (int d = 1; d < 8; d++)
            {
                dim[d] = d <= shape.Count ? (short)shape[d - 1] : (short)1;
                pixDim[d] = d <= 3 ? spacing[d - 1] : d <= shape.Count ? 1 : 0;
            }

            return new NiftiHeader
            {
                Dim = dim,
                PixDim = pixDim,
                DataType = dataType,
                SclSlope = 1,
                QFormCode = NiftiXFormCode.ScannerAnatomical,
                SFormCode = NiftiXFormCode.ScannerAnatomical,
                SRowX = new[] { spacing[0], 0f, 0f, 0f },
                SRowY = new[] { 0f, spacing[1], 0f, 0f },
                SRowZ = new[] { 0f, 0f, spacing[2], 0f },
                XyztUnits = NiftiUnits.Millimetre,
            };
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
                if (shape.Count is < 1 or > 7 || shape.Any(s => s is < 1 or > short.MaxValue))
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

        /// <summary>
        /// True when every field of the two headers is equal (lists element by element; NaN equals NaN, as in
        /// <see cref="float.Equals(float)"/>).
        /// </summary>
        /// <param name="other">The other header.</param>
        public bool Equals(NiftiHeader? other)
            => other is not null
                && IsBigEndian == other.IsBigEndian && Dim.SequenceEqual(other.Dim) && PixDim.SequenceEqual(other.PixDim)
                && DataType == other.DataType && VoxOffset.Equals(other.VoxOffset)
                && SclSlope.Equals(other.SclSlope) && SclInter.Equals(other.SclInter)
                && QFormCode == other.QFormCode && SFormCode == other.SFormCode
                && QuaternB.Equals(other.QuaternB) && QuaternC.Equals(other.QuaternC) && QuaternD.Equals(other.QuaternD)
                && QOffsetX.Equals(other.QOffsetX) && QOffsetY.Equals(other.QOffsetY) && QOffsetZ.Equals(other.QOffsetZ)
                && SRowX.SequenceEqual(other.SRowX) && SRowY.SequenceEqual(other.SRowY) && SRowZ.SequenceEqual(other.SRowZ)
                && XyztUnits == other.XyztUnits && DimInfo == other.DimInfo
                && IntentCode == other.IntentCode && IntentP1.Equals(other.IntentP1) && IntentP2.Equals(other.IntentP2)
                && IntentP3.Equals(other.IntentP3) && IntentName == other.IntentName
                && SliceStart == other.SliceStart && SliceEnd == other.SliceEnd && SliceCode == other.SliceCode
                && SliceDuration.Equals(other.SliceDuration) && TOffset.Equals(other.TOffset)
                && CalMax.Equals(other.CalMax) && CalMin.Equals(other.CalMin)
                && Description == other.Description && AuxFile == other.AuxFile;

        /// <summary>A hash of the grid, type and transforms (consistent with <see cref="Equals(NiftiHeader?)"/>).</summary>
        public override int GetHashCode()
        {
            var hash = new HashCode();
            foreach (short d in Dim)
            {
                hash.Add(d);
            }

            hash.Add(DataType);
            hash.Add(QFormCode);
            hash.Add(SFormCode);
            return hash.ToHashCode();
        }

        /// <summary>A one-line summary: shape, type, spacing and transform codes.</summary>
        public override string ToString()
            => $"NIfTI-1 {string.Join(" x ", Shape)} {DataType}, spacing {string.Join(" x ", Spacing)}, qform {QFormCode}, sform {SFormCode}"
                + (IsBigEndian ? ", big-endian" : string.Empty);

        private static T[] Copy<T>(IReadOnlyList<T> value, int length, string name)
        {
            ArgumentNullException.ThrowIfNull(value, name);
            if (value.Count != length)
            {
                throw new ArgumentException($"{name} holds {length} values, got {value.Count}.", name);
            }

            return value.ToArray();
        }
    }

    /// <summary>Values of <see cref="NiftiHeader.XyztUnits"/>.</summary>
    public static class NiftiUnits
    {
        /// <summary>Space in millimetres, time unspecified (<c>NIFTI_UNITS_MM</c>).</summary>
        public const byte Millimetre = 2;
    }
}
