namespace Microsoft.ML.NoisyLabels.Training
{
    /// <summary>How the trace regulariser lambda * tr(A) is combined over the annotators of an image.</summary>
    public enum TraceNormalization
    {
        /// <summary>
        /// Mean over the annotators who labelled the image of (mean over pixels of tr(A)): the scale does not grow with
        /// the number of annotators who labelled the image; an independent re-implementation trained successfully with
        /// it (docs/METHOD.md, section 9). The same lambda weighs the trace R times less than
        /// <see cref="SumOverAnnotators"/> on images with R annotators.
        /// </summary>
        MeanOverAnnotators = 0,

        /// <summary>
        /// Sum over the annotators who labelled the image of (mean over pixels of tr(A)): the paper's scale, which its
        /// lambda grid {0, 0.001, 0.01, 0.1, 0.7, 0.9} assumes (docs/METHOD.md, section 2). The default, and the scale of
        /// every table in docs/RESULTS.md.
        /// </summary>
        SumOverAnnotators = 1,
    }
}
