namespace Microsoft.ML.NoisyLabels.Fusion
{
    /// <summary>
    /// Vote counting shared by majority vote, mean label and the initialisations of the STAPLE methods.
    /// Tie rule, used everywhere in this folder: among classes with the same count (or the same posterior), the
    /// smallest class index wins, so a binary tie goes to background. The result is always a class in 0..L-1.
    /// </summary>
    internal static class Votes
    {
        /// <summary>Counts the votes of the present annotators: <paramref name="counts"/> [L, P] (class-major).</summary>
        public static void Count(in Annotations annotations, Span<int> counts)
        {
            int pixels = annotations.Pixels;
            counts.Slice(0, annotations.Classes * pixels).Clear();
            for (int r = 0; r < annotations.Raters; r++)
            {
                if (!annotations.Present[r])
                {
                    continue;
                }

                var row = annotations.Rater(r);
                for (int i = 0; i < row.Length; i++)
                {
                    counts[(row[i] * pixels) + i]++;
                }
            }
        }

        /// <summary>
        /// The class with the most votes at <paramref name="pixel"/> (ties: the smallest class), and whether the top
        /// count is shared by several classes.
        /// </summary>
        public static byte Winner(ReadOnlySpan<int> counts, int pixel, int pixels, int classes, out bool tied)
        {
            int best = 0;
            int bestCount = counts[pixel];
            tied = false;
            for (int c = 1; c < classes; c++)
            {
                int count = counts[(c * pixels) + pixel];
                if (count > bestCount)
                {
                    best = c;
                    bestCount = count;
                    tied = false;
                }
                else if (count == bestCount)
                {
                    tied = true;
                }
            }

            return (byte)best;
        }

        /// <summary>The class with the largest posterior at <paramref name="pixel"/>; ties: the smallest class.</summary>
        public static byte ArgMax(ReadOnlySpan<double> posterior, int pixel, int pixels, int classes)
        {
            int best = 0;
            double bestValue = posterior[pixel];
            for (int c = 1; c < classes; c++)
            {
                double value = posterior[(c * pixels) + pixel];
                if (value > bestValue)
                {
                    best = c;
                    bestValue = value;
                }
            }

            return (byte)best;
        }
    }
}
