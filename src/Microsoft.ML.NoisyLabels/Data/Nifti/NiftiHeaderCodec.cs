using System.Buffers.Binary;
using System.Text;

namespace Microsoft.ML.NoisyLabels.Data.Nifti
{
    /// <summary>
    /// The 348-byte NIfTI-1 header in either byte order: decoding (with the checks that tell a NIfTI-1 file from
    /// something else) and encoding. Field offsets are those of nifti1.h.
    /// </summary>
    internal static class NiftiHeaderCodec
    {
        /// <summary>The header's size, which is also its first field (<c>sizeof_hdr</c>).</summary>
        public const int HeaderSize = 348;

        /// <summary>Where the voxels start in files this package writes: the header plus the 4-byte extension flag.</summary>
        public const int WrittenVoxOffset = 352;

        /// <summary>
        /// The byte order of a header from its first four bytes (<c>sizeof_hdr</c> is 348 in the file's order), or null
        /// when they give no 348 in either order (not a NIfTI-1 file).
        /// </summary>
        public static bool? DetectBigEndian(ReadOnlySpan<byte> first4)
            => BinaryPrimitives.ReadInt32LittleEndian(first4) == HeaderSize ? false
                : BinaryPrimitives.ReadInt32BigEndian(first4) == HeaderSize ? true
                : null;

        /// <summary>Decodes and checks a header; <paramref name="path"/> names the file in errors.</summary>
        /// <exception cref="InvalidDataException">The bytes are not a single-file NIfTI-1 header of a supported type.</exception>
        public static NiftiHeader Decode(ReadOnlySpan<byte> bytes, string path)
        {
            bool bigEndian = DetectBigEndian(bytes) ?? throw NotNifti(bytes, path);
            var r = new FieldReader(bytes, bigEndian);
            string magic = Encoding.ASCII.GetString(bytes.Slice(344, 4));
            if (magic == "ni1\0")
            {
                throw new InvalidDataException(
                    $"'{path}' is the header of a NIfTI-1 .hdr/.img pair (magic \"ni1\"); only single files (.nii, .nii.gz, magic \"n+1\") are read.");
            }

            if (magic != "n+1\0")
            {
                throw new InvalidDataException(
                    $"'{path}' is not a NIfTI-1 file: its 348-byte header lacks the magic \"n+1\" at byte 344 (an ANALYZE 7.5 header?).");
            }

            var dim = new short[8];
            var pixDim = new float[8];
            for (int i = 0; i < 8; i++)
            {
                dim[i] = r.Int16(40 + (2 * i));
                pixDim[i] = r.Single(76 + (4 * i));
            }

            if (dim[0] is < 1 or > 7)
            {
                throw new InvalidDataException($"NIfTI file '{path}' has dim[0] = {dim[0]}: the number of dimensions must lie in 1..7.");
            }

            for (int i = 1; i <= dim[0]; i++)
            {
                if (dim[i] < 1)
                {
                    throw new InvalidDataException($"NIfTI file '{path}' has dim[{i}] = {dim[i]}: dimension sizes must be positive.");
                }
            }

            short dataType = r.Int16(70);
            if (!NiftiDataTypes.IsSupported(dataType))
            {
                throw new InvalidDataException(
                    $"NIfTI file '{path}' has datatype {dataType} ({NiftiDataTypes.Name(dataType)}), which is not supported: " +
                    "supported are uint8 (2), int16 (4), int32 (8), float32 (16), float64 (64) and uint16 (512).");
            }

            float voxOffset = r.Single(108);
            if (!(voxOffset >= HeaderSize) || voxOffset != MathF.Floor(voxOffset) || voxOffset > int.MaxValue)
            {
                throw new InvalidDataException($"NIfTI file '{path}' has vox_offset {voxOffset}: the voxels must start at a whole byte offset of at least {HeaderSize}.");
            }

            return new NiftiHeader
            {
                IsBigEndian = bigEndian,
                DimInfo = bytes[39],
                Dim = dim,
                IntentP1 = r.Single(56),
                IntentP2 = r.Single(60),
                IntentP3 = r.Single(64),
                IntentCode = r.Int16(68),
                DataType = (NiftiDataType)dataType,
                SliceStart = r.Int16(74),
                PixDim = pixDim,
                VoxOffset = voxOffset,
                SclSlope = r.Single(112),
                SclInter = r.Single(116),
                SliceEnd = r.Int16(120),
                SliceCode = bytes[122],
                XyztUnits = bytes[123],
                CalMax = r.Single(124),
                CalMin = r.Single(128),
                SliceDuration = r.Single(132),
                TOffset = r.Single(136),
                Description = Text(bytes.Slice(148, 80)),
                AuxFile = Text(bytes.Slice(228, 24)),
                QFormCode = (NiftiXFormCode)r.Int16(252),
                SFormCode = (NiftiXFormCode)r.Int16(254),
                QuaternB = r.Single(256),
                QuaternC = r.Single(260),
                QuaternD = r.Single(264),
                QOffsetX = r.Single(268),
                QOffsetY = r.Single(272),
                QOffsetZ = r.Single(276),
                SRowX = r.Singles(280, 4),
                SRowY = r.Singles(296, 4),
                SRowZ = r.Singles(312, 4),
                IntentName = Text(bytes.Slice(328, 16)),
            };
        }

