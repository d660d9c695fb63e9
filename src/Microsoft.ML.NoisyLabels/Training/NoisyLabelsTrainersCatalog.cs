namespace Microsoft.ML.NoisyLabels.Training
{
    /// <summary>
    /// The package's trainers. Obtain it with <c>mlContext.NoisyLabels().Trainers</c>.
    /// </summary>
    public sealed class NoisyLabelsTrainersCatalog
    {
        private readonly MLContext _mlContext;

        internal NoisyLabelsTrainersCatalog(MLContext mlContext)
        {
            _mlContext = mlContext;
        }

        /// <summary>
        /// The two-network model of "Learning to Segment When Experts Disagree": learns the true segmentation and every
        /// annotator's pixel-wise confusion matrices from the annotators' masks alone. See <see cref="AnnotatorConfusionTrainer"/>.
        /// </summary>
        /// <param name="annotatorColumnNames">One column per annotator: vectors of H*W labels (key or numeric).</param>
        /// <param name="imageColumnName">The image column: a vector of Single, [C, H, W] or [H, W].</param>
        /// <param name="numberOfClasses">Number of classes L (2 for binary masks).</param>
        /// <param name="lambda">Weight of the trace regulariser.</param>
        /// <param name="epochs">Passes over the data.</param>
        public AnnotatorConfusionTrainer AnnotatorConfusion(
            string[] annotatorColumnNames,
            string imageColumnName = TrainerDefaults.ImageColumnName,
            int numberOfClasses = TrainerDefaults.NumberOfClasses,
            double lambda = TrainerDefaults.Lambda,
            int epochs = TrainerDefaults.Epochs)
            => new AnnotatorConfusionTrainer(_mlContext, new AnnotatorConfusionTrainer.Options
            {
                AnnotatorColumnNames = annotatorColumnNames,
                ImageColumnName = imageColumnName,
                NumberOfClasses = numberOfClasses,
                Lambda = lambda,
                Epochs = epochs,
            });

        /// <summary>The two-network model with all its options. See <see cref="AnnotatorConfusionTrainer"/>.</summary>
        public AnnotatorConfusionTrainer AnnotatorConfusion(AnnotatorConfusionTrainer.Options options)
            => new AnnotatorConfusionTrainer(_mlContext, options);

        /// <summary>
        /// A plain U-Net trained on one label column (hard labels, or soft class probabilities such as a mean label):
        /// the paper's baselines. See <see cref="SegmentationTrainer"/>.
        /// </summary>
        /// <param name="labelColumnName">Labels: a vector of H*W classes, or of L*H*W probabilities laid out [L, H, W].</param>
        /// <param name="imageColumnName">The image column: a vector of Single, [C, H, W] or [H, W].</param>
        /// <param name="numberOfClasses">Number of classes L.</param>
        /// <param name="epochs">Passes over the data.</param>
        public SegmentationTrainer Segmentation(
            string labelColumnName,
            string imageColumnName = TrainerDefaults.ImageColumnName,
            int numberOfClasses = TrainerDefaults.NumberOfClasses,
            int epochs = TrainerDefaults.Epochs)
            => new SegmentationTrainer(_mlContext, new SegmentationTrainer.Options
            {
                LabelColumnNames = new[] { labelColumnName },
                ImageColumnName = imageColumnName,
                NumberOfClasses = numberOfClasses,
                Epochs = epochs,
            });

        /// <summary>A plain U-Net (or one per label column) with all its options. See <see cref="SegmentationTrainer"/>.</summary>
        public SegmentationTrainer Segmentation(SegmentationTrainer.Options options)
            => new SegmentationTrainer(_mlContext, options);
    }
}
