namespace Microsoft.ML.NoisyLabels.Fusion
{
    /// <summary>
    /// Binary STAPLE exactly as ITK's STAPLEImageFilter runs it (docs/METHOD.md, section 4), over label patterns (see
    /// <see cref="LabelPatterns"/>):
    /// <list type="number">
    /// <item>W = fraction of present annotators marking the pixel; prior g = mean(W) x ConfidenceWeight, fixed
    /// (or the user's prior for class 1), clamped to [0, 1];</item>
    /// <item>repeat: M-step p_j = sum W D_j / sum W, q_j = sum (1-W)(1-D_j) / sum (1-W); E-step
    /// W = g prod(p or 1-p) / (g prod(p or 1-p) + (1-g) prod(1-q or q)), the products taken as sums of logs;</item>
    /// <item>stop after an iteration other than the first in which every (delta p_j)^2 and (delta q_j)^2 is at most
    /// 1e-14, or at the iteration cap.</item>
    /// </list>
    /// Guards ITK lacks: a sum of weights that is zero (no foreground, or no background) leaves that parameter at 1
    /// instead of 0/0, so all-empty masks give W = 0 and identity matrices; a pixel that both hypotheses rule out
    /// (possible only through underflow) keeps the prior g. An annotator who marks nothing gets p = 0, which only ever
    /// enters as log(1 - p) = 0.
    /// Outputs: posterior (1 - W, W), fused label W &gt; 0.5 (a tie is background), and per annotator
    /// [[q, 1 - p], [1 - q, p]] indexed [observed][true].
    /// </summary>
    internal static class BinaryStaple
    {
        /// <summary>ITK's stopping threshold on the squared change of each sensitivity and specificity.</summary>
        public const double SquaredChangeThreshold = 1e-14;

        public static FusionStatistics Compute(in Annotations annotations, in FusionOutputs outputs, StapleSettings settings, FusionWorkspace workspace)
        {
            int[] present = annotations.PresentRaters();
            var patterns = LabelPatterns.Build(annotations, present, workspace, settings.CompressPatterns);
            var statistics = PerPattern(patterns, present, annotations.Present, settings, outputs.Confusion, workspace, out var fused, out var posterior);
            PatternOutputs.Scatter(patterns, fused, posterior, 2, outputs);
            return statistics;
        }

        /// <summary>
        /// Runs the EM over the patterns; returns each pattern's fused label [U] and posterior [U, 2], and writes the
        /// confusion matrices (when <paramref name="confusion"/> is not empty).
        /// </summary>
        public static FusionStatistics PerPattern(
            LabelPatterns patterns,
            int[] present,
            ReadOnlySpan<bool> presentMask,
            StapleSettings settings,
            Span<double> confusion,
            FusionWorkspace workspace,
            out byte[] fused,
            out double[] posterior)
        {
            int raters = present.Length;
            int count = patterns.Count;
            var weights = patterns.Weights.AsSpan(0, count);
            var w = workspace.Doubles(FusionWorkspace.Slot.Posterior, count).AsSpan(0, count);

            // Initial W: the fraction of annotators marking the pattern.
            w.Clear();
            for (int k = 0; k < raters; k++)
            {
                var d = patterns.Rater(k);
                for (int u = 0; u < count; u++)
                {
                    w[u] += d[u];
                }
            }

            double total = 0, foreground = 0;
            for (int u = 0; u < count; u++)
            {
                w[u] /= raters;
                foreground += weights[u] * w[u];
                total += weights[u];
            }

            double g = settings.Prior is null ? (total > 0 ? foreground / total : 0) * settings.ConfidenceWeight : settings.Prior[1];
            g = Math.Clamp(g, 0, 1);
            double logG = Math.Log(g);
            double logNotG = Math.Log(1 - g);

            var p = new double[raters];
            var q = new double[raters];
            var lastP = new double[raters];
            var lastQ = new double[raters];
            lastP.AsSpan().Fill(-10);
            lastQ.AsSpan().Fill(-10);
            // Log factors indexed [k * 2 + D]: for hypothesis "foreground" (a) and "background" (b).
            var logA = new double[2 * raters];
            var logB = new double[2 * raters];

            int iteration = 0;
            bool converged = false;
            while (iteration < settings.MaximumIterations)
            {
                MStep(patterns, w, weights, p, q);
                for (int k = 0; k < raters; k++)
                {
                    logA[(2 * k) + 1] = Math.Log(p[k]);
                    logA[2 * k] = Math.Log(1 - p[k]);
                    logB[(2 * k) + 1] = Math.Log(1 - q[k]);
                    logB[2 * k] = Math.Log(q[k]);
                }

                EStep(patterns, w, logA, logB, logG, logNotG, g);
                iteration++;

                if (iteration > 1)
                {
                    converged = true;
                    for (int k = 0; k < raters; k++)
                    {
                        double dp = p[k] - lastP[k];
                        double dq = q[k] - lastQ[k];
                        if (dp * dp > SquaredChangeThreshold || dq * dq > SquaredChangeThreshold)
                        {
                            converged = false;
                            break;
                        }
                    }
                }

                p.CopyTo(lastP, 0);
                q.CopyTo(lastQ, 0);
                if (converged)
                {
                    break;
                }
            }

            WriteOutputs(presentMask, confusion, patterns, w, present, p, q, workspace, out fused, out posterior);
            return new FusionStatistics(iteration, converged);
        }

