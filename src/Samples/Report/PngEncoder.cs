using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Microsoft.ML.NoisyLabels.Samples.Report
{
    /// <summary>
    /// A managed PNG writer for 8-bit RGB images (colour type 2, no alpha, no interlace).
    /// </summary>
    /// <remarks>
    /// Written here rather than through MLImage / SkiaSharp so that saving a figure loads no native library, the bytes
    /// are exactly the canvas's (no premultiplied alpha or colour-space conversion), and the same canvas always gives
    /// the same file. Each row takes the PNG filter (None, Sub, Up, Average or Paeth) with the smallest sum of absolute
    /// filtered bytes, the usual heuristic; the filtered rows are deflated with <see cref="ZLibStream"/>.
    /// </remarks>
    public static class PngEncoder
    {
        private static readonly byte[] _signature = { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A };

        /// <summary>Encodes <paramref name="rgb"/> (row-major, three bytes a pixel) as a PNG file's bytes.</summary>
        public static byte[] Encode(int width, int height, ReadOnlySpan<byte> rgb)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
            if (rgb.Length != (long)width * height * 3)
            {
                throw new ArgumentException($"Expected {width} x {height} x 3 bytes, got {rgb.Length}.", nameof(rgb));
            }

            using var file = new MemoryStream();
            file.Write(_signature);

            Span<byte> header = stackalloc byte[13];
            BinaryPrimitives.WriteInt32BigEndian(header, width);
            BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
            header[8] = 8;   // bits per sample
            header[9] = 2;   // colour type: RGB
            header[10] = 0;  // compression: deflate
            header[11] = 0;  // filter method: adaptive
            header[12] = 0;  // no interlace
            WriteChunk(file, "IHDR", header);
            WriteChunk(file, "IDAT", Deflate(width, height, rgb));
            WriteChunk(file, "IEND", ReadOnlySpan<byte>.Empty);
            return file.ToArray();
        }

        /// <summary>Writes <paramref name="rgb"/> as a PNG file at <paramref name="path"/>, creating its folder if needed.</summary>
        public static void Write(string path, int width, int height, ReadOnlySpan<byte> rgb)
        {
            byte[] bytes = Encode(width, height, rgb);
            string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }

            File.WriteAllBytes(path, bytes);
        }

        private static byte[] Deflate(int width, int height, ReadOnlySpan<byte> rgb)
        {
            int stride = width * 3;
            var previous = new byte[stride];
            var candidates = new byte[5][];
            for (int f = 0; f < candidates.Length; f++)
            {
                candidates[f] = new byte[stride + 1];
            }

            using var compressed = new MemoryStream();
            using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            {
                for (int y = 0; y < height; y++)
                {
                    ReadOnlySpan<byte> row = rgb.Slice(y * stride, stride);
                    zlib.Write(BestFilter(row, previous, candidates));
                    row.CopyTo(previous);
                }
            }

            return compressed.ToArray();
        }

        // Fills the five filtered versions of the row (filter byte first) and returns the one with the least
        // sum of |signed byte|.
        private static byte[] BestFilter(ReadOnlySpan<byte> row, ReadOnlySpan<byte> up, byte[][] candidates)
        {
            const int Bpp = 3;
            byte[] best = candidates[0];
            long bestScore = long.MaxValue;
            for (int f = 0; f < candidates.Length; f++)
            {
                byte[] output = candidates[f];
                output[0] = (byte)f;
                long score = 0;
                for (int i = 0; i < row.Length; i++)
                {
                    int a = i >= Bpp ? row[i - Bpp] : 0;
                    int b = up[i];
                    int c = i >= Bpp ? up[i - Bpp] : 0;
                    int predictor = f switch
                    {
                        1 => a,
                        2 => b,
                        3 => (a + b) >> 1,
                        4 => Paeth(a, b, c),
                        _ => 0,
                    };
                    byte value = (byte)(row[i] - predictor);
                    output[i + 1] = value;
                    score += value < 128 ? value : 256 - value;
                }

                if (score < bestScore)
                {
                    bestScore = score;
                    best = output;
                }
            }

            return best;
        }

        private static int Paeth(int a, int b, int c)
        {
            int p = a + b - c;
            int pa = Math.Abs(p - a);
            int pb = Math.Abs(p - b);
            int pc = Math.Abs(p - c);
            if (pa <= pb && pa <= pc)
            {
                return a;
            }

            return pb <= pc ? b : c;
        }

        private static void WriteChunk(Stream file, string type, ReadOnlySpan<byte> data)
        {
            Span<byte> word = stackalloc byte[4];
            BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
            file.Write(word);

            Span<byte> typeBytes = stackalloc byte[4];
            Encoding.ASCII.GetBytes(type, typeBytes);
            file.Write(typeBytes);
            file.Write(data);

            uint crc = Crc32.Append(0xFFFFFFFFu, typeBytes);
            crc = Crc32.Append(crc, data) ^ 0xFFFFFFFFu;
            BinaryPrimitives.WriteUInt32BigEndian(word, crc);
            file.Write(word);
        }
    }
}
