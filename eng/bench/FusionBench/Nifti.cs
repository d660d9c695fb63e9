using System.IO.Compression;

namespace FusionBench
{
    /// <summary>Reads an 8-bit NIfTI-1 volume (.nii or .nii.gz): dimensions and voxels, x fastest.</summary>
    internal static class Nifti
    {
        public static (int Depth, int Height, int Width, byte[] Voxels) ReadBytes(string path)
        {
            using var file = File.OpenRead(path);
            using Stream stream = path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress) : file;
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            var bytes = memory.ToArray();
            if (BitConverter.ToInt32(bytes, 0) != 348)
            {
                throw new InvalidDataException($"'{path}' is not a little-endian NIfTI-1 file.");
            }

            int width = BitConverter.ToInt16(bytes, 42), height = BitConverter.ToInt16(bytes, 44), depth = BitConverter.ToInt16(bytes, 46);
            short datatype = BitConverter.ToInt16(bytes, 70);
            int offset = (int)BitConverter.ToSingle(bytes, 108);
            if (datatype != 2)
            {
                throw new InvalidDataException($"'{path}' has NIfTI datatype {datatype}; only unsigned bytes (2) are read here.");
            }

            return (depth, height, width, bytes.AsSpan(offset, depth * height * width).ToArray());
        }

        /// <summary>The first depth x height x width voxels of a volume (a crop at the origin).</summary>
        public static byte[] Crop(byte[] voxels, int depth, int height, int width, int newDepth, int newHeight, int newWidth)
        {
            var result = new byte[newDepth * newHeight * newWidth];
            for (int z = 0; z < newDepth; z++)
            {
                for (int y = 0; y < newHeight; y++)
                {
                    voxels.AsSpan((((z * height) + y) * width), newWidth).CopyTo(result.AsSpan(((z * newHeight) + y) * newWidth, newWidth));
                }
            }

            return result;
        }
    }
}
