using Microsoft.ML.NoisyLabels.Fusion;

namespace Microsoft.ML.NoisyLabels
{
    // The label-fusion entry points (the class is documented in NoisyLabelsCatalog.cs).
    public sealed partial class NoisyLabelsTransformsCatalog
    {
        /// <summary>
        /// Fuses annotator label maps by majority vote; ties go to the smallest class.
        /// </summary>
        /// <param name="outputColumnName">The fused-label column to create (vector of <see cref="float"/>, 0..L-1).</param>
        /// <param name="annotatorColumnNames">One column per annotator: vectors of key or numeric labels, all of one size.</param>
        /// <param name="numberOfClasses">L; null for the key count of key-typed columns, or 2.</param>
        /// <param name="probabilitiesColumnName">The column for the class probabilities [L, P] (one-hot), or null.</param>
        /// <param name="confusionMatricesColumnName">The column for the confusion matrices [R, L, L], or null.</param>
        public MajorityVoteEstimator MajorityVote(
            string outputColumnName,
            string[] annotatorColumnNames,
            int? numberOfClasses = null,
            string? probabilitiesColumnName = null,
            string? confusionMatricesColumnName = null)
            => MajorityVote(new MajorityVoteEstimator.Options
            {
                OutputColumnName = outputColumnName,
                AnnotatorColumnNames = annotatorColumnNames,
                NumberOfClasses = numberOfClasses,
                ProbabilitiesColumnName = probabilitiesColumnName,
                ConfusionMatricesColumnName = confusionMatricesColumnName,
            });

        /// <summary>Fuses annotator label maps by majority vote, with all options.</summary>
        /// <param name="options">The options.</param>
        public MajorityVoteEstimator MajorityVote(MajorityVoteEstimator.Options options) => new MajorityVoteEstimator(Context, options);

        /// <summary>
        /// Fuses annotator label maps into the mean label: the posterior is the fraction of annotators giving each class.
        /// </summary>
        /// <param name="outputColumnName">The fused-label column to create (the posterior's argmax).</param>
        /// <param name="annotatorColumnNames">One column per annotator: vectors of key or numeric labels, all of one size.</param>
        /// <param name="numberOfClasses">L; null for the key count of key-typed columns, or 2.</param>
        /// <param name="probabilitiesColumnName">The column for the class probabilities [L, P] (the soft labels), or null.</param>
        /// <param name="confusionMatricesColumnName">The column for the confusion matrices [R, L, L], or null.</param>
        public MeanLabelEstimator MeanLabel(
            string outputColumnName,
            string[] annotatorColumnNames,
            int? numberOfClasses = null,
            string? probabilitiesColumnName = null,
            string? confusionMatricesColumnName = null)
            => MeanLabel(new MeanLabelEstimator.Options
            {
                OutputColumnName = outputColumnName,
                AnnotatorColumnNames = annotatorColumnNames,
                NumberOfClasses = numberOfClasses,
                ProbabilitiesColumnName = probabilitiesColumnName,
                ConfusionMatricesColumnName = confusionMatricesColumnName,
            });

        /// <summary>Fuses annotator label maps into the mean label, with all options.</summary>
        /// <param name="options">The options.</param>
        public MeanLabelEstimator MeanLabel(MeanLabelEstimator.Options options) => new MeanLabelEstimator(Context, options);

        /// <summary>
        /// Fuses annotator label maps with STAPLE (binary: ITK's STAPLEImageFilter; more classes: multi-label STAPLE).
        /// </summary>
        /// <param name="outputColumnName">The fused-label column to create.</param>
        /// <param name="annotatorColumnNames">One column per annotator: vectors of key or numeric labels, all of one size.</param>
        /// <param name="numberOfClasses">L; null for the key count of key-typed columns, or 2.</param>
        /// <param name="probabilitiesColumnName">The column for the class probabilities [L, P] (the posterior), or null.</param>
        /// <param name="confusionMatricesColumnName">The column for the estimated confusion matrices [R, L, L], or null.</param>
        public StapleEstimator Staple(
            string outputColumnName,
            string[] annotatorColumnNames,
            int? numberOfClasses = null,
            string? probabilitiesColumnName = null,
            string? confusionMatricesColumnName = null)
            => Staple(new StapleEstimator.Options
            {
                OutputColumnName = outputColumnName,
                AnnotatorColumnNames = annotatorColumnNames,
                NumberOfClasses = numberOfClasses,
                ProbabilitiesColumnName = probabilitiesColumnName,
                ConfusionMatricesColumnName = confusionMatricesColumnName,
            });

        /// <summary>Fuses annotator label maps with STAPLE, with all options.</summary>
        /// <param name="options">The options.</param>
        public StapleEstimator Staple(StapleEstimator.Options options) => new StapleEstimator(Context, options);

        /// <summary>
        /// Fuses annotator label maps with Spatial STAPLE: confusion matrices that vary over the image, estimated in
        /// windows. The image shape comes from the annotator columns' dimensions ([H, W] or [D, H, W]).
        /// </summary>
        /// <param name="outputColumnName">The fused-label column to create.</param>
        /// <param name="annotatorColumnNames">One column per annotator: vectors of key or numeric labels, all of one size.</param>
        /// <param name="windowRadius">The window radius r, at least 1 (windows 2r+1 wide).</param>
        /// <param name="numberOfClasses">L; null for the key count of key-typed columns, or 2.</param>
        /// <param name="probabilitiesColumnName">The column for the class probabilities [L, P] (the posterior), or null.</param>
        /// <param name="confusionMatricesColumnName">The column for the pixel-averaged confusion matrices [R, L, L], or null.</param>
        public SpatialStapleEstimator SpatialStaple(
            string outputColumnName,
            string[] annotatorColumnNames,
            int windowRadius = FusionDefaults.WindowRadius,
            int? numberOfClasses = null,
            string? probabilitiesColumnName = null,
            string? confusionMatricesColumnName = null)
            => SpatialStaple(new SpatialStapleEstimator.Options
            {
                OutputColumnName = outputColumnName,
                AnnotatorColumnNames = annotatorColumnNames,
                WindowRadius = windowRadius,
                NumberOfClasses = numberOfClasses,
                ProbabilitiesColumnName = probabilitiesColumnName,
                ConfusionMatricesColumnName = confusionMatricesColumnName,
            });

        /// <summary>Fuses annotator label maps with Spatial STAPLE, with all options.</summary>
        /// <param name="options">The options.</param>
        public SpatialStapleEstimator SpatialStaple(SpatialStapleEstimator.Options options) => new SpatialStapleEstimator(Context, options);
    }
}
