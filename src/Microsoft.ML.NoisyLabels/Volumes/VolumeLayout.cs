using Microsoft.ML.Data;
using Microsoft.ML.NoisyLabels.Data;

namespace Microsoft.ML.NoisyLabels.Volumes
{
    /// <summary>
    /// The shape of a volume column, [D, H, W] or [C, D, H, W] (W fastest), and how its 2D slices across an axis are
    /// laid out in memory. The one reading of volume dimensions for patch sampling and whole-volume segmentation.
    /// </summary>
    /// <param name="Channels">C (1 for a [D, H, W] column).</param>
    /// <param name="Depth">D.</param>
    /// <param name="Height">H.</param>
    /// <param name="Width">W.</param>
    internal readonly record struct VolumeLayout(int Channels, int Depth, int Height, int Width)
    {
        /// <summary>Voxels of one channel, D * H * W.</summary>
        public int Voxels => Depth * Height * Width;

        /// <summary>[D, H, W].</summary>
        public int[] Extents => new[] { Depth, Height, Width };

        /// <summary>
        /// The slices across <paramref name="axis"/>: their number, their rows and columns (the remaining two axes in
        /// [D, H, W] order), and the strides of slice, row and column in a channel's flat [D, H, W] array.
        /// </summary>
        public SlicePlane Plane(VolumeAxis axis) => axis switch
        {
            VolumeAxis.Depth => new SlicePlane(Depth, Height, Width, Height * Width, Width, 1),
            VolumeAxis.Height => new SlicePlane(Height, Depth, Width, Width, Height * Width, 1),
            VolumeAxis.Width => new SlicePlane(Width, Depth, Height, 1, Height * Width, Width),
            _ => throw new ArgumentOutOfRangeException(nameof(axis), axis, "The slice axis must be Depth, Height or Width."),
        };

        /// <summary>
        /// Checks that column <paramref name="name"/> is a known-size vector of Single with dimensions [D, H, W] or
        /// [C, D, H, W]; returns its layout.
        /// </summary>
        public static VolumeLayout OfColumn(DataViewSchema schema, string name, string role = "volume")
        {
            var column = SchemaChecks.FindColumn(schema, name, role);
            return Of(column.Type) ?? throw SchemaChecks.Mismatch(
                role, name, "known-size vector of Single with dimensions [D, H, W] or [C, D, H, W] (volumes of one shape)", column.Type);
        }

        /// <summary>The layout of a vector type with dimensions [D, H, W] or [C, D, H, W], all known; null otherwise.</summary>
        public static VolumeLayout? Of(DataViewType type)
        {
            if (type is not VectorDataViewType vector || vector.ItemType != NumberDataViewType.Single || vector.Dimensions.Any(d => d <= 0))
            {
                return null;
            }

            var d = vector.Dimensions;
            return d.Length switch
            {
                3 => new VolumeLayout(1, d[0], d[1], d[2]),
                4 => new VolumeLayout(d[0], d[1], d[2], d[3]),
                _ => null,
            };
        }
    }

    /// <summary>The 2D slices of a volume across one axis.</summary>
    /// <param name="Slices">Number of slices.</param>
    /// <param name="Rows">Rows of a slice.</param>
    /// <param name="Columns">Columns of a slice.</param>
    /// <param name="SliceStride">Distance between slices in a channel's flat array.</param>
    /// <param name="RowStride">Distance between rows.</param>
    /// <param name="ColumnStride">Distance between columns.</param>
    internal readonly record struct SlicePlane(int Slices, int Rows, int Columns, int SliceStride, int RowStride, int ColumnStride)
    {
        /// <summary>The flat index of voxel (slice, row, column) in a channel.</summary>
        public int Index(int slice, int row, int column) => (slice * SliceStride) + (row * RowStride) + (column * ColumnStride);
    }
}
