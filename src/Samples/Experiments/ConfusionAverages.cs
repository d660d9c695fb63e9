using Microsoft.ML.NoisyLabels.Evaluation;

namespace Microsoft.ML.NoisyLabels.Samples.Experiments
{
    /// <summary>
    /// Mean confusion matrices over test images, for the paper's Fig. 3: the true matrix of each annotator on each
    /// image from the ground truth, and an estimate averaged as docs/METHOD.md (section 7) does (column j over the pixels whose
    /// truth is j). Matrices are L x L, row-major [observed][true].
    /// </summary>
    internal static class ConfusionAverages
    {
        public const int Classes = 2;

        /// <summary>Mean true matrices per annotator.</summary>
        public static double[][] True(IReadOnlyList<AnnotatedRow> rows, IReadOnlyList<string> annotators)
            => True(rows.Select(r => r.Mask).ToArray(), annotators.Count, (n, r) => rows[n].Annotation(annotators[r]));

        /// <summary>
        /// Mean true matrices per annotator, over images (or volumes) <paramref name="truths"/>; annotator r's mask of
        /// image n is <paramref name="annotation"/>(n, r).
        /// </summary>
        public static double[][] True(IReadOnlyList<float[]> truths, int annotators, Func<int, int, float[]> annotation)
        {
            var sums = Enumerable.Range(0, annotators).Select(_ => new double[Classes * Classes]).ToArray();
            var counts = Enumerable.Range(0, annotators).Select(_ => new double[Classes]).ToArray();
            var matrix = new double[Classes * Classes];
            var columnPixels = new long[Classes];
            for (int n = 0; n < truths.Count; n++)
            {
                var truth = Labels(truths[n]);
                for (int r = 0; r < annotators; r++)
                {
                    // The evaluator's true matrix: the figure shows what the confusion-matrix error is measured against.
                    ConfusionMatrixError.TrueMatrix(truth, Labels(annotation(n, r)), Classes, matrix, columnPixels);
                    Accumulate(sums[r], counts[r], matrix, columnPixels);
                }
            }

            return Finish(sums, counts);
        }

        /// <summary>
        /// Mean estimated matrices per annotator from a confusion column of <paramref name="estimates"/> (one per test
        /// row): per image [R, L, L] or per pixel [R, L, L, P].
        /// </summary>
        public static double[][] Estimated(IReadOnlyList<AnnotatedRow> rows, IReadOnlyList<float[]> estimates, int annotators)
            => Estimated(rows.Select(r => r.Mask).ToArray(), estimates, annotators);

        /// <summary>The same, for images (or volumes) whose ground truths are <paramref name="truths"/>.</summary>
        public static double[][] Estimated(IReadOnlyList<float[]> truths, IReadOnlyList<float[]> estimates, int annotators)
        {
            var sums = Enumerable.Range(0, annotators).Select(_ => new double[Classes * Classes]).ToArray();
            var counts = Enumerable.Range(0, annotators).Select(_ => new double[Classes]).ToArray();
            var matrix = new double[Classes * Classes];
            var columnPixels = new long[Classes];
            for (int n = 0; n < truths.Count; n++)
            {
                var truth = Labels(truths[n]);
                int pixels = truth.Length;
                columnPixels.AsSpan().Clear();
                foreach (byte t in truth)
                {
                    columnPixels[t]++;
                }

                var estimate = estimates[n];
                bool perPixel = estimate.Length == annotators * Classes * Classes * pixels;
                for (int r = 0; r < annotators; r++)
                {
                    if (perPixel)
                    {
                        // Column j averaged over the pixels whose truth is j, as the evaluator averages a field.
                        int size = Classes * Classes * pixels;
                        ConfusionMatrixError.AverageField(estimate.AsSpan(r * size, size), truth, Classes, columnPixels, matrix);
                    }
                    else
                    {
                        for (int k = 0; k < Classes * Classes; k++)
                        {
                            matrix[k] = estimate[(r * Classes * Classes) + k];
                        }
                    }

                    Accumulate(sums[r], counts[r], matrix, columnPixels);
                }
            }

            return Finish(sums, counts);
        }

        // The masks hold class indices as floats; the evaluator's helpers read class bytes.
        private static byte[] Labels(float[] mask) => mask.Select(v => (byte)v).ToArray();

        // Adds one image's column-normalised matrix; classes absent from the image are skipped.
        private static void Accumulate(double[] sum, double[] count, double[] matrix, long[] columnPixels)
        {
            for (int j = 0; j < Classes; j++)
            {
                if (columnPixels[j] == 0)
                {
                    continue;
                }

                for (int i = 0; i < Classes; i++)
                {
                    sum[(i * Classes) + j] += matrix[(i * Classes) + j];
                }

                count[j]++;
            }
        }

        private static double[][] Finish(double[][] sums, double[][] counts)
            => sums.Select((sum, r) => sum.Select((v, k) => counts[r][k % Classes] == 0 ? double.NaN : v / counts[r][k % Classes]).ToArray()).ToArray();
    }
}
