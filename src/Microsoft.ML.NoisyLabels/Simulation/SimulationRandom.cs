namespace Microsoft.ML.NoisyLabels.Simulation
{
    /// <summary>
    /// The random numbers of the simulation transforms: SplitMix64 (Steele, Lea and Flood 2014), chosen because its
    /// output is fully specified by its 64-bit state, so that a row's draws depend only on the seed and the row's
    /// content, never on the platform, the runtime version, the row order or the cursor that reads the row.
    /// </summary>
    internal struct SimulationRandom
    {
        private const ulong Golden = 0x9E3779B97F4A7C15UL;
        private ulong _state;

        public SimulationRandom(ulong seed)
        {
            _state = seed;
        }

        /// <summary>The next 64 random bits.</summary>
        public ulong NextUInt64()
        {
            _state += Golden;
            return Mix(_state);
        }

        /// <summary>A random integer in 0..<paramref name="count"/>-1 (multiply-shift; the bias is below 2^-32).</summary>
        public int NextInt(int count)
        {
            if (count <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(count), count, "The range must not be empty.");
            }

            return (int)(((NextUInt64() >> 32) * (ulong)count) >> 32);
        }

        /// <summary>A random number in [0, 1), from the top 53 bits.</summary>
        public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

        /// <summary>SplitMix64's finaliser: a bijection of 64-bit values with good avalanche.</summary>
        public static ulong Mix(ulong z)
        {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        /// <summary>
        /// A hash of the user's seed and one row's values. The values are hashed in canonical form: every NaN and both
        /// zeros hash alike, as they mean the same label.
        /// </summary>
        public static ulong RowHash(int seed, ReadOnlySpan<float> values)
        {
            ulong hash = Mix((ulong)(uint)seed ^ 0x6A09E667F3BCC908UL);
            foreach (float value in values)
            {
                uint bits = float.IsNaN(value) ? 0x7FC00000u : value == 0 ? 0u : BitConverter.SingleToUInt32Bits(value);
                hash = (hash ^ bits) * 0x100000001B3UL;
                hash ^= hash >> 29;
            }

            return Mix(hash ^ ((ulong)values.Length * Golden));
        }

        /// <summary>
        /// The random stream number <paramref name="stream"/> (an annotator's position, say) of the row whose
        /// <see cref="RowHash"/> is <paramref name="rowHash"/>: different streams of one row are independent.
        /// </summary>
        public static SimulationRandom ForRow(ulong rowHash, int stream)
            => new SimulationRandom(Mix(rowHash + (((ulong)stream + 1) * Golden)));
    }
}
