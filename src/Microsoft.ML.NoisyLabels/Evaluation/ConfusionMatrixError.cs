namespace Microsoft.ML.NoisyLabels.Evaluation
{
    /// <summary>
    /// The error of an estimated annotator confusion matrix against the one the ground truth implies (docs/METHOD.md,
    /// section 7), pure arithmetic. Matrices are column-normalised, indexed [observed][true] as the model's:
    /// entry (i, j) is p(annotator says i | truth is j).
    /// </summary>
    internal static class ConfusionMatrixError
    {
        /// <summary>
        /// The true matrix of one annotator on one image: entry (i, j) = #{pixels with annotation i and truth j} /
        /// #{pixels with truth j}. Columns of classes absent from the truth are left NaN. Returns the pixels per true class.
        /// </summary>
        public static void TrueMatrix(ReadOnlySpan<byte> truth, ReadOnlySpan<byte> annotation, int classes, Span<double> matrix, Span<long> columnPixels)
        {
            matrix.Slice(0, classes * classes).Clear();
            columnPixels.Slice(0, classes).Clear();
            for (int p = 0; p < truth.Length; p++)
            {
                matrix[(annotation[p] * classes) + truth[p]]++;
                columnPixels[truth[p]]++;
            }

            for (int j = 0; j < classes; j++)
            {
                for (int i = 0; i < classes; i++)
                {
                    int at = (i * classes) + j;
                    matrix[at] = columnPixels[j] == 0 ? double.NaN : matrix[at] / columnPixels[j];
                }
            }
        }

        /// <summary>
        /// Averages a per-pixel field of matrices, laid out [observed][true][pixel], column by column over the pixels
        /// whose truth is that column's class (the pixels the true matrix counts); columns of absent classes are NaN.
        /// </summary>
        public static void AverageField(ReadOnlySpan<float> field, ReadOnlySpan<byte> truth, int classes, ReadOnlySpan<long> columnPixels, Span<double> matrix)
        {
            int pixels = truth.Length;
            matrix.Slice(0, classes * classes).Clear();
            for (int i = 0; i < classes; i++)
            {
                for (int j = 0; j < classes; j++)
                {
                    var values = field.Slice(((i * classes) + j) * pixels, pixels);
                    double sum = 0;
                    for (int p = 0; p < pixels; p++)
                    {
                        if (truth[p] == j)
                        {
                            sum += values[p];
                        }
                    }

                    matrix[(i * classes) + j] = columnPixels[j] == 0 ? double.NaN : sum / columnPixels[j];
                }
            }
        }

        /// <summary>
        /// sqrt(mean over the entries of the columns present in the truth of (estimate - truth)^2). Columns whose
        /// class the truth lacks are skipped: the data say nothing of them.
        /// </summary>
        public static double RootMeanSquaredError(ReadOnlySpan<double> estimate, ReadOnlySpan<double> truth, int classes, ReadOnlySpan<long> columnPixels)
        {
            double sum = 0;
            int entries = 0;
            for (int j = 0; j < classes; j++)
            {
                if (columnPixels[j] == 0)
                {
                    continue;
                }

                for (int i = 0; i < classes; i++)
                {
                    double d = estimate[(i * classes) + j] - truth[(i * classes) + j];
                    sum += d * d;
                    entries++;
                }
            }

            return Math.Sqrt(sum / entries);
        }
    }
}
