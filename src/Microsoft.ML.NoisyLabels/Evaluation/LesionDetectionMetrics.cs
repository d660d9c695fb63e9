using Microsoft.ML.NoisyLabels.Volumes;

namespace Microsoft.ML.NoisyLabels.Evaluation
{
    /// <summary>
    /// Lesion-wise detection of predicted masks against the ground truth, from
    /// <see cref="NoisyLabelsEvaluationCatalog.EvaluateLesionDetection"/>: counts and rates per row and pooled over rows.
    /// </summary>
    public sealed class LesionDetectionMetrics
    {
        internal LesionDetectionMetrics(IReadOnlyList<LesionDetectionCounts> perRow, VoxelConnectivity connectivity, int minimumLesionVoxels)
        {
            PerRow = perRow;
            Connectivity = connectivity;
            MinimumLesionVoxels = minimumLesionVoxels;
            Total = new LesionDetectionCounts(
                perRow.Sum(r => r.TruthLesions), perRow.Sum(r => r.PredictedLesions), perRow.Sum(r => r.TruePositives), perRow.Sum(r => r.FalsePositives));
        }

        /// <summary>The counts summed over rows, and the rates of those sums (lesions pooled over volumes).</summary>
        public LesionDetectionCounts Total { get; }

        /// <summary>The counts and rates of each row, in row order.</summary>
        public IReadOnlyList<LesionDetectionCounts> PerRow { get; }

        /// <summary>The connectivity that defined a lesion.</summary>
        public VoxelConnectivity Connectivity { get; }

        /// <summary>The smallest lesion counted, in voxels; smaller components were ignored in both masks.</summary>
        public int MinimumLesionVoxels { get; }
    }
}
