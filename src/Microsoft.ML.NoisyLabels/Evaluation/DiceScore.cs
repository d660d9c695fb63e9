namespace Microsoft.ML.NoisyLabels.Evaluation
{
    /// <summary>The Dice overlap of label maps (docs/METHOD.md, section 7), pure arithmetic.</summary>
    internal static class DiceScore
    {
        /// <summary>
        /// The foreground Dice 2|P and G| / (|P| + |G|), where the foreground is every class but 0 (for two classes,
        /// class 1); 1 when both maps are empty.
        /// </summary>
        public static double Foreground(ReadOnlySpan<byte> truth, ReadOnlySpan<byte> prediction)
        {
            long both = 0, sizes = 0;
            for (int i = 0; i < truth.Length; i++)
            {
                bool g = truth[i] != 0, p = prediction[i] != 0;
                both += g && p ? 1 : 0;
                sizes += (g ? 1 : 0) + (p ? 1 : 0);
            }

            return sizes == 0 ? 1 : 2.0 * both / sizes;
        }

        /// <summary>The Dice of every class c (class c against the rest), 1 where neither map has the class.</summary>
        /// <param name="truth">The ground truth.</param>
        /// <param name="prediction">The prediction.</param>
        /// <param name="dice">Receives one value per class.</param>
        /// <param name="counts">Scratch of 3 x classes counts.</param>
        public static void PerClass(ReadOnlySpan<byte> truth, ReadOnlySpan<byte> prediction, Span<double> dice, Span<long> counts)
        {
            int classes = dice.Length;
            counts.Slice(0, 3 * classes).Clear();
            var inTruth = counts.Slice(0, classes);
            var inPrediction = counts.Slice(classes, classes);
            var inBoth = counts.Slice(2 * classes, classes);
            for (int i = 0; i < truth.Length; i++)
            {
                inTruth[truth[i]]++;
                inPrediction[prediction[i]]++;
                if (truth[i] == prediction[i])
                {
                    inBoth[truth[i]]++;
                }
            }

            for (int c = 0; c < classes; c++)
            {
                long sizes = inTruth[c] + inPrediction[c];
                dice[c] = sizes == 0 ? 1 : 2.0 * inBoth[c] / sizes;
            }
        }
    }
}
