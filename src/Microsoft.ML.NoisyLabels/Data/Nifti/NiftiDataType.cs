namespace Microsoft.ML.NoisyLabels.Data.Nifti
{
    /// <summary>
    /// The voxel types of NIfTI-1 (the header's <c>datatype</c> code) that the package reads and writes. Other codes
    /// (complex, RGB, 64-bit integers, ...) are rejected with an error that names the file and the type.
    /// </summary>
    public enum NiftiDataType : short
    {
        /// <summary>Unsigned 8-bit integers (<c>DT_UINT8</c>, code 2): the usual type of label masks.</summary>
        UInt8 = 2,

        /// <summary>Signed 16-bit integers (<c>DT_INT16</c>, code 4): the usual type of CT and many MRI scans.</summary>
        Int16 = 4,

        /// <summary>Signed 32-bit integers (<c>DT_INT32</c>, code 8).</summary>
        Int32 = 8,

        /// <summary>32-bit floating point (<c>DT_FLOAT32</c>, code 16): probabilities and processed intensities.</summary>
        Float32 = 16,

        /// <summary>64-bit floating point (<c>DT_FLOAT64</c>, code 64).</summary>
        Float64 = 64,

        /// <summary>Unsigned 16-bit integers (<c>DT_UINT16</c>, code 512).</summary>
        UInt16 = 512,
    }

    /// <summary>Sizes and names of the NIfTI-1 datatype codes, supported or not.</summary>
    internal static class NiftiDataTypes
    {
        /// <summary>True for the codes of <see cref="NiftiDataType"/>.</summary>
        public static bool IsSupported(short code)
            => code is (short)NiftiDataType.UInt8 or (short)NiftiDataType.Int16 or (short)NiftiDataType.Int32
                or (short)NiftiDataType.Float32 or (short)NiftiDataType.Float64 or (short)NiftiDataType.UInt16;

        /// <summary>Bytes per voxel of a supported type.</summary>
        public static int BytesPerVoxel(NiftiDataType type) => type switch
        {
            NiftiDataType.UInt8 => 1,
            NiftiDataType.Int16 or NiftiDataType.UInt16 => 2,
            NiftiDataType.Int32 or NiftiDataType.Float32 => 4,
            NiftiDataType.Float64 => 8,
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, $"NIfTI datatype code {(short)type} is not supported."),
        };

        /// <summary>The CLR type that holds one voxel of a supported type.</summary>
        public static Type ClrType(NiftiDataType type) => type switch
        {
            NiftiDataType.UInt8 => typeof(byte),
            NiftiDataType.Int16 => typeof(short),
            NiftiDataType.UInt16 => typeof(ushort),
            NiftiDataType.Int32 => typeof(int),
            NiftiDataType.Float32 => typeof(float),
            NiftiDataType.Float64 => typeof(double),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, $"NIfTI datatype code {(short)type} is not supported."),
        };

        /// <summary>The name nifti1.h gives a datatype code, for error messages.</summary>
        public static string Name(short code) => code switch
        {
            0 => "DT_UNKNOWN",
            1 => "DT_BINARY",
            2 => "DT_UINT8",
            4 => "DT_INT16",
            8 => "DT_INT32",
            16 => "DT_FLOAT32",
            32 => "DT_COMPLEX64",
            64 => "DT_FLOAT64",
            128 => "DT_RGB24",
            256 => "DT_INT8",
            512 => "DT_UINT16",
            768 => "DT_UINT32",
            1024 => "DT_INT64",
            1280 => "DT_UINT64",
            1536 => "DT_FLOAT128",
            1792 => "DT_COMPLEX128",
            2048 => "DT_COMPLEX256",
            2304 => "DT_RGBA32",
            _ => "an unknown code",
        };
    }
}