        private static void MStep(LabelPatterns patterns, ReadOnlySpan<double> w, ReadOnlySpan<double> weights, double[] p, double[] q)
        {
            int count = patterns.Count;
            double sumW = 0, sumV = 0;
            for (int u = 0; u < count; u++)
            {
                double n = weights[u];
                sumW += n * w[u];
                sumV += n * (1 - w[u]);
            }

            for (int k = 0; k < p.Length; k++)
            {
                var d = patterns.Rater(k);
                double pNum = 0, qNum = 0;
                for (int u = 0; u < count; u++)
                {
                    double n = weights[u];
                    if (d[u] != 0)
                    {
                        pNum += n * w[u];
                    }
                    else
                    {
                        qNum += n * (1 - w[u]);
                    }
                }

                p[k] = sumW > 0 ? pNum / sumW : 1;
                q[k] = sumV > 0 ? qNum / sumV : 1;
            }
        }

        private static void EStep(LabelPatterns patterns, Span<double> w, double[] logA, double[] logB, double logG, double logNotG, double g)
        {
            int count = patterns.Count;
            int raters = patterns.Raters;
            var labels = patterns.Labels;
            for (int u = 0; u < count; u++)
            {
                double la = logG, lb = logNotG;
                for (int k = 0; k < raters; k++)
                {
                    int index = (2 * k) + labels[(k * count) + u];
                    la += logA[index];
                    lb += logB[index];
                }

                w[u] = double.IsNegativeInfinity(la) && double.IsNegativeInfinity(lb) ? g : 1 / (1 + Math.Exp(lb - la));
            }
        }

        private static void WriteOutputs(
            ReadOnlySpan<bool> presentMask, Span<double> confusion, LabelPatterns patterns, ReadOnlySpan<double> w, int[] present, double[] p, double[] q, FusionWorkspace workspace, out byte[] fused, out double[] posterior)
        {
            int count = patterns.Count;
            fused = workspace.Bytes(FusionWorkspace.Slot.PatternFused, count);
            posterior = workspace.Doubles(FusionWorkspace.Slot.PatternPosterior, 2 * count);
            for (int u = 0; u < count; u++)
            {
                fused[u] = w[u] > 0.5 ? (byte)1 : (byte)0;
                posterior[2 * u] = 1 - w[u];
                posterior[(2 * u) + 1] = w[u];
            }

            if (confusion.IsEmpty)
            {
                return;
            }

            ConfusionMatrices.MarkAbsent(confusion, presentMask, 2);
            for (int k = 0; k < present.Length; k++)
            {
                var matrix = confusion.Slice(present[k] * 4, 4);
                matrix[0] = q[k];
                matrix[1] = 1 - p[k];
                matrix[2] = 1 - q[k];
                matrix[3] = p[k];
            }
        }
    }
}
