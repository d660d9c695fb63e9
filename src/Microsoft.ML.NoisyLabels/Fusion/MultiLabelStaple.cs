namespace Microsoft.ML.NoisyLabels.Fusion
{
    /// <summary>
    /// Multi-label STAPLE as ITK's MultiLabelSTAPLEImageFilter runs it (Rohlfing 2004; docs/METHOD.md, section 4), over label patterns
    /// (see <see cref="LabelPatterns"/>), without ITK's two quirks:
    /// <list type="number">
    /// <item>initial matrices from majority voting: CM_k[D_k(i)][vote(i)] counted and each column (true class)
    /// normalised. ITK normalises rows instead, and counts a tied ("undecided") pixel as label L, past the end of the
    /// matrix; here tied pixels are left out of the initial counts;</item>
    /// <item>prior: the label frequencies over all present annotators' pixels, fixed (or the user's);</item>
    /// <item>iterate: E-step W_i[c] proportional to prior[c] prod_k CM_k[D_k(i)][c] (sums of logs), M-step
    /// CM_k[j][c] = sum_i W_i[c] [D_k(i) = j] / sum_i W_i[c]; stop when no entry changed by the termination threshold
    /// (default 1e-5) or more, or at the iteration cap;</item>
    /// <item>a final E-step with the last matrices gives the posterior; the fused label is its argmax, ties to the
    /// smallest class. A pixel that every class is ruled out for (a matrix entry of 0 for each) gets the prior.</item>
    /// </list>
    /// A column whose class has no weight is the identity column (<see cref="ConfusionMatrices.NormaliseColumns"/>).
    /// </summary>
    internal static class MultiLabelStaple
    {
        public static FusionStatistics Compute(in Annotations annotations, in FusionOutputs outputs, StapleSettings settings, FusionWorkspace workspace)
        {
            int[] present = annotations.PresentRaters();
            int classes = annotations.Classes;
            var patterns = LabelPatterns.Build(annotations, present, workspace, settings.CompressPatterns);
            var statistics = PerPattern(patterns, present, annotations.Present, classes, settings, outputs.Confusion, workspace, out var fused, out var posterior);
            PatternOutputs.Scatter(patterns, fused, posterior, classes, outputs);
            return statistics;
        }

        /// <summary>
        /// Runs the EM over the patterns; returns each pattern's fused label [U] and posterior [U, L] (pattern-major), and writes the
        /// confusion matrices (when <paramref name="confusion"/> is not empty).
        /// </summary>
        public static FusionStatistics PerPattern(
            LabelPatterns patterns,
            int[] present,
            ReadOnlySpan<bool> presentMask,
            int classes,
            StapleSettings settings,
            Span<double> confusion,
            FusionWorkspace workspace,
            out byte[] fused,
            out double[] patternPosterior)
        {
            int raters = present.Length;
            int size = classes * classes;
            int count = patterns.Count;
            var weights = patterns.Weights.AsSpan(0, count);

            var matrices = new double[raters * size];
            InitialiseFromVotes(patterns, weights, classes, matrices);
            var logPrior = new double[classes];
            var prior = settings.Prior ?? EstimatePrior(patterns, weights, classes);
            for (int c = 0; c < classes; c++)
            {
                logPrior[c] = Math.Log(prior[c]);
            }

            var updated = new double[raters * size];
            var logMatrices = new double[raters * size];
            var posterior = new double[classes];
            int iteration = 0;
            bool converged = false;
            while (iteration < settings.MaximumIterations)
            {
                Log(matrices, logMatrices);
                Array.Clear(updated);
                for (int u = 0; u < count; u++)
                {
                    if (!Posterior(patterns, u, logPrior, logMatrices, posterior))
                    {
                        continue;
                    }

                    double n = weights[u];
                    for (int k = 0; k < raters; k++)
                    {
                        int row = (k * size) + (patterns.Labels[(k * count) + u] * classes);
                        for (int c = 0; c < classes; c++)
                        {
                            updated[row + c] += n * posterior[c];
                        }
                    }
                }

                double largestChange = 0;
                for (int k = 0; k < raters; k++)
                {
                    ConfusionMatrices.NormaliseColumns(updated.AsSpan(k * size, size), classes);
                }

                for (int e = 0; e < matrices.Length; e++)
                {
                    largestChange = Math.Max(largestChange, Math.Abs(updated[e] - matrices[e]));
                }

                (matrices, updated) = (updated, matrices);
                iteration++;
                if (largestChange < settings.TerminationThreshold)
                {
                    converged = true;
                    break;
                }
            }

            Log(matrices, logMatrices);
            WriteOutputs(presentMask, confusion, classes, patterns, present, prior, logPrior, matrices, logMatrices, workspace, out fused, out patternPosterior);
            return new FusionStatistics(iteration, converged);
        }

        private static void InitialiseFromVotes(LabelPatterns patterns, ReadOnlySpan<double> weights, int classes, double[] matrices)
        {
            int count = patterns.Count;
            int raters = patterns.Raters;
            int size = classes * classes;
            Span<int> votes = stackalloc int[classes];
            for (int u = 0; u < count; u++)
            {
                votes.Clear();
                for (int k = 0; k < raters; k++)
                {
                    votes[patterns.Labels[(k * count) + u]]++;
                }

                byte winner = Votes.Winner(votes, 0, 1, classes, out bool tied);
                if (tied)
                {
                    continue;
                }

                for (int k = 0; k < raters; k++)
                {
                    matrices[(k * size) + (patterns.Labels[(k * count) + u] * classes) + winner] += weights[u];
                }
            }

            for (int k = 0; k < raters; k++)
            {
                ConfusionMatrices.NormaliseColumns(matrices.AsSpan(k * size, size), classes);
            }
        }

        private static double[] EstimatePrior(LabelPatterns patterns, ReadOnlySpan<double> weights, int classes)
        {
            var prior = new double[classes];
            int count = patterns.Count;
            double total = 0;
            for (int k = 0; k < patterns.Raters; k++)
            {
                var d = patterns.Rater(k);
                for (int u = 0; u < count; u++)
                {
                    prior[d[u]] += weights[u];
                    total += weights[u];
                }
            }

            for (int c = 0; c < classes; c++)
            {
                prior[c] /= total;
            }

            return prior;
        }

        private static void Log(double[] values, double[] logs)
        {
            for (int e = 0; e < values.Length; e++)
            {
                logs[e] = Math.Log(values[e]);
            }
        }

        /// <summary>The normalised posterior of pattern <paramref name="u"/>; false when every class is ruled out.</summary>
        private static bool Posterior(LabelPatterns patterns, int u, double[] logPrior, double[] logMatrices, double[] posterior)
        {
            int classes = logPrior.Length;
            int size = classes * classes;
            int count = patterns.Count;
            logPrior.CopyTo(posterior, 0);
            for (int k = 0; k < patterns.Raters; k++)
            {
                int row = (k * size) + (patterns.Labels[(k * count) + u] * classes);
                for (int c = 0; c < classes; c++)
                {
                    posterior[c] += logMatrices[row + c];
                }
            }

            double max = double.NegativeInfinity;
            for (int c = 0; c < classes; c++)
            {
                max = Math.Max(max, posterior[c]);
            }

            if (double.IsNegativeInfinity(max))
            {
                return false;
            }

            double sum = 0;
            for (int c = 0; c < classes; c++)
            {
                posterior[c] = Math.Exp(posterior[c] - max);
                sum += posterior[c];
            }

            for (int c = 0; c < classes; c++)
            {
                posterior[c] /= sum;
            }

            return true;
        }

        private static void WriteOutputs(
            ReadOnlySpan<bool> presentMask,
            Span<double> confusion,
            int classes,
            LabelPatterns patterns,
            int[] present,
            double[] prior,
            double[] logPrior,
            double[] matrices,
            double[] logMatrices,
            FusionWorkspace workspace,
            out byte[] fused,
            out double[] patternPosterior)
        {
            int count = patterns.Count;
            // The posterior of every pattern [U, L], then spread to the pixels.
            patternPosterior = workspace.Doubles(FusionWorkspace.Slot.PatternPosterior, count * classes);
            var buffer = new double[classes];
            for (int u = 0; u < count; u++)
            {
                var target = patternPosterior.AsSpan(u * classes, classes);
                if (Posterior(patterns, u, logPrior, logMatrices, buffer))
                {
                    buffer.CopyTo(target);
                }
                else
                {
                    prior.CopyTo(target);
                }
            }

            fused = workspace.Bytes(FusionWorkspace.Slot.PatternFused, count);
            for (int u = 0; u < count; u++)
            {
                fused[u] = Votes.ArgMax(patternPosterior.AsSpan(u * classes, classes), 0, 1, classes);
            }

            if (confusion.IsEmpty)
            {
                return;
            }

            int size = classes * classes;
            ConfusionMatrices.MarkAbsent(confusion, presentMask, classes);
            for (int k = 0; k < present.Length; k++)
            {
                matrices.AsSpan(k * size, size).CopyTo(confusion.Slice(present[k] * size, size));
            }
        }
    }
}
