namespace Microsoft.ML.NoisyLabels.Samples.Experiments.Ms
{
    /// <summary>What one MS trial (a method in a regime) measured on the test volumes.</summary>
    internal sealed class MsTrialResult
    {
        public required string Method { get; init; }

        public required string Title { get; init; }

        public required Regime Regime { get; init; }

        /// <summary>Mean foreground (lesion) Dice over the test volumes.</summary>
        public required double Dice { get; init; }

        /// <summary>Per test volume, that Dice.</summary>
        public required double[] DicePerVolume { get; init; }

        /// <summary>Lesions of the ground truth, pooled over the test volumes.</summary>
        public required long TruthLesions { get; init; }

        /// <summary>Ground-truth lesions that the prediction overlaps.</summary>
        public required long TruePositiveLesions { get; init; }

        /// <summary>Predicted lesions that overlap no ground-truth lesion.</summary>
        public required long FalsePositiveLesions { get; init; }

        /// <summary>Lesion-wise sensitivity, precision and F1 (pooled).</summary>
        public required double LesionSensitivity { get; init; }

        public required double LesionPrecision { get; init; }

        public required double LesionF1 { get; init; }

        /// <summary>Confusion-matrix RMSE over annotators and test volumes, when the method estimates matrices.</summary>
        public double? ConfusionRmse { get; init; }

        /// <summary>Per annotator, the mean estimated matrix (L x L, [observed][true]) over the test volumes.</summary>
        public double[][]? MeanConfusion { get; init; }

        /// <summary>Training time in seconds.</summary>
        public required double TrainingSeconds { get; init; }

        /// <summary>Whole-volume inference time per test volume, in seconds (sliding windows, ONNX Runtime).</summary>
        public required double SecondsPerVolume { get; init; }

        /// <summary>Per-epoch training summaries of the first network.</summary>
        public required EpochRecord[] History { get; init; }
    }
}
