using Microsoft.ML.NoisyLabels.Simulation;

namespace Microsoft.ML.NoisyLabels.Volumes
{
    /// <summary>
    /// Where one patch lies: a slice and the top-left corner of an h x w window in its plane. A corner beyond the
    /// plane's end in one direction means padding there (the plane is smaller than the patch).
    /// </summary>
    internal readonly record struct PatchPosition(int Slice, int Row, int Column);

    /// <summary>
    /// Draws patch positions in one volume: a number of them centred on foreground voxels, the rest uniform. Patches lie
    /// inside the plane where it is at least the patch's size; where it is smaller the patch starts at 0 and the rest
    /// is padding.
    /// </summary>
    internal static class VolumePatchDraw
    {
        public static void Draw(ref SimulationRandom random, SlicePlane plane, int patchHeight, int patchWidth, int count, int foregroundCount,
            IReadOnlyList<int> foregroundVoxels, List<PatchPosition> positions)
        {
            int rowRange = Math.Max(0, plane.Rows - patchHeight);
            int columnRange = Math.Max(0, plane.Columns - patchWidth);
            int centred = foregroundVoxels.Count == 0 ? 0 : foregroundCount;
            for (int k = 0; k < count; k++)
            {
                if (k < centred)
                {
                    var (slice, row, column) = Locate(plane, foregroundVoxels[random.NextInt(foregroundVoxels.Count)]);
                    // The window centred on the voxel, moved inside the plane where it would cross the border.
                    positions.Add(new PatchPosition(
                        slice,
                        Math.Clamp(row - (patchHeight / 2), 0, rowRange),
                        Math.Clamp(column - (patchWidth / 2), 0, columnRange)));
                }
                else
                {
                    positions.Add(new PatchPosition(random.NextInt(plane.Slices), random.NextInt(rowRange + 1), random.NextInt(columnRange + 1)));
                }
            }
        }

        /// <summary>The (slice, row, column) of a flat voxel index of a channel.</summary>
        public static (int Slice, int Row, int Column) Locate(SlicePlane plane, int voxel)
            => (voxel / plane.SliceStride % plane.Slices, voxel / plane.RowStride % plane.Rows, voxel / plane.ColumnStride % plane.Columns);
    }
}
