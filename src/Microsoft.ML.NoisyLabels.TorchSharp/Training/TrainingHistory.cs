using Microsoft.ML.NoisyLabels.Networks;

namespace Microsoft.ML.NoisyLabels.Training
{
    /// <summary>What one epoch of training measured.</summary>
    public sealed class EpochSummary
    {
        private readonly bool _annotatorModel;

        internal EpochSummary(int epoch, bool annotatorModel, ConfusionStage stage, double loss, double crossEntropy, double trace, double[] meanConfusionDiagonal,
            double majorityDisagreement, double? validationLoss, double? validationDice, double imagesPerSecond)
        {
            Epoch = epoch;
            _annotatorModel = annotatorModel;
            Stage = stage;
            Loss = loss;
            CrossEntropy = crossEntropy;
            Trace = trace;
            MeanConfusionDiagonal = meanConfusionDiagonal;
            MajorityDisagreement = majorityDisagreement;
            ValidationLoss = validationLoss;
            ValidationDice = validationDice;
            ImagesPerSecond = imagesPerSecond;
        }

        /// <summary>The epoch, from 1.</summary>
        public int Epoch { get; }

        /// <summary>Which confusion matrices this epoch trained with (identity during the warm-up).</summary>
        public ConfusionStage Stage { get; }

        /// <summary>Mean training loss per image over the epoch.</summary>
        public double Loss { get; }

        /// <summary>Mean cross-entropy term per image.</summary>
        public double CrossEntropy { get; }

        /// <summary>Mean trace term per image (before multiplying by lambda).</summary>
        public double Trace { get; }

        /// <summary>
        /// Per annotator, the mean diagonal of the estimated confusion matrices over the epoch's pixels (1 for
        /// identity). Empty without annotator matrices. Below 0.5 the segmentation has probably flipped.
        /// </summary>
        public IReadOnlyList<double> MeanConfusionDiagonal { get; }

        /// <summary>
        /// Fraction of pixels with a strict majority among the annotations where the segmentation disagrees with it.
        /// Above 0.5 the segmentation has probably flipped.
        /// </summary>
        public double MajorityDisagreement { get; }

        /// <summary>Loss on the validation set (cross-entropy, without the trace term), when one was given.</summary>
        public double? ValidationLoss { get; }

        /// <summary>Mean foreground Dice on the validation set, when it has a ground-truth column.</summary>
        public double? ValidationDice { get; }

        /// <summary>Training throughput.</summary>
        public double ImagesPerSecond { get; }

        /// <inheritdoc />
        public override string ToString()
        {
            string stage = Stage switch
            {
                ConfusionStage.Identity when _annotatorModel => " (warm-up)",
                ConfusionStage.Global => " (global matrices)",
                _ => string.Empty,
            };
            string text = $"epoch {Epoch}{stage}: loss {Loss:F4} (CE {CrossEntropy:F4}, trace {Trace:F4})";
            if (MeanConfusionDiagonal.Count > 0)
            {
                text += ", CM diagonal " + string.Join(" ", MeanConfusionDiagonal.Select(d => d.ToString("F3", System.Globalization.CultureInfo.InvariantCulture)));
            }

            text += $", disagreement with majority {MajorityDisagreement:P1}";
            if (ValidationLoss is double vl)
            {
                text += $", validation loss {vl:F4}";
            }

            if (ValidationDice is double vd)
            {
                text += $", validation Dice {vd:F4}";
            }

            return text + $", {ImagesPerSecond:F0} images/s";
        }
    }

    /// <summary>Progress of a training run, reported after every batch.</summary>
    public readonly record struct TrainingProgress(int Epoch, int Epochs, int Batch, int Batches, double Loss);
}
