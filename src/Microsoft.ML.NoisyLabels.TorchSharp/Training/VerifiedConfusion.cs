using Microsoft.ML.NoisyLabels.Data;
using Microsoft.ML.NoisyLabels.Evaluation;

namespace Microsoft.ML.NoisyLabels.Training
{
    /// <summary>
    /// Where the confusion matrices start when some images have a verified mask: each annotator's matrix counted on
    /// those images, annotation against verified mask, pooled over the images and smoothed by one pixel per entry. From
    /// the usual start near identity, the matrices of annotators who share one bias are pulled back towards the identity
    /// by the images without a verified mask faster than those with one can teach the bias (the package's
    /// VerifiedLabelsTests); starting from what the verified images show, joint training begins in the right basin.
    /// </summary>
    internal static class VerifiedConfusion
    {
        /// <summary>
        /// Returns log-matrices [R, L, L] indexed [annotator][observed][true]; an annotator who labelled none of the
        /// verified images keeps <paramref name="diagonalBias"/> on the diagonal and 0 elsewhere (the default start).
        /// </summary>
        /// <param name="verified">The verified masks, one map per image, missing where an image has none.</param>
        /// <param name="annotations">The annotations, read in the same pass.</param>
        /// <param name="classes">Classes L.</param>
        /// <param name="diagonalBias">The default start's diagonal logit.</param>
        public static float[] StartingLogits(LabelledImages verified, LabelledImages annotations, int classes, double diagonalBias)
        {
            int r = annotations.LabelMaps, l = classes;
            var counts = new double[r * l * l];
            var labelled = new bool[r];
            var matrix = new double[l * l];
            var columnPixels = new long[l];
            for (int image = 0; image < annotations.Count; image++)
            {
                if (!verified.IsPresent(image, 0))
                {
                    continue;
                }

                var truth = verified.LabelsOf(image, 0);
                for (int a = 0; a < r; a++)
                {
                    if (!annotations.IsPresent(image, a))
                    {
                        continue;
                    }

                    labelled[a] = true;
                    // The evaluator's own matrix (column-normalised), turned back into pixel counts to pool the images.
                    ConfusionMatrixError.TrueMatrix(truth, annotations.LabelsOf(image, a), l, matrix, columnPixels);
                    for (int i = 0; i < l; i++)
                    {
                        for (int j = 0; j < l; j++)
                        {
                            counts[(((a * l) + i) * l) + j] += matrix[(i * l) + j] * columnPixels[j];
                        }
                    }
                }
            }

            var logits = new float[r * l * l];
            for (int a = 0; a < r; a++)
            {
                for (int j = 0; j < l; j++)
                {
                    double total = 0;
                    for (int i = 0; i < l; i++)
                    {
                        total += counts[(((a * l) + i) * l) + j];
                    }

                    for (int i = 0; i < l; i++)
                    {
                        int at = (((a * l) + i) * l) + j;
                        logits[at] = labelled[a]
                            ? (float)Math.Log((counts[at] + 1) / (total + l))
                            : (i == j ? (float)diagonalBias : 0f);
                    }
                }
            }

            return logits;
        }
    }
}
