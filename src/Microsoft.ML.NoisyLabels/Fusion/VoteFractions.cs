namespace Microsoft.ML.NoisyLabels.Fusion
{
    /// <summary>
    /// The computation behind majority vote and mean label, once per label pattern: the fraction of present annotators
    /// who gave each class, its argmax (ties: the smallest class) as the fused label, and each annotator's confusion
    /// matrix counted against the posterior. Equal vote counts give bit-identical fractions (the same additions in the
    /// same order), so the argmax of the fractions is the majority vote.
    /// </summary>
    internal static class VoteFractions
    {
        /// <param name="annotations">The annotations of one image.</param>
        /// <param name="outputs">Where the fused labels, posterior and matrices go.</param>
        /// <param name="workspace">Reusable buffers.</param>
        /// <param name="oneHot">True for majority vote (the posterior is the one-hot fused label); false for the mean
        /// label (the posterior is the fractions).</param>
        public static void Compute(in Annotations annotations, in FusionOutputs outputs, FusionWorkspace? workspace, bool oneHot)
        {
            annotations.RequireAnyPresent();
            workspace ??= new FusionWorkspace();
            int classes = annotations.Classes;
            int[] present = annotations.PresentRaters();
            var patterns = LabelPatterns.Build(annotations, present, workspace);
            var (fused, posterior) = PerPattern(patterns, classes, workspace, oneHot);
            PatternOutputs.Scatter(patterns, fused, posterior, classes, outputs);
            PatternOutputs.Confusion(patterns, posterior, classes, present, annotations.Present, outputs.Confusion);
        }

        /// <summary>
        /// The fused label [U] and posterior [U, L] of every pattern; they depend on the pattern's labels alone, not on
        /// its weight.
        /// </summary>
        public static (byte[] Fused, double[] Posterior) PerPattern(LabelPatterns patterns, int classes, FusionWorkspace workspace, bool oneHot)
        {
            int count = patterns.Count;
            int raters = patterns.Raters;
            var fused = workspace.Bytes(FusionWorkspace.Slot.PatternFused, count);
            var posterior = workspace.Doubles(FusionWorkspace.Slot.PatternPosterior, count * classes);
            Array.Clear(posterior, 0, count * classes);
            double scale = 1.0 / raters;
            for (int u = 0; u < count; u++)
            {
                var row = posterior.AsSpan(u * classes, classes);
                for (int k = 0; k < raters; k++)
                {
                    row[patterns.Labels[(k * count) + u]] += scale;
                }

                fused[u] = Votes.ArgMax(row, 0, 1, classes);
                if (oneHot)
                {
                    row.Clear();
                    row[fused[u]] = 1;
                }
            }

            return (fused, posterior);
        }
    }
}
