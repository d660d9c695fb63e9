namespace Microsoft.ML.NoisyLabels.Evaluation
{
    /// <summary>
    /// How well annotator confusion matrices are estimated (docs/METHOD.md, section 7), from
    /// <see cref="NoisyLabelsEvaluationCatalog.EvaluateConfusionMatrices"/>.
    /// </summary>
    /// <remarks>
    /// For annotator r on image n the true matrix is A*[i, j] = #{pixels annotated i whose truth is j} /
    /// #{pixels whose truth is j} (column-normalised, [observed][true], as the model's); a column whose class the
    /// image lacks is skipped. The estimate is either a matrix per image, or a field of per-pixel matrices whose column
    /// j is averaged over the pixels whose truth is j (the pixels the true column counts). RMSE(r, n) = sqrt(mean over
    /// the kept entries of (estimate - true)^2). Pairs where annotator r did not label image n are skipped.
    /// </remarks>
    public sealed class ConfusionMatrixErrorMetrics
    {
        internal ConfusionMatrixErrorMetrics(string[] annotatorColumnNames, double[] errorSums, int[] counts, bool perPixel)
        {
            AnnotatorColumnNames = annotatorColumnNames;
            PerAnnotatorCount = counts;
            PerAnnotatorRootMeanSquaredError = errorSums.Select((s, r) => counts[r] == 0 ? double.NaN : s / counts[r]).ToArray();
            Count = counts.Sum();
            RootMeanSquaredError = errorSums.Sum() / Count;
            IsPerPixel = perPixel;
        }

        /// <summary>The annotator columns, in the order of the estimate's first axis.</summary>
        public IReadOnlyList<string> AnnotatorColumnNames { get; }

        /// <summary>The mean of RMSE(r, n) over every pair of annotator r and image n that r labelled.</summary>
        public double RootMeanSquaredError { get; }

        /// <summary>The number of (annotator, image) pairs averaged.</summary>
        public int Count { get; }

        /// <summary>For each annotator, the mean of RMSE(r, n) over the images it labelled (NaN if none).</summary>
        public IReadOnlyList<double> PerAnnotatorRootMeanSquaredError { get; }

        /// <summary>For each annotator, the number of images it labelled.</summary>
        public IReadOnlyList<int> PerAnnotatorCount { get; }

        /// <summary>Whether the estimate was a per-pixel field [R, L, L, H, W] (true) or a matrix per image [R, L, L].</summary>
        public bool IsPerPixel { get; }
    }
}
