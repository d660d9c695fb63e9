using Microsoft.ML.NoisyLabels.Data;

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
        public static float[] Compute(IDataView input, string groundTruthColumn, LabelledImages annotations, int classes)
        {
            var truth = LabelledImagesReader.Read(input, null, new[] { groundTruthColumn }, classes, "ground-truth", annotations.Height);
            int n = annotations.Count, r = annotations.LabelMaps, l = classes, pixels = annotations.Pixels;
            var matrices = new float[n * r * l * l];
            var counts = new int[l * l];
            var columnTotals = new int[l];
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
                    Array.Clear(counts);
                    Array.Clear(columnTotals);
                    if (annotations.IsPresent(image, a))
                    {
                        var y = annotations.LabelsOf(image, a);
                        for (int p = 0; p < pixels; p++)
                        {
                            counts[(y[p] * l) + g[p]]++;
                            columnTotals[g[p]]++;
                        }
                    }

                    for (int j = 0; j < l; j++)
                    {
                        for (int i = 0; i < l; i++)
                        {
                            span[(i * l) + j] = columnTotals[j] == 0 ? (i == j ? 1f : 0f) : (float)counts[(i * l) + j] / columnTotals[j];
                        }
                    }
                }
            }

            return matrices;
        }
    }
}
