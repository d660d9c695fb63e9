using System.Runtime.InteropServices;

namespace Microsoft.ML.NoisyLabels.Data.Nifti
{
    /// <summary>
    /// A NIfTI-1 volume in memory: its header and its voxels, stored compactly in the header's voxel type (a
    /// 181 x 217 x 181 uint8 scan takes 7.1 MB) in this machine's byte order, x fastest as in the file.
    /// Read one with <see cref="NiftiFile.Read"/>; create one with <see cref="Create{T}"/> or <see cref="FromSingle"/>.
    /// </summary>
    public sealed class NiftiVolume
    {
        private readonly byte[] _data;

        private NiftiVolume(NiftiHeader header, byte[] data)
        {
            Header = header;
            _data = data;
        }

        /// <summary>The header; its <see cref="NiftiHeader.DataType"/> is the type of the voxels.</summary>
        public NiftiHeader Header { get; }

        /// <summary>The voxels' bytes in this machine's byte order (x fastest).</summary>
        public ReadOnlySpan<byte> VoxelBytes => _data;

        /// <summary>
        /// A volume from voxels of the header's type: <typeparamref name="T"/> is <see cref="byte"/> for uint8,
        /// <see cref="short"/> for int16, <see cref="ushort"/> for uint16, <see cref="int"/> for int32,
        /// <see cref="float"/> for float32 and <see cref="double"/> for float64. The voxels are copied.
        /// </summary>
        /// <param name="header">The header (shape, type, spacing, transforms).</param>
        /// <param name="voxels">The voxels, x fastest: as many as the header's shape holds.</param>
        /// <exception cref="ArgumentException"><typeparamref name="T"/> does not match the header's type, or the count
        /// does not match its shape.</exception>
        public static NiftiVolume Create<T>(NiftiHeader header, ReadOnlySpan<T> voxels)
            where T : unmanaged
        {
            ArgumentNullException.ThrowIfNull(header);
            CheckType<T>(header.DataType);
            if (voxels.Length != header.VoxelCount)
            {
                throw new ArgumentException(
                    $"The header's shape ({string.Join(" x ", header.Shape)}) holds {header.VoxelCount} voxels, but {voxels.Length} were given.", nameof(voxels));
            }

            return new NiftiVolume(header with { VoxOffset = NiftiHeaderCodec.WrittenVoxOffset }, MemoryMarshal.AsBytes(voxels).ToArray());
        }

        /// <summary>
        /// A volume on the grid of <paramref name="reference"/> (same spacing, transforms and byte order) from Single
        /// values stored as <paramref name="dataType"/>: a label mask or a probability map computed for that scan. When
        /// there are k times as many values as the reference has voxels in x, y, z, the volume is 4D with k volumes
        /// (for instance the class probabilities [L, D, H, W] of a posterior).
        /// </summary>
        /// <param name="reference">The header of the scan the values belong to.</param>
        /// <param name="values">The values, x fastest.</param>
        /// <param name="dataType">The voxel type to store; integer types take only integral values in their range.</param>
        /// <exception cref="ArgumentException">The number of values is not a multiple of the reference's voxels, or a
        /// value cannot be stored exactly as <paramref name="dataType"/>.</exception>
        public static NiftiVolume FromSingle(NiftiHeader reference, ReadOnlySpan<float> values, NiftiDataType dataType)
        {
            var header = HeaderFor(reference, values.Length, dataType);
            var data = new byte[values.Length * (long)NiftiDataTypes.BytesPerVoxel(dataType)];
            NiftiVoxels.FromSingle(values, dataType, data);
            return new NiftiVolume(header, data);
        }

        /// <summary>
        /// The header of <paramref name="count"/> values stored as <paramref name="dataType"/> on the grid of
        /// <paramref name="reference"/>: 3D, or 4D with k volumes for k times the grid's voxels.
        /// </summary>
        internal static NiftiHeader HeaderFor(NiftiHeader reference, int count, NiftiDataType dataType)
        {
            ArgumentNullException.ThrowIfNull(reference);
            var spatial = reference.Shape.Take(3).ToList();
            long voxels = spatial.Aggregate(1L, (a, b) => a * b);
            if (count == 0 || count % voxels != 0)
            {
                throw new ArgumentException(
                    $"{count} values do not fill the reference grid ({string.Join(" x ", spatial)}, {voxels} voxels) a whole number of times.", "values");
            }

            long volumes = count / voxels;
            IReadOnlyList<int>? shape = null;
            if (volumes > 1 || reference.Rank > 3)
            {
                while (spatial.Count < 3)
                {
                    spatial.Add(1);
                }

                shape = volumes > 1 ? spatial.Append(checked((int)volumes)).ToArray() : spatial.ToArray();
            }

            return reference.ForVoxels(dataType, shape);
        }

        /// <summary>The voxels as stored (no scaling); <typeparamref name="T"/> must match the voxel type (see <see cref="Create{T}"/>).</summary>
        /// <exception cref="InvalidOperationException"><typeparamref name="T"/> does not match the voxel type.</exception>
        public ReadOnlySpan<T> GetVoxels<T>()
            where T : unmanaged
        {
            if (NiftiDataTypes.ClrType(Header.DataType) != typeof(T))
            {
                throw new InvalidOperationException($"The volume holds {Header.DataType} voxels ({NiftiDataTypes.ClrType(Header.DataType).Name}), not {typeof(T).Name}.");
            }

            return MemoryMarshal.Cast<byte, T>(_data);
        }

