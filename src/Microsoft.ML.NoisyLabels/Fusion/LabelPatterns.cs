using System.Runtime.CompilerServices;
namespace Microsoft.ML.NoisyLabels.Fusion
{
    /// <summary>
    /// The distinct combinations ("patterns") of the present annotators' labels in one image, with how many pixels show
    /// each. STAPLE's parameters are global, so its EM sees the data only through these counts (they are its sufficient
    /// statistics): running it over U patterns instead of P pixels gives the same estimates, up to the rounding of the
    /// sums, at a cost independent of the image size. When L^R' is too large for a lookup table the patterns are the
    /// pixels themselves (each with weight 1), and the same EM code runs per pixel.
    /// </summary>
    internal sealed class LabelPatterns
    {
        /// <summary>Largest lookup table (entries) used to find the patterns: 16M ints, 64 MiB.</summary>
        private const long MaxTableSize = 1L << 24;

        /// <summary>Pixels above which the patterns are found on every core.</summary>
        private const int ParallelPixels = 1 << 20;

        private readonly int[]? _codes;
        private readonly int[]? _patternOfCode;

        private LabelPatterns(int count, int raters, byte[] labels, double[] weights, int[]? codes, int[]? patternOfCode)
        {
            Count = count;
            Raters = raters;
            Labels = labels;
            Weights = weights;
            _codes = codes;
            _patternOfCode = patternOfCode;
        }

        /// <summary>The number of patterns U.</summary>
        public int Count { get; }

        /// <summary>The number of present annotators R'.</summary>
        public int Raters { get; }

        /// <summary>Labels of the patterns [R', U] (present annotators only, in order); may be longer than R' x U.</summary>
        public byte[] Labels { get; }

        /// <summary>Pixels per pattern [U]; may be longer than U.</summary>
        public double[] Weights { get; }

        /// <summary>The labels of present annotator <paramref name="k"/> (k-th present) over the patterns.</summary>
        public ReadOnlySpan<byte> Rater(int k) => Labels.AsSpan(k * Count, Count);

        /// <summary>
        /// The pattern index of pixel <paramref name="pixel"/>: its code's pattern, looked up when the outputs are
        /// spread (rather than renumbering every pixel's code first, which would be one more pass over the image).
        /// </summary>
        public int PatternOf(int pixel) => _codes is null ? pixel : _patternOfCode![_codes[pixel]];

        /// <summary>The number of codes L^R' (computed only until it passes the largest table, so that it cannot overflow).</summary>
        public static long TableSize(int raters, int classes)
        {
            long size = 1;
            for (int k = 0; k < raters && size <= MaxTableSize; k++)
            {
                size *= classes;
            }

            return size;
        }

        /// <summary>Finds the patterns of the present annotators.</summary>
        /// <param name="annotations">The annotations.</param>
        /// <param name="presentRaters">Indices of the present annotators.</param>
        /// <param name="workspace">Scratch arrays.</param>
        /// <param name="compress">False to treat every pixel as its own pattern (the per-pixel EM, for benchmarks and
        /// tests).</param>
        public static unsafe LabelPatterns Build(in Annotations annotations, int[] presentRaters, FusionWorkspace workspace, bool compress = true)
        {
            int raters = presentRaters.Length;
            int classes = annotations.Classes;
            int pixels = annotations.Pixels;
            long tableSize = TableSize(raters, classes);

            if (!compress || tableSize > MaxTableSize || tableSize > Math.Max(4096, pixels))
            {
                return PerPixel(annotations, presentRaters, workspace);
            }

            // Each pixel's code is its labels read as a number in base L (first present annotator = lowest digit); the
            // table counts the pixels of each code. Large images are coded in parallel chunks with their own counts.
            var codes = workspace.Ints(FusionWorkspace.Slot.Patterns, pixels);
            var table = workspace.Ints(FusionWorkspace.Slot.PatternTable, (int)tableSize);
            Array.Clear(table, 0, (int)tableSize);
            int chunks = pixels >= ParallelPixels && Environment.ProcessorCount > 1 ? Environment.ProcessorCount * 4 : 1;
            var offsets = presentRaters.Select(r => r * pixels).ToArray();
            fixed (byte* pinned = annotations.Labels)
            {
                // Spans cannot enter the parallel lambda: the caller's labels are read through a pointer while pinned.
                byte* rows = pinned;
                if (chunks == 1)
                {
                    Code(rows, offsets, classes, 0, pixels, codes, table);
                }
                else
                {
                    var sync = new object();
                    Parallel.For(0, chunks, () => new int[tableSize], (c, _, counts) =>
                    {
                        Code(rows, offsets, classes, (int)((long)c * pixels / chunks), (int)((long)(c + 1) * pixels / chunks), codes, counts);
                        return counts;
                    }, counts =>
                    {
                        lock (sync)
                        {
                            for (int code = 0; code < counts.Length; code++)
                            {
                                table[code] += counts[code];
                            }
                        }
                    });
                }
            }

            return FromCounts(table, (int)tableSize, raters, classes, workspace, codes);
        }

