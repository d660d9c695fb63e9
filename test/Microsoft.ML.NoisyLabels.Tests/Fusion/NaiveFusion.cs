namespace Microsoft.ML.NoisyLabels.Tests.Fusion
{
    /// <summary>
    /// Straightforward reference implementations, written from docs/METHOD.md (sections 4 and 5) independently of the library: plain loops
    /// over pixels, direct products, explicit window loops. Slow, meant for small images.
    /// </summary>
    internal static class NaiveFusion
    {
        /// <summary>Binary STAPLE as ITK's STAPLEImageFilter: returns p, q, W and the iterations run.</summary>
        public static (double[] P, double[] Q, double[] W, int Iterations) BinaryStaple(byte[][] d, int maxIterations = 1000, double confidenceWeight = 1)
        {
            int raters = d.Length, pixels = d[0].Length;
            var w = new double[pixels];
            for (int i = 0; i < pixels; i++)
            {
                for (int j = 0; j < raters; j++)
                {
                    w[i] += d[j][i];
                }

                w[i] /= raters;
            }

            double g = w.Sum() / pixels * confidenceWeight;
            var p = new double[raters];
            var q = new double[raters];
            var lastP = Enumerable.Repeat(-10.0, raters).ToArray();
            var lastQ = Enumerable.Repeat(-10.0, raters).ToArray();
            int iteration;
            for (iteration = 0; iteration < maxIterations; iteration++)
            {
                for (int j = 0; j < raters; j++)
                {
                    double pn = 0, pd = 0, qn = 0, qd = 0;
                    for (int i = 0; i < pixels; i++)
                    {
                        if (d[j][i] == 1)
                        {
                            pn += w[i];
                        }
                        else
                        {
                            qn += 1 - w[i];
                        }

                        pd += w[i];
                        qd += 1 - w[i];
                    }

                    p[j] = pn / pd;
                    q[j] = qn / qd;
                }

                for (int i = 0; i < pixels; i++)
                {
                    double a = 1, b = 1;
                    for (int j = 0; j < raters; j++)
                    {
                        a *= d[j][i] == 1 ? p[j] : 1 - p[j];
                        b *= d[j][i] == 1 ? 1 - q[j] : q[j];
                    }

                    w[i] = g * a / ((g * a) + ((1 - g) * b));
                }

                bool done = iteration != 0;
                for (int j = 0; j < raters && done; j++)
                {
                    done = (p[j] - lastP[j]) * (p[j] - lastP[j]) <= 1e-14 && (q[j] - lastQ[j]) * (q[j] - lastQ[j]) <= 1e-14;
                }

                p.CopyTo(lastP, 0);
                q.CopyTo(lastQ, 0);
                if (done)
                {
                    iteration++;
                    break;
                }
            }

            return (p, q, w, iteration);
        }

        /// <summary>Multi-label STAPLE per docs/METHOD.md, section 4: returns CMs [R][obs, true], posterior [P][L] and iterations.</summary>
        public static (double[][,] Cm, double[][] W, int Iterations) MultiLabelStaple(byte[][] d, int classes, int maxIterations = 1000, double threshold = 1e-5)
        {
            int raters = d.Length, pixels = d[0].Length;
            var cm = new double[raters][,];
            for (int k = 0; k < raters; k++)
            {
                cm[k] = new double[classes, classes];
            }

            // Majority vote, ties left out.
            for (int i = 0; i < pixels; i++)
            {
                var votes = new int[classes];
                for (int k = 0; k < raters; k++)
                {
                    votes[d[k][i]]++;
                }

                int max = votes.Max();
                if (votes.Count(v => v == max) > 1)
                {
                    continue;
                }

                int winner = Array.IndexOf(votes, max);
                for (int k = 0; k < raters; k++)
                {
                    cm[k][d[k][i], winner] += 1;
                }
            }

            foreach (var m in cm)
            {
                NormaliseColumns(m, classes);
            }

            var prior = new double[classes];
            for (int k = 0; k < raters; k++)
            {
                for (int i = 0; i < pixels; i++)
                {
                    prior[d[k][i]] += 1.0 / (raters * pixels);
                }
            }

            int iteration = 0;
            while (iteration < maxIterations)
            {
                var updated = new double[raters][,];
                for (int k = 0; k < raters; k++)
                {
                    updated[k] = new double[classes, classes];
                }

                for (int i = 0; i < pixels; i++)
                {
                    var w = Posterior(d, cm, prior, i, classes);
                    for (int k = 0; k < raters; k++)
                    {
                        for (int c = 0; c < classes; c++)
                        {
                            updated[k][d[k][i], c] += w[c];
                        }
                    }
                }

                double change = 0;
                for (int k = 0; k < raters; k++)
                {
                    NormaliseColumns(updated[k], classes);
                    for (int a = 0; a < classes; a++)
                    {
                        for (int b = 0; b < classes; b++)
                        {
                            change = Math.Max(change, Math.Abs(updated[k][a, b] - cm[k][a, b]));
                        }
                    }
                }

                cm = updated;
                iteration++;
                if (change < threshold)
                {
                    break;
                }
            }

            var posterior = new double[pixels][];
            for (int i = 0; i < pixels; i++)
            {
                posterior[i] = Posterior(d, cm, prior, i, classes);
            }

            return (cm, posterior, iteration);
        }

        private static double[] Posterior(byte[][] d, double[][,] cm, double[] prior, int i, int classes)
        {
            var w = (double[])prior.Clone();
            for (int k = 0; k < d.Length; k++)
            {
                for (int c = 0; c < classes; c++)
                {
                    w[c] *= cm[k][d[k][i], c];
                }
            }

            double sum = w.Sum();
            return w.Select(v => v / sum).ToArray();
        }

        public static void NormaliseColumns(double[,] m, int classes)
        {
            for (int t = 0; t < classes; t++)
            {
                double sum = 0;
                for (int o = 0; o < classes; o++)
                {
                    sum += m[o, t];
                }

                for (int o = 0; o < classes; o++)
                {
                    m[o, t] = sum > 0 ? m[o, t] / sum : (o == t ? 1 : 0);
                }
            }
        }

        /// <summary>
        /// Spatial STAPLE per docs/METHOD.md, section 5, and the library's documented choices, with explicit window loops: returns the
        /// posterior [P][L], the theta field of the last M-step [R][P][obs, true] and the iterations.
        /// </summary>
        public static (double[][] W, double[][][,] Theta, int Iterations) SpatialStaple(
            byte[][] d, int classes, int depth, int height, int width, int radius, double kappa, bool voxelwisePrior, double consensus, double tolerance, int maxIterations)
        {
            int raters = d.Length, pixels = d[0].Length;
            var w = new double[pixels][];
            var prior = new double[pixels][];
            var estimated = new bool[pixels];
            var frequencies = new double[classes];
            for (int i = 0; i < pixels; i++)
            {
                var votes = new double[classes];
                for (int k = 0; k < raters; k++)
                {
                    votes[d[k][i]] += 1.0 / raters;
                    frequencies[d[k][i]] += 1.0 / (raters * pixels);
                }

                prior[i] = votes;
                w[i] = (double[])votes.Clone();
                double top = votes.Max();
                estimated[i] = top < consensus;
                if (!estimated[i])
                {
                    w[i] = votes.Select(v => v == top ? 1.0 : 0.0).ToArray();
                }
            }

            if (!voxelwisePrior)
            {
                for (int i = 0; i < pixels; i++)
                {
                    prior[i] = frequencies;
                }
            }

            var theta = new double[raters][][,];
            int iteration = 0;
            while (iteration < maxIterations && estimated.Any(e => e))
            {
                theta = MStep(d, w, classes, depth, height, width, radius, kappa);
                double change = 0;
                var next = new double[pixels][];
                for (int i = 0; i < pixels; i++)
                {
                    if (!estimated[i])
                    {
                        next[i] = w[i];
                        continue;
                    }

                    var v = (double[])prior[i].Clone();
                    for (int k = 0; k < raters; k++)
                    {
                        for (int s = 0; s < classes; s++)
                        {
                            v[s] *= theta[k][i][d[k][i], s];
                        }
                    }

                    double sum = v.Sum();
                    next[i] = v.Select(x => x / sum).ToArray();
                    for (int s = 0; s < classes; s++)
                    {
                        change += Math.Abs(next[i][s] - w[i][s]);
                    }
                }

                w = next;
                iteration++;
                if (change / estimated.Count(e => e) < tolerance)
                {
                    break;
                }
            }

            return (w, theta, iteration);
        }

        private static double[][][,] MStep(byte[][] d, double[][] w, int classes, int depth, int height, int width, int radius, double kappa)
        {
            int raters = d.Length, pixels = d[0].Length;
            var theta = new double[raters][][,];
            for (int k = 0; k < raters; k++)
            {
                var global = new double[classes, classes];
                for (int i = 0; i < pixels; i++)
                {
                    for (int s = 0; s < classes; s++)
                    {
                        global[d[k][i], s] += w[i][s];
                    }
                }

                NormaliseColumns(global, classes);
                theta[k] = new double[pixels][,];
                for (int z = 0; z < depth; z++)
                {
                    for (int y = 0; y < height; y++)
                    {
                        for (int x = 0; x < width; x++)
                        {
                            var local = new double[classes, classes];
                            var classSums = new double[classes];
                            for (int zz = Math.Max(0, z - radius); zz <= Math.Min(depth - 1, z + radius); zz++)
                            {
                                for (int yy = Math.Max(0, y - radius); yy <= Math.Min(height - 1, y + radius); yy++)
                                {
                                    for (int xx = Math.Max(0, x - radius); xx <= Math.Min(width - 1, x + radius); xx++)
                                    {
                                        int j = (((zz * height) + yy) * width) + xx;
                                        for (int s = 0; s < classes; s++)
                                        {
                                            local[d[k][j], s] += w[j][s];
                                            classSums[s] += w[j][s];
                                        }
                                    }
                                }
                            }

                            var t = new double[classes, classes];
                            for (int s = 0; s < classes; s++)
                            {
                                for (int o = 0; o < classes; o++)
                                {
                                    // The library's documented rule: a class weight below 1e-10 in a window counts as none.
                                    // An empty window column is the global one, whatever kappa.
                                    bool empty = classSums[s] < 1e-10;
                                    t[o, s] = double.IsPositiveInfinity(kappa) || empty
                                        ? global[o, s]
                                        : (local[o, s] + (kappa * global[o, s])) / (classSums[s] + kappa);
                                }
                            }

                            theta[k][(((z * height) + y) * width) + x] = t;
                        }
                    }
                }
            }

            return theta;
        }
    }
}