        /// <summary>
        /// Writes the voxels' values as Single into <paramref name="destination"/>, scaled by the header's
        /// <c>scl_slope</c> and <c>scl_inter</c> when they are set (as nibabel's <c>get_fdata</c> does).
        /// </summary>
        /// <param name="destination">As long as the volume has voxels.</param>
        public void CopyScaledTo(Span<float> destination)
        {
            if (destination.Length != Header.VoxelCount)
            {
                throw new ArgumentException($"The volume has {Header.VoxelCount} voxels; the destination holds {destination.Length}.", nameof(destination));
            }

            NiftiVoxels.ToSingle(_data, Header.DataType, destination, Header.HasScaling, Header.SclSlope, Header.SclInter);
        }

        /// <summary>The voxels' values as Single, scaled as in <see cref="CopyScaledTo"/>.</summary>
        public float[] ToSingleArray()
        {
            var values = new float[Header.VoxelCount];
            CopyScaledTo(values);
            return values;
        }

        /// <summary>
        /// A box of this 3D volume: voxels x0..x0+sizeX-1, y0.., z0.., with the qform and sform shifted so that every
        /// kept voxel stays at the same world position.
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException">The box does not lie inside the volume.</exception>
        /// <exception cref="InvalidOperationException">The volume has more than three dimensions.</exception>
        public NiftiVolume Crop(int x0, int y0, int z0, int sizeX, int sizeY, int sizeZ)
        {
            if (Header.IsBeyond3D)
            {
                throw new InvalidOperationException($"Only 3D volumes can be cropped; this one is {string.Join(" x ", Header.Shape)}.");
            }

            var shape = Header.Shape.Concat(new[] { 1, 1, 1 }).Take(3).ToArray();
            if (x0 < 0 || y0 < 0 || z0 < 0 || sizeX < 1 || sizeY < 1 || sizeZ < 1
                || x0 + sizeX > shape[0] || y0 + sizeY > shape[1] || z0 + sizeZ > shape[2])
            {
                throw new ArgumentOutOfRangeException(
                    nameof(x0), $"The box at ({x0}, {y0}, {z0}) of size {sizeX} x {sizeY} x {sizeZ} does not lie inside the volume ({string.Join(" x ", shape)}).");
            }

            int bytesPerVoxel = NiftiDataTypes.BytesPerVoxel(Header.DataType);
            var data = new byte[(long)sizeX * sizeY * sizeZ * bytesPerVoxel];
            int rowBytes = sizeX * bytesPerVoxel;
            for (int z = 0; z < sizeZ; z++)
            {
                for (int y = 0; y < sizeY; y++)
                {
                    long from = ((((long)(z + z0) * shape[1]) + y + y0) * shape[0]) + x0;
                    _data.AsSpan(checked((int)(from * bytesPerVoxel)), rowBytes).CopyTo(data.AsSpan(((z * sizeY) + y) * rowBytes));
                }
            }

            var header = Header.ForVoxels(Header.DataType, new[] { sizeX, sizeY, sizeZ }.Take(Math.Min(Header.Rank, 3)).ToArray());
            // The scaling describes the same stored values: keep it.
            header = header with
            {
                SclSlope = Header.SclSlope,
                SclInter = Header.SclInter,
                CalMin = Header.CalMin,
                CalMax = Header.CalMax,
                SRowX = Shift(Header.SRowX, x0, y0, z0),
                SRowY = Shift(Header.SRowY, x0, y0, z0),
                SRowZ = Shift(Header.SRowZ, x0, y0, z0),
            };
            var qform = Header.GetQFormAffine();
            header = header with
            {
                QOffsetX = (float)Apply(qform, 0, x0, y0, z0),
                QOffsetY = (float)Apply(qform, 1, x0, y0, z0),
                QOffsetZ = (float)Apply(qform, 2, x0, y0, z0),
            };
            return new NiftiVolume(header, data);
        }

        /// <summary>Reads a volume's voxels from their file bytes (<see cref="NiftiFile"/> calls this).</summary>
        internal static NiftiVolume FromFileBytes(NiftiHeader header, byte[] data)
        {
            if (header.IsBigEndian == BitConverter.IsLittleEndian)
            {
                NiftiVoxels.ReverseByteOrder(data, header.DataType);
            }

            return new NiftiVolume(header, data);
        }

        private static float[] Shift(IReadOnlyList<float> row, int x0, int y0, int z0)
            => new[] { row[0], row[1], row[2], (float)(row[3] + ((double)row[0] * x0) + ((double)row[1] * y0) + ((double)row[2] * z0)) };

        private static double Apply(double[,] affine, int row, int x, int y, int z)
            => (affine[row, 0] * x) + (affine[row, 1] * y) + (affine[row, 2] * z) + affine[row, 3];

        private static void CheckType<T>(NiftiDataType type)
        {
            if (NiftiDataTypes.ClrType(type) != typeof(T))
            {
                throw new ArgumentException($"The header's voxel type {type} is held in {NiftiDataTypes.ClrType(type).Name}, not {typeof(T).Name}.", nameof(type));
            }
        }
    }
}
