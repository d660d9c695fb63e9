namespace Microsoft.ML.NoisyLabels.Fusion
{
    /// <summary>
    /// Mean label: the posterior of class c at a pixel is the fraction of present annotators who gave it c (the soft
    /// target of the paper's "mean label" baseline); the fused label is its argmax, which is the majority vote with the
    /// same tie rule (smallest class). Each annotator's confusion matrix counts its labels against the soft posterior.
    /// </summary>
    internal static class MeanLabel
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

            if (outputs.Posterior.IsEmpty && outputs.Confusion.IsEmpty)
            {
                return;
            }

            var posterior = outputs.Posterior.IsEmpty
                ? workspace.Doubles(FusionWorkspace.Slot.Posterior, classes * pixels).AsSpan(0, classes * pixels)
                : outputs.Posterior;
            double scale = 1.0 / annotations.PresentCount;
            for (int k = 0; k < posterior.Length; k++)
            {
                posterior[k] = counts[k] * scale;
            }

            if (!outputs.Confusion.IsEmpty)
            {
                ConfusionMatrices.FromWeights(annotations, posterior, outputs.Confusion);
            }
        }
    }
}
