namespace Microsoft.ML.NoisyLabels.Sweeps
{
    /// <summary>What a sweep ranks its trials by; higher is better for both.</summary>
    public enum SweepMetric
    {
        /// <summary>
        /// The held-out annotations' mean log-likelihood under the trained model, -<see cref="SweepTrial.ValidationCrossEntropy"/>.
        /// Used when there is no ground truth. It cannot tell a flipped segmentation from the right one: the flipped pair
        /// (p' = 1 - p, every matrix's columns swapped) predicts the annotations exactly as well.
        /// </summary>
        AnnotatorLikelihood = 0,

        /// <summary>The mean foreground Dice of the validation set's segmentations against its ground-truth column.</summary>
        ValidationDice = 1,
    }
}
