using System.Runtime.CompilerServices;
namespace Microsoft.ML.NoisyLabels.Fusion
{
    /// <summary>
    /// Turns per-pattern results (see <see cref="LabelPatterns"/>) into the per-pixel outputs, and per-pattern soft
    /// labels into confusion matrices: every method whose result at a pixel depends only on the labels there
    /// (voting, STAPLE) computes it once per pattern.
    /// </summary>
    internal static class PatternOutputs
    {
        /// <summary>Pixels above which the spreading runs on every core.</summary>
        private const int ParallelPixels = 1 << 20;

        /// <summary>Writes fused labels [P] and, when wanted, the posterior [L, P] from per-pattern values.</summary>
        /// <param name="patterns">The patterns.</param>
        /// <param name="fused">Fused label per pattern [U].</param>
        /// <param name="posterior">Posterior per pattern [U, L] (pattern-major).</param>
        /// <param name="classes">L.</param>
        /// <param name="outputs">The outputs.</param>
        public static unsafe void Scatter(LabelPatterns patterns, byte[] fused, double[] posterior, int classes, in FusionOutputs outputs)
        {
            int pixels = outputs.Fused.Length;
            fixed (byte* fusedTarget = outputs.Fused)
            fixed (double* posteriorTarget = outputs.Posterior)
            {
                // Spans cannot enter the parallel lambda: the caller's memory is passed as pointers while it is pinned.
                byte* f = fusedTarget;
                double* p = outputs.Posterior.IsEmpty ? null : posteriorTarget;
                // Optimised at once: see LabelPatterns.Code.
                [MethodImpl(MethodImplOptions.AggressiveOptimization)]
                void Range(int start, int end)
                {
                    for (int i = start; i < end; i++)
                    {
                        int u = patterns.PatternOf(i);
                        f[i] = fused[u];
                        if (p != null)
                        {
                            for (int c = 0; c < classes; c++)
                            {
                                p[((long)c * pixels) + i] = posterior[(u * classes) + c];
                            }
                        }
                    }
                }

                if (pixels < ParallelPixels || Environment.ProcessorCount == 1)
                {
                    Range(0, pixels);
                }
                else
                {
                    int chunks = Environment.ProcessorCount * 4;
                    Parallel.For(0, chunks, c => Range((int)((long)c * pixels / chunks), (int)((long)(c + 1) * pixels / chunks)));
                }
            }
        }

        /// <summary>
        /// Writes each present annotator's confusion matrix: its labels counted against the soft labels of the patterns
        /// [U, L], column-normalised; absent annotators get NaN.
        /// </summary>
        public static void Confusion(LabelPatterns patterns, double[] posterior, int classes, int[] present, ReadOnlySpan<bool> presentMask, Span<double> confusion)
        {
            if (confusion.IsEmpty)
            {
                return;
            }

            int size = classes * classes;
            int count = patterns.Count;
            ConfusionMatrices.MarkAbsent(confusion, presentMask, classes);
            for (int k = 0; k < present.Length; k++)
            {
                var matrix = confusion.Slice(present[k] * size, size);
                matrix.Clear();
                var labels = patterns.Rater(k);
                for (int u = 0; u < count; u++)
                {
                    double n = patterns.Weights[u];
                    int row = labels[u] * classes;
                    for (int c = 0; c < classes; c++)
                    {
                        matrix[row + c] += n * posterior[(u * classes) + c];
                    }
                }

                ConfusionMatrices.NormaliseColumns(matrix, classes);
            }
        }
    }
}
