namespace Microsoft.ML.NoisyLabels.Fusion
{
    /// <summary>
    /// Majority vote ("mode label"): each pixel gets the class most present annotators gave it; ties go to the smallest
    /// class index (a binary tie is background). The posterior is the one-hot fused label, and each annotator's
    /// confusion matrix counts its labels against the fused labels. Computed once per label pattern.
    /// </summary>
    internal static class MajorityVote
    {
        public static void Compute(in Annotations annotations, in FusionOutputs outputs, FusionWorkspace? workspace = null)
            => VoteFractions.Compute(annotations, outputs, workspace, oneHot: true);
    }
}
