using Microsoft.ML.NoisyLabels.Training;

namespace Microsoft.ML.NoisyLabels.Sweeps
{
    /// <summary>The outcome of a sweep: every trial, the best of them, and its fitted model.</summary>
    public sealed class LambdaSweepResult
    {
        internal LambdaSweepResult(SweepMetric metric, IReadOnlyList<SweepTrial> trials, int bestTrialIndex, SegmentationTransformer bestModel)
        {
            Metric = metric;
            Trials = trials;
            BestTrialIndex = bestTrialIndex;
            BestModel = bestModel;
        }

        /// <summary>What the trials were ranked by: validation Dice with a ground-truth column, else the annotations' likelihood.</summary>
        public SweepMetric Metric { get; }

        /// <summary>Every trial, in the order they ran: for each configuration in turn, every lambda of the grid in order.</summary>
        public IReadOnlyList<SweepTrial> Trials { get; }

        /// <summary>
        /// The index of the trial with the highest <see cref="SweepTrial.Metric"/>; the first of equal ones, and never a
        /// trial whose metric is NaN unless all are.
        /// </summary>
        public int BestTrialIndex { get; }

        /// <summary>The best trial.</summary>
        public SweepTrial BestTrial => Trials[BestTrialIndex];

        /// <summary>The best trial's fitted model. The other trials' models are released as the sweep goes.</summary>
        public SegmentationTransformer BestModel { get; }
    }
}
