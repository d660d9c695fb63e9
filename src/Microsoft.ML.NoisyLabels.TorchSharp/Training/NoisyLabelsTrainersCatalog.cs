using Microsoft.ML.NoisyLabels;
using Microsoft.ML.NoisyLabels.Training;

namespace Microsoft.ML
{
    /// <summary>
    /// The trainers of Microsoft.ML.NoisyLabels.TorchSharp, on <c>mlContext.NoisyLabels().Trainers</c> (extension
    /// methods, as ML.NET's own TorchSharp trainers extend its catalogs).
    /// </summary>
    public static class NoisyLabelsTrainersCatalogExtensions
    {
        /// <summary>
        /// The two-network model of "Learning to Segment When Experts Disagree": learns the true segmentation and every
        /// annotator's pixel-wise confusion matrices from the annotators' masks alone. See <see cref="AnnotatorConfusionTrainer"/>.
        /// </summary>
        /// <param name="catalog">The trainers catalog.</param>
        /// <param name="annotatorColumnNames">One column per annotator: vectors of H*W labels (key or numeric).</param>
        /// <param name="imageColumnName">The image column: a vector of Single, [C, H, W] or [H, W].</param>
        /// <param name="numberOfClasses">Number of classes L (2 for binary masks).</param>
        /// <param name="lambda">Weight of the trace regulariser.</param>
        /// <param name="epochs">Passes over the data.</param>
        public static AnnotatorConfusionTrainer AnnotatorConfusion(
            this NoisyLabelsTrainersCatalog catalog,
            string[] annotatorColumnNames,
            string imageColumnName = TrainerDefaults.ImageColumnName,
            int numberOfClasses = TrainerDefaults.NumberOfClasses,
            double lambda = TrainerDefaults.Lambda,
            int epochs = TrainerDefaults.Epochs)
            => new AnnotatorConfusionTrainer(catalog.Context, new AnnotatorConfusionTrainer.Options
            {
                AnnotatorColumnNames = annotatorColumnNames,
                ImageColumnName = imageColumnName,
                NumberOfClasses = numberOfClasses,
                Lambda = lambda,
                Epochs = epochs,
            });

        /// <summary>The two-network model with all its options. See <see cref="AnnotatorConfusionTrainer"/>.</summary>
        public static AnnotatorConfusionTrainer AnnotatorConfusion(this NoisyLabelsTrainersCatalog catalog, AnnotatorConfusionTrainer.Options options)
            => new AnnotatorConfusionTrainer(catalog.Context, options);

        /// <summary>
        /// A plain U-Net trained on one label column (hard labels, or soft class probabilities such as a mean label):
        /// the paper's baselines. See <see cref="SegmentationTrainer"/>.
        /// </summary>
        /// <param name="catalog">The trainers catalog.</param>
        /// <param name="labelColumnName">Labels: a vector of H*W classes, or of L*H*W probabilities laid out [L, H, W].</param>
        /// <param name="imageColumnName">The image column: a vector of Single, [C, H, W] or [H, W].</param>
        /// <param name="numberOfClasses">Number of classes L.</param>
        /// <param name="epochs">Passes over the data.</param>
        public static SegmentationTrainer Segmentation(
            this NoisyLabelsTrainersCatalog catalog,
            string labelColumnName,
            string imageColumnName = TrainerDefaults.ImageColumnName,
            int numberOfClasses = TrainerDefaults.NumberOfClasses,
            int epochs = TrainerDefaults.Epochs)
            => new SegmentationTrainer(catalog.Context, new SegmentationTrainer.Options
            {
                LabelColumnNames = new[] { labelColumnName },
                ImageColumnName = imageColumnName,
                NumberOfClasses = numberOfClasses,
                Epochs = epochs,
            });

        /// <summary>A plain U-Net (or one per label column) with all its options. See <see cref="SegmentationTrainer"/>.</summary>
        public static SegmentationTrainer Segmentation(this NoisyLabelsTrainersCatalog catalog, SegmentationTrainer.Options options)
            => new SegmentationTrainer(catalog.Context, options);
    }
}
