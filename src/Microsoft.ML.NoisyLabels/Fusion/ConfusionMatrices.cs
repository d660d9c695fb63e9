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
        /// right about a class that does not occur. Scoring (SPEC 7) skips such columns anyway.
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

        /// <summary>
        /// Writes the [observed][true] counts of each present annotator's labels against soft true-class weights
        /// [L, P] (a hard label is a one-hot weight), column-normalised; absent annotators get NaN.
        /// </summary>
        public static void FromWeights(in Annotations annotations, ReadOnlySpan<double> weights, Span<double> confusion)
        {
            int classes = annotations.Classes;
            int pixels = annotations.Pixels;
            int size = classes * classes;
            for (int r = 0; r < annotations.Raters; r++)
            {
                var matrix = confusion.Slice(r * size, size);
                if (!annotations.Present[r])
                {
                    matrix.Fill(double.NaN);
                    continue;
                }

                matrix.Clear();
                var row = annotations.Rater(r);
                for (int t = 0; t < classes; t++)
                {
                    var w = weights.Slice(t * pixels, pixels);
                    for (int i = 0; i < pixels; i++)
                    {
                        matrix[(row[i] * classes) + t] += w[i];
                    }
                }

                NormaliseColumns(matrix, classes);
            }
        }

        /// <summary>Writes the counts of each present annotator's labels against hard labels, column-normalised.</summary>
        public static void FromHardLabels(in Annotations annotations, ReadOnlySpan<byte> truth, Span<double> confusion)
        {
            int classes = annotations.Classes;
            int size = classes * classes;
            for (int r = 0; r < annotations.Raters; r++)
            {
                var matrix = confusion.Slice(r * size, size);
                if (!annotations.Present[r])
                {
                    matrix.Fill(double.NaN);
                    continue;
                }

                matrix.Clear();
                var row = annotations.Rater(r);
                for (int i = 0; i < row.Length; i++)
                {
                    matrix[(row[i] * classes) + truth[i]] += 1;
                }

                NormaliseColumns(matrix, classes);
            }
        }
    }
}
