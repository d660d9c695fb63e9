using Microsoft.ML.NoisyLabels.Sweeps;
using Microsoft.ML.NoisyLabels.Training;

namespace Microsoft.ML.NoisyLabels.Tests.Sweeps
{
    /// <summary>Tiny trainer settings and helpers shared by the sweep tests.</summary>
    internal static class SweepTestSupport
    {
        public const int Size = 8;

        /// <summary>
        /// A network small enough that a trial on 24 images of 8 x 8 takes tens of milliseconds, with a learning rate
        /// high enough that three epochs separate the lambdas.
        /// </summary>
        public static AnnotatorConfusionTrainer.Options TinyOptions() => new AnnotatorConfusionTrainer.Options
        {
            AnnotatorColumnNames = new[] { "A0", "A1" },
            Epochs = 3,
            WarmupEpochs = 1,
            LearningRate = 0.03,
            BatchSize = 8,
            NetworkWidth = 4,
            NetworkDepth = 1,
            Seed = 3,
        };

        /// <summary>The index of the first highest metric, a NaN never beating a number: what the sweep must pick.</summary>
        public static int ArgMax(IReadOnlyList<SweepTrial> trials)
        {
            int best = 0;
            for (int i = 1; i < trials.Count; i++)
            {
                double m = trials[i].Metric, b = trials[best].Metric;
                if (!double.IsNaN(m) && (double.IsNaN(b) || m > b))
                {
                    best = i;
                }
            }

            return best;
        }

        /// <summary>Collects reports on the calling thread (<see cref="Progress{T}"/> would post them elsewhere).</summary>
        public sealed class ProgressLog : IProgress<SweepProgress>
        {
            public List<SweepProgress> Reports { get; } = new List<SweepProgress>();

            public void Report(SweepProgress value) => Reports.Add(value);
        }
    }
}
