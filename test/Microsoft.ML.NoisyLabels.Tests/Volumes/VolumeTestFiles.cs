using Microsoft.ML.Data;
using Microsoft.ML.NoisyLabels.Data.Nifti;

namespace Microsoft.ML.NoisyLabels.Tests.Volumes
{
    /// <summary>Small case folders written with the package's NIfTI writer, and reading columns back.</summary>
    internal static class VolumeTestFiles
    {
        /// <summary>A 4 x 3 x 2 grid (x, y, z) with anisotropic spacing and a shifted sform, like a real scan's.</summary>
        public static NiftiHeader SmallGrid(int x = 4, int y = 3, int z = 2, float dz = 1.5f)
            => NiftiHeader.Create(NiftiDataType.UInt8, new[] { x, y, z }, new[] { 0.8f, 0.8f, dz }) with
            {
                SRowX = new[] { 0.8f, 0, 0, -10 },
                SRowY = new[] { 0, 0.8f, 0, 20 },
                SRowZ = new[] { 0, 0, dz, 30 },
                SFormCode = NiftiXFormCode.AlignedAnatomical,
                Description = "test grid",
            };

        /// <summary>Writes <paramref name="values"/> on the grid of <paramref name="grid"/> as <paramref name="type"/>.</summary>
        public static string Write(string folder, string name, NiftiHeader grid, float[] values, NiftiDataType type = NiftiDataType.UInt8)
        {
            Directory.CreateDirectory(folder);
            string path = Path.Combine(folder, name);
            NiftiFile.Write(path, NiftiVolume.FromSingle(grid, values, type));
            return path;
        }

        /// <summary>Writes int16 voxels that mean <c>slope * stored + inter</c> (the scan's values after scaling).</summary>
        public static string WriteScaled(string folder, string name, NiftiHeader grid, float[] stored, float slope, float inter)
        {
            Directory.CreateDirectory(folder);
            string path = Path.Combine(folder, name);
            var unscaled = NiftiVolume.FromSingle(grid, stored, NiftiDataType.Int16);
            NiftiFile.Write(path, NiftiVolume.Create<short>(unscaled.Header with { SclSlope = slope, SclInter = inter }, unscaled.GetVoxels<short>()));
            return path;
        }

        /// <summary>The values of a vector column, one array per row.</summary>
        public static float[][] Column(IDataView data, string name)
            => data.GetColumn<VBuffer<float>>(name).Select(v => v.DenseValues().ToArray()).ToArray();

        /// <summary>The values of a text column.</summary>
        public static string[] Text(IDataView data, string name)
            => data.GetColumn<ReadOnlyMemory<char>>(name).Select(v => v.ToString()).ToArray();
    }
}
