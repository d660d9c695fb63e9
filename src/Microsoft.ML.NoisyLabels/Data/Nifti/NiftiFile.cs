using System.Buffers;
using System.IO.Compression;

namespace Microsoft.ML.NoisyLabels.Data.Nifti
{
    /// <summary>
    /// Reads and writes NIfTI-1 single files: <c>.nii</c>, and <c>.nii.gz</c> (gzip-compressed; detected from the
    /// file's first bytes when reading, from the <c>.gz</c> suffix when writing), in either byte order.
    /// </summary>
    /// <remarks>
    /// Supported voxel types: see <see cref="NiftiDataType"/>. Header extensions are skipped when reading and not
    /// written. Errors name the file: not NIfTI-1 (including NIfTI-2 and .hdr/.img pairs), truncated header or voxels,
    /// unsupported datatype, gzip data that cannot be decompressed.
    /// </remarks>
    public static class NiftiFile
    {
        /// <summary>Reads only a file's header (for a .nii.gz, only its first bytes are decompressed).</summary>
        /// <param name="path">The file.</param>
        /// <exception cref="FileNotFoundException">The file does not exist.</exception>
        /// <exception cref="InvalidDataException">The file is not a NIfTI-1 file of a supported type, or is truncated.</exception>
        public static NiftiHeader ReadHeader(string path)
        {
            using var stream = Open(path);
            return ReadHeader(stream, path);
        }

        /// <summary>Reads a file's header and voxels.</summary>
        /// <param name="path">The file.</param>
        /// <exception cref="FileNotFoundException">The file does not exist.</exception>
        /// <exception cref="InvalidDataException">The file is not a NIfTI-1 file of a supported type, or is truncated.</exception>
        public static NiftiVolume Read(string path)
        {
            using var stream = Open(path);
            var header = ReadHeader(stream, path);
            var data = new byte[VoxelBytes(header, path)];
            ReadVoxels(stream, header, data, path);
            return NiftiVolume.FromFileBytes(header, data);
        }

        /// <summary>
        /// Reads a file's voxels as scaled Single values into <paramref name="destination"/> through a pooled buffer,
        /// so that reading many files of one size allocates nothing (the volume loader reads each row's files so).
        /// </summary>
        /// <param name="path">The file.</param>
        /// <param name="check">Checks the header before the voxels are read (throws to reject it).</param>
        /// <param name="destination">As long as the file has voxels.</param>
        internal static void ReadScaled(string path, Action<NiftiHeader> check, Span<float> destination)
        {
            using var stream = Open(path);
            var header = ReadHeader(stream, path);
            check(header);
            if (destination.Length != header.VoxelCount)
            {
                throw new ArgumentException($"NIfTI file '{path}' has {header.VoxelCount} voxels; the destination holds {destination.Length}.", nameof(destination));
            }

            using var data = new PooledBytes(VoxelBytes(header, path));
            ReadVoxels(stream, header, data.Span, path);
            if (header.IsBigEndian == BitConverter.IsLittleEndian)
            {
                NiftiVoxels.ReverseByteOrder(data.Span, header.DataType);
            }

            NiftiVoxels.ToSingle(data.Span, header.DataType, destination, header.HasScaling, header.SclSlope, header.SclInter);
        }

        /// <summary>
        /// Writes a volume: gzip-compressed when <paramref name="path"/> ends in <c>.gz</c>, in the byte order of its
        /// header, with the voxels at byte 352. The folder must exist; an existing file is replaced.
        /// </summary>
        /// <param name="path">The file to write, e.g. <c>mask.nii.gz</c>.</param>
        /// <param name="volume">The volume.</param>
        /// <param name="compressionLevel">The gzip level for <c>.gz</c> files. <see cref="CompressionLevel.Fastest"/>
        /// (measured on a 181 x 217 x 181 uint8 scan and a mask of it, docs/NIFTI.md) writes about twice as fast as
        /// <see cref="CompressionLevel.Optimal"/> for the scan and four to eight times as fast for the mask, for files
        /// 30% (scan) and 2.6 times (mask) larger.</param>
        public static void Write(string path, NiftiVolume volume, CompressionLevel compressionLevel = CompressionLevel.Fastest)
        {
            ArgumentNullException.ThrowIfNull(path);
            ArgumentNullException.ThrowIfNull(volume);
            var header = volume.Header;
            if (header.IsBigEndian != BitConverter.IsLittleEndian)
            {
                WriteFile(path, header, volume.VoxelBytes, compressionLevel);
                return;
            }

            // The file's byte order is not this machine's: swap a copy, the volume stays as it is.
            using var swapped = new PooledBytes(volume.VoxelBytes.Length);
            volume.VoxelBytes.CopyTo(swapped.Span);
            NiftiVoxels.ReverseByteOrder(swapped.Span, header.DataType);
            WriteFile(path, header, swapped.Span, compressionLevel);
        }

