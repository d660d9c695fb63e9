namespace Microsoft.ML.NoisyLabels.Fusion
{
    /// <summary>
    /// Reusable scratch arrays for the fusion methods, so that fusing many small images does not allocate per image.
    /// Arrays are handed out by slot (each method uses its own slots, see <see cref="Slot"/>) and may be longer than
    /// asked for. Not thread-safe: use one workspace per thread.
    /// </summary>
    internal sealed class FusionWorkspace
    {
        private readonly double[]?[] _doubles = new double[]?[(int)Slot.Count];
        private readonly int[]?[] _ints = new int[]?[(int)Slot.Count];
        private readonly byte[]?[] _bytes = new byte[]?[(int)Slot.Count];

        /// <summary>The slots. A method must not use a slot that a method it calls also uses.</summary>
        public enum Slot
        {
            Votes,
            Posterior,
            Patterns,
            PatternLabels,
            PatternTable,
            PatternWeights,
            PatternFused,
            PatternPosterior,
            PatternCounts,
            SpatialLabels,
            SpatialWeights,
            SpatialMask,
            Count,
        }

        /// <summary>Spatial STAPLE's window counts, kept for the next image of the same kind.</summary>
        public LocalCounts? LocalCounts { get; set; }

        public double[] Doubles(Slot slot, int length) => Get(_doubles, slot, length);

        public int[] Ints(Slot slot, int length) => Get(_ints, slot, length);

        public byte[] Bytes(Slot slot, int length) => Get(_bytes, slot, length);

        private static T[] Get<T>(T[]?[] arrays, Slot slot, int length)
        {
            var array = arrays[(int)slot];
            if (array is null || array.Length < length)
            {
                array = new T[length];
                arrays[(int)slot] = array;
            }

            return array;
        }
    }
}
