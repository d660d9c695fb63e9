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
            double scale = 1.0 / present.Length;
            for (int u = 0; u < count; u++)
            {
                var row = posterior.AsSpan(u * classes, classes);
                for (int k = 0; k < present.Length; k++)
                {
                    row[patterns.Labels[(k * count) + u]] += scale;
                }

                fused[u] = Votes.ArgMax(row, 0, 1, classes);
            }

            PatternOutputs.Scatter(patterns, fused, posterior, classes, outputs);
            PatternOutputs.Confusion(patterns, posterior, classes, present, annotations.Present, outputs.Confusion);
        }
    }
}
