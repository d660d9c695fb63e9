namespace Microsoft.ML.NoisyLabels.Fusion
{
    /// <summary>
    /// Mean label: the posterior of class c at a pixel is the fraction of present annotators who gave it c (the soft
    /// target of the paper's "mean label" baseline); the fused label is its argmax, which is the majority vote with the
    /// same tie rule (smallest class). Each annotator's confusion matrix counts its labels against the soft posterior.
    /// Computed once per label pattern.
    /// </summary>
    internal static class MeanLabel
    {
        public static void Compute(in Annotations annotations, in FusionOutputs outputs, FusionWorkspace? workspace = null)
            => VoteFractions.Compute(annotations, outputs, workspace, oneHot: false);
    }
}
