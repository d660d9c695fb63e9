namespace Microsoft.ML.NoisyLabels.Fusion
{
    /// <summary>
    /// Majority vote ("mode label"): each pixel gets the class most present annotators gave it; ties go to the smallest
    /// class index (a binary tie is background). The posterior is the one-hot fused label, and each annotator's
    /// confusion matrix counts its labels against the fused labels.
    /// </summary>
    internal static class MajorityVote
    {
        public static void Compute(in Annotations annotations, in FusionOutputs outputs, FusionWorkspace? workspace = null)
        {
            annotations.RequireAnyPresent();
            workspace ??= new FusionWorkspace();
            int pixels = annotations.Pixels;
            int classes = annotations.Classes;
            var counts = workspace.Ints(FusionWorkspace.Slot.Votes, classes * pixels).AsSpan(0, classes * pixels);
            Votes.Count(annotations, counts);
            var fused = outputs.Fused;
            for (int i = 0; i < pixels; i++)
            {
                fused[i] = Votes.Winner(counts, i, pixels, classes, out _);
            }

            var posterior = outputs.Posterior;
            if (!posterior.IsEmpty)
            {
                posterior.Clear();
                for (int i = 0; i < pixels; i++)
                {
                    posterior[(fused[i] * pixels) + i] = 1;
                }
            }

            if (!outputs.Confusion.IsEmpty)
            {
                ConfusionMatrices.FromHardLabels(annotations, fused, outputs.Confusion);
            }
        }
    }
}
