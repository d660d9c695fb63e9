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
        {
            var sums = annotators.Select(_ => new double[Classes * Classes]).ToArray();
            var counts = annotators.Select(_ => new double[Classes]).ToArray();
            foreach (var row in rows)
            {
                for (int r = 0; r < annotators.Count; r++)
                {
                    var annotation = row.Annotation(annotators[r]);
                    var counted = new double[Classes * Classes];
                    var totals = new double[Classes];
                    for (int p = 0; p < row.Mask.Length; p++)
                    {
                        int truth = (int)row.Mask[p];
                        counted[((int)annotation[p] * Classes) + truth]++;
                        totals[truth]++;
                    }

                    Accumulate(sums[r], counts[r], counted, totals);
                }
            }

            return Finish(sums, counts);
        }

        /// <summary>
        /// Mean estimated matrices per annotator from a confusion column of <paramref name="estimates"/> (one per test
        /// row): per image [R, L, L] or per pixel [R, L, L, P].
        /// </summary>
        public static double[][] Estimated(IReadOnlyList<AnnotatedRow> rows, IReadOnlyList<float[]> estimates, int annotators)
        {
            var sums = Enumerable.Range(0, annotators).Select(_ => new double[Classes * Classes]).ToArray();
            var counts = Enumerable.Range(0, annotators).Select(_ => new double[Classes]).ToArray();
            for (int n = 0; n < rows.Count; n++)
            {
                var mask = rows[n].Mask;
                int pixels = mask.Length;
                var estimate = estimates[n];
                bool perPixel = estimate.Length == annotators * Classes * Classes * pixels;
                for (int r = 0; r < annotators; r++)
                {
                    var column = new double[Classes * Classes];
                    var totals = new double[Classes];
                    for (int p = 0; p < pixels; p++)
                    {
                        int truth = (int)mask[p];
                        totals[truth]++;
                        for (int observed = 0; observed < Classes; observed++)
                        {
                            int entry = (((r * Classes) + observed) * Classes) + truth;
                            column[(observed * Classes) + truth] += perPixel ? estimate[(entry * pixels) + p] : estimate[entry];
                        }
                    }

                    Accumulate(sums[r], counts[r], column, totals);
                }
            }

            return Finish(sums, counts);
        }

        // Adds one image's column-normalised matrix; classes absent from the image are skipped.
        private static void Accumulate(double[] sum, double[] count, double[] counted, double[] totals)
        {
            for (int j = 0; j < Classes; j++)
            {
                if (totals[j] == 0)
                {
                    continue;
                }

                for (int i = 0; i < Classes; i++)
                {
                    sum[(i * Classes) + j] += counted[(i * Classes) + j] / totals[j];
                }

                count[j]++;
            }
        }

        private static double[][] Finish(double[][] sums, double[][] counts)
            => sums.Select((sum, r) => sum.Select((v, k) => counts[r][k % Classes] == 0 ? double.NaN : v / counts[r][k % Classes]).ToArray()).ToArray();
    }
}
