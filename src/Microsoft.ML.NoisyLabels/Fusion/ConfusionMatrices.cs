namespace Microsoft.ML.NoisyLabels.Fusion
{
    /// <summary>
    /// Helpers for confusion matrices stored row-major as [observed][true] (L x L): element (o, t) at o * L + t, the
    /// probability that an annotator writes o where the truth is t. Every column (true class) sums to 1.
    /// </summary>
    internal static class ConfusionMatrices
    {
        /// <summary>
        /// Divides every column of <paramref name="matrix"/> (soft counts) by its sum. A column with no weight (the true
        /// class never occurs) is undefined by the data; it becomes the identity column: an annotator is taken to be
        /// right about a class that does not occur. Scoring (docs/METHOD.md, section 7) skips such columns anyway.
        /// </summary>
        public static void NormaliseColumns(Span<double> matrix, int classes)
        {
            for (int t = 0; t < classes; t++)
            {
                double sum = 0;
                for (int o = 0; o < classes; o++)
                {
                    sum += matrix[(o * classes) + t];
                }

                if (sum > 0)
                {
                    for (int o = 0; o < classes; o++)
                    {
                        matrix[(o * classes) + t] /= sum;
                    }
                }
                else
                {
                    for (int o = 0; o < classes; o++)
                    {
                        matrix[(o * classes) + t] = o == t ? 1 : 0;
                    }
                }
            }
        }

        /// <summary>Sets the matrices of the annotators who did not label the image to NaN.</summary>
        public static void MarkAbsent(Span<double> confusion, ReadOnlySpan<bool> present, int classes)
        {
            if (confusion.IsEmpty)
            {
                return;
            }

            int size = classes * classes;
            for (int r = 0; r < present.Length; r++)
            {
                if (!present[r])
                {
                    confusion.Slice(r * size, size).Fill(double.NaN);
                }
            }
        }
    }
}
