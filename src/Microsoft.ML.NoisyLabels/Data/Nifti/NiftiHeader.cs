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
    public sealed partial record NiftiHeader
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
