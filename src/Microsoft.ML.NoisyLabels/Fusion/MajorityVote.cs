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
        {
            annotations.RequireAnyPresent();
            workspace ??= new FusionWorkspace();
            int classes = annotations.Classes;
            int[] present = annotations.PresentRaters();
            var patterns = LabelPatterns.Build(annotations, present, workspace);
            int count = patterns.Count;
            var fused = workspace.Bytes(FusionWorkspace.Slot.PatternFused, count);
            var posterior = workspace.Doubles(FusionWorkspace.Slot.PatternPosterior, count * classes);
            Array.Clear(posterior, 0, count * classes);
            Span<int> votes = stackalloc int[classes];
            for (int u = 0; u < count; u++)
            {
                votes.Clear();
                for (int k = 0; k < present.Length; k++)
                {
                    votes[patterns.Labels[(k * count) + u]]++;
                }

                fused[u] = Votes.Winner(votes, 0, 1, classes, out _);
                posterior[(u * classes) + fused[u]] = 1;
            }

            PatternOutputs.Scatter(patterns, fused, posterior, classes, outputs);
            PatternOutputs.Confusion(patterns, posterior, classes, present, annotations.Present, outputs.Confusion);
        }
    }
}
