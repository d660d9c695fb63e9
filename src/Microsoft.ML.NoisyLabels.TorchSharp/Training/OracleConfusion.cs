using Microsoft.ML.NoisyLabels.Data;
using Microsoft.ML.NoisyLabels.Evaluation;

namespace Microsoft.ML.NoisyLabels.Training
{
    /// <summary>
    /// The oracle's confusion matrices: for each image and annotator, the true matrix computed from the ground
    /// truth, A[i, j] = #{pixels with annotation i and truth j} / #{pixels with truth j}. A class absent from an
    /// image's ground truth gets an identity column (no pixel is constrained by it). Missing annotations get identity.
    /// </summary>
    internal static class OracleConfusion
    {
        /// <summary>Returns matrices [N, R, L, L] in the order of <paramref name="annotations"/>' rows.</summary>
        /// <param name="truth">The ground truth, one map per image, read in the same pass as <paramref name="annotations"/>.</param>
        /// <param name="annotations">The annotations.</param>
        /// <param name="classes">Classes L.</param>
        public static float[] Compute(LabelledImages truth, LabelledImages annotations, int classes)
        {
            string groundTruthColumn = truth.LabelColumns[0];
            int n = annotations.Count, r = annotations.LabelMaps, l = classes, pixels = annotations.Pixels;
            var matrices = new float[n * r * l * l];
            var matrix = new double[l * l];
            var columnPixels = new long[l];
            for (int image = 0; image < n; image++)
            {
                if (!truth.IsPresent(image, 0))
                {
                    throw new InvalidOperationException($"Ground-truth column '{groundTruthColumn}', row {image}: the oracle needs a ground truth for every image.");
                }

                var g = truth.LabelsOf(image, 0);
                for (int a = 0; a < r; a++)
                {
                    var span = matrices.AsSpan(((image * r) + a) * l * l, l * l);
                    if (annotations.IsPresent(image, a))
                    {
                        // The evaluator's own true matrix, so that the oracle is held to what the metric measures.
                        ConfusionMatrixError.TrueMatrix(g, annotations.LabelsOf(image, a), l, matrix, columnPixels);
                    }
                    else
                    {
                        columnPixels.AsSpan().Clear();
                    }

                    for (int j = 0; j < l; j++)
                    {
                        for (int i = 0; i < l; i++)
                        {
                            // No pixel of class j: its column constrains nothing, and the identity keeps A p = p there.
                            span[(i * l) + j] = columnPixels[j] == 0 ? (i == j ? 1f : 0f) : (float)matrix[(i * l) + j];
                        }
                    }
                }
            }

            return matrices;
        }
    }
}
