namespace Microsoft.ML.NoisyLabels.Training
{
    /// <summary>Which entries of each pixel's confusion matrix the trace term counts (docs/METHOD.md, section 2).</summary>
    public enum TraceWeighting
    {
        /// <summary>
        /// The paper's term: tr(A) at every pixel, every diagonal entry counted. At a pixel the segmentation assigns to
        /// class j, only column j of the matrix explains the annotations; the other columns are free, so the term pushes
        /// them off the diagonal at no cost, until they too explain the annotations and the segmentation can move to
        /// their class without losing likelihood. That is the path to the flipped solution that long training and large
        /// lambda take.
        /// </summary>
        Uniform = 0,

        /// <summary>
        /// Each diagonal entry A[j, j] weighted by the segmentation's probability p_j of its class at that pixel (p held
        /// fixed in this term): the probability that the annotator reports the class the segmentation sees. The term
        /// then pushes only the columns that explain annotations, which attributes disagreement to the annotators as
        /// the paper's term does, and leaves the free columns where they are, so the segmentation gains nothing by
        /// moving to another class. Its size is at most 1 per annotator and pixel (the paper's is at most the number of
        /// classes).
        /// </summary>
        Predicted = 1,
    }
}
