using Microsoft.ML.NoisyLabels.Training;

namespace Microsoft.ML.NoisyLabels.Samples.Experiments
{
    /// <summary>What one trial (a method, a regime, a seed) measured on the test images.</summary>
    internal sealed class TrialResult
    {
        public required string Method { get; init; }

        public required string Title { get; init; }

        public required Regime Regime { get; init; }

        public required int Seed { get; init; }

        /// <summary>Mean foreground Dice over the test images.</summary>
        public required double Dice { get; init; }

        /// <summary>Mean confusion-matrix RMSE over annotators and test images (docs/METHOD.md, section 7), when the method estimates matrices.</summary>
        public double? ConfusionRmse { get; init; }

        /// <summary>Per annotator, that RMSE.</summary>
        public double[]? ConfusionRmsePerAnnotator { get; init; }

        /// <summary>Per annotator, the mean estimated matrix (L x L, [observed][true]) over the test images.</summary>
        public double[][]? MeanConfusion { get; init; }

        public required double Seconds { get; init; }

        /// <summary>Per-epoch training summaries of the first network.</summary>
        public required EpochRecord[] History { get; init; }

        /// <summary>Predicted masks of the first test images (figures; the first seed only).</summary>
        public float[][]? SamplePredictions { get; init; }
    }

    /// <summary>Finding trials among the results.</summary>
    internal static class TrialResults
    {
        /// <summary>The trials of <paramref name="method"/> in <paramref name="regime"/>, every seed.</summary>
        public static IEnumerable<TrialResult> Of(this IEnumerable<TrialResult> results, Regime regime, string method)
            => results.Where(r => r.Regime == regime && r.Method == method);

        /// <summary>The seed-1 trial of <paramref name="method"/> in <paramref name="regime"/> (the figures show it), or null.</summary>
        public static TrialResult? Seed1(this IEnumerable<TrialResult> results, Regime regime, string method)
            => results.Of(regime, method).FirstOrDefault(r => r.Seed == 1);
    }

    /// <summary>The per-epoch figures the report plots (a serialisable copy of <see cref="EpochSummary"/>).</summary>
    internal sealed record EpochRecord(int Epoch, string Stage, double Loss, double CrossEntropy, double Trace, double MeanConfusionDiagonal, double MajorityDisagreement, double ImagesPerSecond, double? ValidationDice = null)
    {
        public static EpochRecord From(EpochSummary summary) => new(
            summary.Epoch,
            summary.Stage.ToString(),
            summary.Loss,
            summary.CrossEntropy,
            summary.Trace,
            summary.MeanConfusionDiagonal.Count == 0 ? double.NaN : summary.MeanConfusionDiagonal.Where(d => !double.IsNaN(d)).DefaultIfEmpty(double.NaN).Average(),
            summary.MajorityDisagreement,
            summary.ImagesPerSecond,
            summary.ValidationDice);
    }
}
