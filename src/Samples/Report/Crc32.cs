namespace Microsoft.ML.NoisyLabels.Samples.Report
{
    /// <summary>The CRC-32 of PNG chunks (ISO 3309, polynomial 0xEDB88320, reflected), table-driven.</summary>
    /// <remarks>System.IO.Hashing has one, but it is a separate package; this is twenty lines.</remarks>
    public static class Crc32
    {
        private static readonly uint[] _table = BuildTable();

        /// <summary>The CRC-32 of <paramref name="data"/>.</summary>
        public static uint Compute(ReadOnlySpan<byte> data)
        {
            return Append(0xFFFFFFFFu, data) ^ 0xFFFFFFFFu;
        }

        /// <summary>
        /// Continues a running register over <paramref name="data"/>: start from 0xFFFFFFFF and XOR the final value
        /// with 0xFFFFFFFF.
        /// </summary>
        public static uint Append(uint register, ReadOnlySpan<byte> data)
        {
            uint crc = register;
            foreach (byte b in data)
            {
                crc = _table[(crc ^ b) & 0xFF] ^ (crc >> 8);
            }

            return crc;
        }

        private static uint[] BuildTable()
        {
            var table = new uint[256];
            for (uint n = 0; n < 256; n++)
            {
                uint c = n;
                for (int k = 0; k < 8; k++)
                {
                    c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
                }

                table[n] = c;
            }

            return table;
        }
    }
}
