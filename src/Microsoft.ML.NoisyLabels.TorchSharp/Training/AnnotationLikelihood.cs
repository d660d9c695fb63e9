namespace Microsoft.ML.NoisyLabels.Training
{
    /// <summary>How the annotations of one pixel are scored against the segmentation p and the confusion matrices A.</summary>
    public enum AnnotationLikelihood
    {
        /// <summary>
        /// The paper's loss (docs/METHOD.md, section 2): the sum over the annotators r who labelled the image of -log
        /// (A(r) p)[y~(r)], as if each annotator saw their own draw of the true label. The default. With dense labels
        /// its optimum p can be a compromise between conflicting annotators rather than a decision between them: on
        /// MNIST with the paper's simulated annotators and the true matrices held fixed, the segmentation came out
        /// thick with this likelihood and close to the truth with <see cref="SharedTruth"/> (docs/RESULTS.md,
        /// "Comparison with the paper, honestly").
        /// </summary>
        Independent = 0,

        /// <summary>
        /// -log sum over true classes j of p[j] * prod over annotators r of A(r)[y~(r), j]: every annotator of an image
        /// labels the same unknown true class (the likelihood STAPLE maximises), so p is pushed towards the class
        /// whose annotators' matrices explain all the annotations together. Equal to <see cref="Independent"/> when
        /// each image has one annotation (the single-label regime). One term per pixel, not one per annotator, so a
        /// given lambda weighs the trace about R times more than with <see cref="Independent"/>. The identity warm-up
        /// always uses <see cref="Independent"/>: with identity matrices, disagreeing annotators have probability zero.
        /// </summary>
        SharedTruth = 1,
    }
}
