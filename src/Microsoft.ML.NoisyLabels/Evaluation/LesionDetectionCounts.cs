namespace Microsoft.ML.NoisyLabels.Evaluation
{
    /// <summary>
    /// Lesion-wise detection counts of one volume, or pooled over volumes (<see cref="LesionDetectionMetrics.Total"/>),
    /// and the rates derived from them. A lesion is a connected component of a mask.
    /// </summary>
    /// <remarks>
    /// A ground-truth lesion is detected (a true positive) when any voxel of it is predicted; otherwise it is a false
    /// negative. A predicted lesion that touches no ground-truth lesion is a false positive. Sensitivity is
    /// TruePositives / TruthLesions; precision is the share of predicted lesions that touch a ground-truth lesion,
    /// (PredictedLesions - FalsePositives) / PredictedLesions, so one prediction covering two lesions counts once on
    /// each side; F1 is their harmonic mean. A rate whose denominator is 0 is NaN; F1 is then 0 when the other side has
    /// lesions (everything there is an error), and NaN when neither has any.
    /// </remarks>
    public sealed class LesionDetectionCounts
    {
        internal LesionDetectionCounts(long truthLesions, long predictedLesions, long truePositives, long falsePositives)
        {
            TruthLesions = truthLesions;
            PredictedLesions = predictedLesions;
            TruePositives = truePositives;
            FalsePositives = falsePositives;
            Sensitivity = truthLesions == 0 ? double.NaN : (double)truePositives / truthLesions;
            Precision = predictedLesions == 0 ? double.NaN : (double)(predictedLesions - falsePositives) / predictedLesions;
            F1 = (truthLesions, predictedLesions) switch
            {
                (0, 0) => double.NaN,
                (0, _) or (_, 0) => 0,
                _ => Sensitivity + Precision == 0 ? 0 : 2 * Sensitivity * Precision / (Sensitivity + Precision),
            };
        }

        /// <summary>The ground-truth lesions (of at least the minimum size).</summary>
        public long TruthLesions { get; }

        /// <summary>The predicted lesions (of at least the minimum size).</summary>
        public long PredictedLesions { get; }

        /// <summary>Ground-truth lesions overlapped by the prediction.</summary>
        public long TruePositives { get; }

        /// <summary>Ground-truth lesions the prediction does not touch.</summary>
        public long FalseNegatives => TruthLesions - TruePositives;

        /// <summary>Predicted lesions that touch no ground-truth lesion.</summary>
        public long FalsePositives { get; }

        /// <summary>Lesion-wise sensitivity (true-positive rate), 0..1; NaN without ground-truth lesions.</summary>
        public double Sensitivity { get; }

        /// <summary>Lesion-wise precision (1 - false-discovery rate), 0..1; NaN without predicted lesions.</summary>
        public double Precision { get; }

        /// <summary>The harmonic mean of <see cref="Sensitivity"/> and <see cref="Precision"/> (see the remarks for the empty cases).</summary>
        public double F1 { get; }
    }
}
