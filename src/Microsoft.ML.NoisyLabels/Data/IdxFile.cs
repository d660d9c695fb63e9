using System.IO.Compression;

namespace Microsoft.ML.NoisyLabels.Data
{
    /// <summary>
    /// A file in the IDX format of the MNIST database: a big-endian header (two zero bytes, a type code, the number of
    /// dimensions, then each dimension as a 32-bit integer) followed by the values. Only unsigned bytes (type 0x08),
    /// the type MNIST uses, are supported. The file may be gzip-compressed; that is detected from its first bytes.
    /// </summary>
    internal sealed class IdxFile
    {
        private const byte UnsignedByteType = 0x08;

        private IdxFile(string path, int magic, int[] dimensions, byte[] values)
        {
            Path = path;
            Magic = magic;
            Dimensions = dimensions;
            Values = values;
        }

        /// <summary>The file that was read.</summary>
        public string Path { get; }

        /// <summary>The magic number: 0x0800 + the number of dimensions (2049 for labels, 2051 for images).</summary>
        public int Magic { get; }

        /// <summary>The sizes of the dimensions, outermost first.</summary>
        public int[] Dimensions { get; }

        /// <summary>The values, row-major.</summary>
        public byte[] Values { get; }

        /// <summary>Reads an IDX file of unsigned bytes, gzip-compressed or raw.</summary>
        /// <exception cref="FileNotFoundException">The file does not exist.</exception>
        /// <exception cref="InvalidDataException">The file is not an IDX file of unsigned bytes, or is truncated.</exception>
        public static IdxFile Read(string path)
        {
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"IDX file '{path}' does not exist.", path);
            }

            byte[] content = ReadMaybeGzip(path);
            if (content.Length < 4)
            {
                throw new InvalidDataException($"IDX file '{path}' is truncated: {content.Length} bytes, fewer than the 4-byte magic number.");
            }

            int magic = ReadBigEndianInt32(content, 0);
            if (content[0] != 0 || content[1] != 0 || content[3] == 0)
            {
                throw new InvalidDataException($"'{path}' is not an IDX file: magic number 0x{magic:X8} does not start with two zero bytes and a dimension count.");
            }

            if (content[2] != UnsignedByteType)
            {
                throw new InvalidDataException($"IDX file '{path}' holds values of type 0x{content[2]:X2}; only unsigned bytes (0x08) are supported.");
            }

            int rank = content[3];
            int headerLength = 4 + (4 * rank);
            if (content.Length < headerLength)
            {
                throw new InvalidDataException($"IDX file '{path}' is truncated: {content.Length} bytes, fewer than its {headerLength}-byte header.");
            }

            var dimensions = new int[rank];
            long count = 1;
            for (int d = 0; d < rank; d++)
            {
                dimensions[d] = ReadBigEndianInt32(content, 4 + (4 * d));
                if (dimensions[d] < 0)
                {
                    throw new InvalidDataException($"IDX file '{path}' gives dimension {d} a negative size ({dimensions[d]}).");
                }

                count *= dimensions[d];
            }

            long expected = headerLength + count;
            if (content.Length < expected)
            {
                throw new InvalidDataException(
                    $"IDX file '{path}' is truncated: its header announces {count} values ({string.Join(" x ", dimensions)}), " +
                    $"so {expected} bytes, but it has {content.Length}.");
            }

            if (content.Length > expected)
            {
                throw new InvalidDataException(
                    $"IDX file '{path}' has {content.Length - expected} bytes beyond the {count} values its header announces ({string.Join(" x ", dimensions)}).");
            }

            var values = new byte[count];
            Buffer.BlockCopy(content, headerLength, values, 0, values.Length);
            return new IdxFile(path, magic, dimensions, values);
        }

        /// <summary>Writes an IDX file of unsigned bytes (raw, or gzip-compressed when the name ends in .gz).</summary>
        public static void Write(string path, int[] dimensions, byte[] values)
        {
            long count = 1;
            foreach (int d in dimensions)
            {
                count *= d;
            }

            if (count != values.Length)
            {
                throw new ArgumentException($"The dimensions ({string.Join(" x ", dimensions)}) announce {count} values, but {values.Length} were given.", nameof(values));
            }

            using var file = File.Create(path);
            using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
                ? new GZipStream(file, CompressionLevel.Optimal)
                : file;
            var header = new byte[4 + (4 * dimensions.Length)];
            header[2] = UnsignedByteType;
            header[3] = (byte)dimensions.Length;
            for (int d = 0; d < dimensions.Length; d++)
            {
                WriteBigEndianInt32(header, 4 + (4 * d), dimensions[d]);
            }

            stream.Write(header);
            stream.Write(values);
        }

        private static byte[] ReadMaybeGzip(string path)
        {
            using var file = File.OpenRead(path);
            int first = file.ReadByte();
            int second = file.ReadByte();
            file.Position = 0;
            using var buffer = new MemoryStream();
            if (first == 0x1f && second == 0x8b)
            {
                try
                {
                    using var gzip = new GZipStream(file, CompressionMode.Decompress);
                    gzip.CopyTo(buffer);
                }
                catch (InvalidDataException ex)
                {
                    throw new InvalidDataException($"IDX file '{path}' is gzip-compressed but cannot be decompressed (truncated or corrupt): {ex.Message}", ex);
                }
                catch (EndOfStreamException ex)
                {
                    throw new InvalidDataException($"IDX file '{path}' is gzip-compressed but truncated: {ex.Message}", ex);
                }
            }
            else
            {
                file.CopyTo(buffer);
            }

            return buffer.ToArray();
        }

        private static int ReadBigEndianInt32(byte[] bytes, int offset)
            => (bytes[offset] << 24) | (bytes[offset + 1] << 16) | (bytes[offset + 2] << 8) | bytes[offset + 3];

        private static void WriteBigEndianInt32(byte[] bytes, int offset, int value)
        {
            bytes[offset] = (byte)(value >> 24);
            bytes[offset + 1] = (byte)(value >> 16);
            bytes[offset + 2] = (byte)(value >> 8);
            bytes[offset + 3] = (byte)value;
        }
    }
}