        /// <summary>
        /// The patterns of an image whose pixels were coded elsewhere (<see cref="PatternCodes"/>): the codes with at
        /// least one pixel, in code order, as <see cref="Build"/> finds them. <paramref name="table"/> holds the pixels
        /// of each code and receives each code's pattern index (see <see cref="PatternOfCode"/>).
        /// </summary>
        public static LabelPatterns FromCounts(int[] table, int tableSize, int raters, int classes, FusionWorkspace workspace)
            => FromCounts(table, tableSize, raters, classes, workspace, null);

        /// <summary>
        /// Every code 0..L^R'-1 as a pattern (pattern index = code), each of weight 0 until <see cref="SetWeights"/>:
        /// for the methods whose per-pattern result does not depend on the counts (voting), computed before the pixels
        /// are counted. Patterns of weight 0 add exact zeros to every sum, so the results equal those over the
        /// patterns that occur.
        /// </summary>
        public static LabelPatterns AllCodes(int tableSize, int raters, int classes, FusionWorkspace workspace)
        {
            var patternLabels = workspace.Bytes(FusionWorkspace.Slot.PatternLabels, raters * tableSize);
            var weights = workspace.Doubles(FusionWorkspace.Slot.PatternWeights, tableSize);
            Array.Clear(weights, 0, tableSize);
            for (int code = 0; code < tableSize; code++)
            {
                int rest = code;
                for (int k = 0; k < raters; k++)
                {
                    patternLabels[(k * tableSize) + code] = (byte)(rest % classes);
                    rest /= classes;
                }
            }

            return new LabelPatterns(tableSize, raters, patternLabels, weights, null, null);
        }

        /// <summary>Sets the pixels of each pattern of <see cref="AllCodes"/> from the counts per code.</summary>
        public void SetWeights(ReadOnlySpan<int> counts)
        {
            for (int code = 0; code < Count; code++)
            {
                Weights[code] = counts[code];
            }
        }

        /// <summary>
        /// The pattern index of a code that occurs, for patterns made by <see cref="FromCounts(int[], int, int, int, FusionWorkspace)"/>
        /// (for <see cref="AllCodes"/>, the code itself).
        /// </summary>
        public int PatternOfCode(int code) => _patternOfCode is null ? code : _patternOfCode[code];

        private static LabelPatterns FromCounts(int[] table, int tableSize, int raters, int classes, FusionWorkspace workspace, int[]? codes)
        {
            // The workspace's table may be longer than this image's: only its first tableSize entries are this image's.
            int count = 0;
            for (int code = 0; code < tableSize; code++)
            {
                if (table[code] > 0)
                {
                    count++;
                }
            }

            var patternLabels = workspace.Bytes(FusionWorkspace.Slot.PatternLabels, raters * count);
            var weights = workspace.Doubles(FusionWorkspace.Slot.PatternWeights, count);
            int u = 0;
            for (int code = 0; code < tableSize; code++)
            {
                if (table[code] == 0)
                {
                    continue;
                }

                weights[u] = table[code];
                int rest = code;
                for (int k = 0; k < raters; k++)
                {
                    patternLabels[(k * count) + u] = (byte)(rest % classes);
                    rest /= classes;
                }

                table[code] = u++;
            }

            return new LabelPatterns(count, raters, patternLabels, weights, codes, table);
        }

        // Hot loops over every pixel, run a few times per image: compiled optimised at once rather than through the
        // runtime's unoptimised first tier, which a transformer applied to a few large volumes would otherwise run in.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static unsafe void Code(byte* rows, int[] offsets, int classes, int start, int end, int[] codes, int[] counts)
        {
            var target = codes.AsSpan(start, end - start);
            target.Clear();
            int multiplier = 1;
            foreach (int offset in offsets)
            {
                var row = new ReadOnlySpan<byte>(rows + offset + start, end - start);
                for (int i = 0; i < row.Length; i++)
                {
                    target[i] += row[i] * multiplier;
                }

                multiplier *= classes;
            }

            foreach (int code in target)
            {
                counts[code]++;
            }
        }

        private static LabelPatterns PerPixel(in Annotations annotations, int[] presentRaters, FusionWorkspace workspace)
        {
            int pixels = annotations.Pixels;
            int raters = presentRaters.Length;
            var labels = workspace.Bytes(FusionWorkspace.Slot.PatternLabels, raters * pixels);
            for (int k = 0; k < raters; k++)
            {
                annotations.Rater(presentRaters[k]).CopyTo(labels.AsSpan(k * pixels, pixels));
            }

            var weights = workspace.Doubles(FusionWorkspace.Slot.PatternWeights, pixels);
            weights.AsSpan(0, pixels).Fill(1);
            return new LabelPatterns(pixels, raters, labels, weights, null, null);
        }
    }
}
