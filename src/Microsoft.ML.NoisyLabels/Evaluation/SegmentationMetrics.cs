namespace Microsoft.ML.NoisyLabels.Evaluation
{
    /// <summary>
    /// Segmentation quality of predicted label maps against the ground truth (docs/METHOD.md, section 7), from
    /// <see cref="NoisyLabelsEvaluationCatalog.EvaluateSegmentation"/>.
    /// </summary>
    /// <remarks>
    /// Dice is computed per image and then averaged over images. It is the foreground Dice: for two classes, of class
    /// 1; for more, of "any class but 0" against the background. An image where both maps are empty scores 1.
    /// <see cref="PerClassDice"/> gives every class separately; averaging it over classes including the background
    /// (as some reference code does) inflates the score and is not a Dice.
    /// </remarks>
    public sealed class SegmentationMetrics
    {
        internal SegmentationMetrics(int classes, double[] perImageDice, double[] perClassDice, double[] perClassDiceStandardDeviation)
        {
            NumberOfClasses = classes;
            PerImageDice = perImageDice;
            PerClassDice = perClassDice;
            PerClassDiceStandardDeviation = perClassDiceStandardDeviation;
            (Dice, DiceStandardDeviation) = MeanAndStandardDeviation(perImageDice);
        }

        /// <summary>The number of classes L the label maps use.</summary>
        public int NumberOfClasses { get; }

        /// <summary>The number of images evaluated.</summary>
        public int Count => PerImageDice.Count;

        /// <summary>The foreground Dice, 0..1, averaged over images.</summary>
        public double Dice { get; }

        /// <summary>The standard deviation of the per-image foreground Dice (sample, n - 1; 0 for a single image).</summary>
        public double DiceStandardDeviation { get; }

        /// <summary>The foreground Dice of each image, in row order.</summary>
        public IReadOnlyList<double> PerImageDice { get; }

        /// <summary>
        /// The Dice of each class c = 0..L-1 (class c against all others), averaged over images; an image where neither
        /// map has the class scores 1. Entry 0 is the background.
        /// </summary>
        public IReadOnlyList<double> PerClassDice { get; }

        /// <summary>The standard deviation over images of each class's Dice (sample, n - 1).</summary>
        public IReadOnlyList<double> PerClassDiceStandardDeviation { get; }

        internal static (double Mean, double StandardDeviation) MeanAndStandardDeviation(IReadOnlyList<double> values)
        {
            if (values.Count == 0)
            {
                return (double.NaN, double.NaN);
            }

            double mean = values.Average();
            if (values.Count == 1)
            {
                return (mean, 0);
            }

            double squares = values.Sum(v => (v - mean) * (v - mean));
            return (mean, Math.Sqrt(squares / (values.Count - 1)));
        }
    }
}