        /// <summary>
        /// Writes Single values stored as <paramref name="dataType"/> on the grid of <paramref name="reference"/> (as
        /// <see cref="NiftiVolume.FromSingle"/> would build them) through a pooled buffer: writing many files of one
        /// size allocates no voxel arrays (the volume writer saves each row so).
        /// </summary>
        internal static void WriteSingle(string path, NiftiHeader reference, ReadOnlySpan<float> values, NiftiDataType dataType)
        {
            var header = NiftiVolume.HeaderFor(reference, values.Length, dataType);
            using var data = new PooledBytes(checked(values.Length * NiftiDataTypes.BytesPerVoxel(dataType)));
            NiftiVoxels.FromSingle(values, dataType, data.Span);
            if (header.IsBigEndian == BitConverter.IsLittleEndian)
            {
                NiftiVoxels.ReverseByteOrder(data.Span, header.DataType);
            }

            WriteFile(path, header, data.Span, CompressionLevel.Fastest);
        }

        /// <summary>Writes the header and voxels already in the file's byte order.</summary>
        private static void WriteFile(string path, NiftiHeader header, ReadOnlySpan<byte> fileOrderVoxels, CompressionLevel compressionLevel)
        {
            byte[] headerBytes = NiftiHeaderCodec.Encode(header);
            using var file = File.Create(path);
            using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
                ? new GZipStream(file, compressionLevel)
                : file;
            stream.Write(headerBytes);
            stream.Write(fileOrderVoxels);
        }

        private static int VoxelBytes(NiftiHeader header, string path)
        {
            long length = header.VoxelCount * NiftiDataTypes.BytesPerVoxel(header.DataType);
            return length <= Array.MaxLength
                ? (int)length
                : throw new InvalidDataException($"NIfTI file '{path}' holds {header.VoxelCount} voxels ({length} bytes), more than one array can hold.");
        }

        /// <summary>Reads the voxels that follow the header (after any extensions, up to vox_offset), in the file's byte order.</summary>
        private static void ReadVoxels(Stream stream, NiftiHeader header, Span<byte> data, string path)
        {
            long skip = (long)header.VoxOffset - NiftiHeaderCodec.HeaderSize;
            long skipped = Fill(stream, new byte[skip], path);
            long got = skipped < skip ? 0 : Fill(stream, data, path);
            if (skipped < skip || got < data.Length)
            {
                throw new InvalidDataException(
                    $"NIfTI file '{path}' is truncated: its header announces {string.Join(" x ", header.Shape)} {header.DataType} voxels " +
                    $"({data.Length} bytes from byte {header.VoxOffset}), but the file{(stream is GZipStream ? " decompresses to" : " has")} " +
                    $"only {NiftiHeaderCodec.HeaderSize + skipped + got} bytes.");
            }
        }

        private static Stream Open(string path)
        {
            ArgumentNullException.ThrowIfNull(path);
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"NIfTI file '{path}' does not exist.", path);
            }

            var file = File.OpenRead(path);
            Span<byte> magic = stackalloc byte[2];
            int read = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
            file.Position = 0;
            return read == 2 && magic[0] == 0x1f && magic[1] == 0x8b ? new GZipStream(file, CompressionMode.Decompress) : file;
        }

        private static NiftiHeader ReadHeader(Stream stream, string path)
        {
            var bytes = new byte[NiftiHeaderCodec.HeaderSize];
            int got = Fill(stream, bytes, path);
            if (got < 4)
            {
                throw new InvalidDataException($"'{path}' is not a NIfTI-1 file: it has {got} bytes, fewer than the 348-byte header.");
            }

            if (got < bytes.Length && NiftiHeaderCodec.DetectBigEndian(bytes) is not null)
            {
                throw new InvalidDataException($"NIfTI file '{path}' is truncated: {got} bytes, fewer than the 348-byte header.");
            }

            return NiftiHeaderCodec.Decode(bytes, path);
        }

        /// <summary>Reads until <paramref name="buffer"/> is full or the stream ends; returns the bytes read.</summary>
        private static int Fill(Stream stream, Span<byte> buffer, string path)
        {
            try
            {
                return stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            }
            catch (InvalidDataException ex)
            {
                throw new InvalidDataException($"NIfTI file '{path}' is gzip-compressed but cannot be decompressed (truncated or corrupt): {ex.Message}", ex);
            }
        }

        /// <summary>A buffer rented from the shared array pool for one read or write, returned on dispose.</summary>
        private readonly ref struct PooledBytes
        {
            private readonly byte[] _array;

            public PooledBytes(int length)
            {
                _array = ArrayPool<byte>.Shared.Rent(length);
                Span = _array.AsSpan(0, length);
            }

            public Span<byte> Span { get; }

            public void Dispose() => ArrayPool<byte>.Shared.Return(_array);
        }
    }
}