        /// <summary>
        /// Encodes a header, in its own byte order, for voxels that start at <see cref="WrittenVoxOffset"/>, followed by
        /// the 4-byte extension flag (no extensions): <see cref="WrittenVoxOffset"/> bytes in all.
        /// </summary>
        /// <exception cref="ArgumentException">A text field is longer than its slot, or holds non-ASCII characters.</exception>
        public static byte[] Encode(NiftiHeader header)
        {
            var bytes = new byte[WrittenVoxOffset];
            var w = new FieldWriter(bytes, header.IsBigEndian);
            w.Int32(0, HeaderSize);
            bytes[38] = (byte)'r';   // "regular": ANALYZE readers expect it; nibabel writes it too.
            bytes[39] = header.DimInfo;
            for (int i = 0; i < 8; i++)
            {
                w.Int16(40 + (2 * i), header.Dim[i]);
                w.Single(76 + (4 * i), header.PixDim[i]);
            }

            w.Single(56, header.IntentP1);
            w.Single(60, header.IntentP2);
            w.Single(64, header.IntentP3);
            w.Int16(68, header.IntentCode);
            w.Int16(70, (short)header.DataType);
            w.Int16(72, (short)(8 * NiftiDataTypes.BytesPerVoxel(header.DataType)));
            w.Int16(74, header.SliceStart);
            w.Single(108, WrittenVoxOffset);
            w.Single(112, header.SclSlope);
            w.Single(116, header.SclInter);
            w.Int16(120, header.SliceEnd);
            bytes[122] = header.SliceCode;
            bytes[123] = header.XyztUnits;
            w.Single(124, header.CalMax);
            w.Single(128, header.CalMin);
            w.Single(132, header.SliceDuration);
            w.Single(136, header.TOffset);
            WriteText(bytes.AsSpan(148, 80), header.Description, nameof(NiftiHeader.Description));
            WriteText(bytes.AsSpan(228, 24), header.AuxFile, nameof(NiftiHeader.AuxFile));
            w.Int16(252, (short)header.QFormCode);
            w.Int16(254, (short)header.SFormCode);
            w.Single(256, header.QuaternB);
            w.Single(260, header.QuaternC);
            w.Single(264, header.QuaternD);
            w.Single(268, header.QOffsetX);
            w.Single(272, header.QOffsetY);
            w.Single(276, header.QOffsetZ);
            for (int i = 0; i < 4; i++)
            {
                w.Single(280 + (4 * i), header.SRowX[i]);
                w.Single(296 + (4 * i), header.SRowY[i]);
                w.Single(312 + (4 * i), header.SRowZ[i]);
            }

            WriteText(bytes.AsSpan(328, 16), header.IntentName, nameof(NiftiHeader.IntentName));
            "n+1\0"u8.CopyTo(bytes.AsSpan(344));
            return bytes;
        }

        private static InvalidDataException NotNifti(ReadOnlySpan<byte> bytes, string path)
        {
            int size = BinaryPrimitives.ReadInt32LittleEndian(bytes);
            string hint = size == 540 || BinaryPrimitives.ReadInt32BigEndian(bytes) == 540 ? " (540 is NIfTI-2, which is not supported)" : string.Empty;
            return new InvalidDataException(
                $"'{path}' is not a NIfTI-1 file: its first four bytes give a header size of {size}{hint}, expected 348 (in either byte order).");
        }

        // NIfTI text fields are NUL-terminated unless they fill their slot; Latin-1 keeps every byte as one character.
        private static string Text(ReadOnlySpan<byte> field)
        {
            int end = field.IndexOf((byte)0);
            return Encoding.Latin1.GetString(end < 0 ? field : field.Slice(0, end));
        }

        private static void WriteText(Span<byte> field, string text, string name)
        {
            if (text.Length > field.Length || text.Any(ch => ch > 0xFF || ch == '\0'))
            {
                throw new ArgumentException($"Header field {name} holds at most {field.Length} Latin-1 characters without NUL, got \"{text}\".", name);
            }

            Encoding.Latin1.GetBytes(text, field);
        }

        // Fields are read and written little-endian and byte-swapped for big-endian headers.
        private readonly ref struct FieldReader
        {
            private readonly ReadOnlySpan<byte> _bytes;
            private readonly bool _bigEndian;

            public FieldReader(ReadOnlySpan<byte> bytes, bool bigEndian)
            {
                _bytes = bytes;
                _bigEndian = bigEndian;
            }

            public short Int16(int offset)
            {
                short value = BinaryPrimitives.ReadInt16LittleEndian(_bytes.Slice(offset));
                return _bigEndian ? BinaryPrimitives.ReverseEndianness(value) : value;
            }

            public float Single(int offset)
            {
                int bits = BinaryPrimitives.ReadInt32LittleEndian(_bytes.Slice(offset));
                return BitConverter.Int32BitsToSingle(_bigEndian ? BinaryPrimitives.ReverseEndianness(bits) : bits);
            }

            public float[] Singles(int offset, int count)
            {
                var values = new float[count];
                for (int i = 0; i < count; i++)
                {
                    values[i] = Single(offset + (4 * i));
                }

                return values;
            }
        }

        private readonly ref struct FieldWriter
        {
            private readonly Span<byte> _bytes;
            private readonly bool _bigEndian;

            public FieldWriter(Span<byte> bytes, bool bigEndian)
            {
                _bytes = bytes;
                _bigEndian = bigEndian;
            }

            public void Int16(int offset, short value)
                => BinaryPrimitives.WriteInt16LittleEndian(_bytes.Slice(offset), _bigEndian ? BinaryPrimitives.ReverseEndianness(value) : value);

            public void Int32(int offset, int value)
                => BinaryPrimitives.WriteInt32LittleEndian(_bytes.Slice(offset), _bigEndian ? BinaryPrimitives.ReverseEndianness(value) : value);

            public void Single(int offset, float value) => Int32(offset, BitConverter.SingleToInt32Bits(value));
        }
    }
}
