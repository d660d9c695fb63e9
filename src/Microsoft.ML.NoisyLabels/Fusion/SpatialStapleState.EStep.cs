using System.Runtime.CompilerServices;
namespace Microsoft.ML.NoisyLabels.Fusion
{
    /// <summary>The E-step of <see cref="SpatialStaple"/>.</summary>
    internal sealed partial class SpatialStapleState
    {
        /// <summary>Estimated pixels per chunk of parallel work.</summary>
        private const int Chunk = 4096;

        /// <summary>
        /// One E-step over the estimated pixels, from <see cref="_current"/> into <see cref="_previous"/> (swapped by the
        /// caller); recounts the estimated pixels' global counts and returns the mean L1 change of their posteriors.
        /// </summary>
        private double EStep()
        {
            double change = 0;
            Array.Clear(_estimatedCounts);
            var sync = new object();
            ForChunks(
                _estimatedPixels.Length,
                Chunk,
                () => new Accumulator(_estimatedCounts.Length),
                (start, end, accumulator) =>
                {
                    if (_classes == 2 && _local is not null)
                    {
                        BinaryLocal(start, end, accumulator);
                    }
                    else
                    {
                        General(start, end, accumulator);
                    }
                },
                accumulator =>
                {
                    lock (sync)
                    {
                        change += accumulator.Change;
                        for (int e = 0; e < _estimatedCounts.Length; e++)
                        {
                            _estimatedCounts[e] += accumulator.Counts[e];
                        }
                    }
                });

            return change / _estimatedPixels.Length;
        }

        /// <summary>Any number of classes, local or purely global matrices.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void General(int start, int end, Accumulator accumulator)
        {
            int size = _classes * _classes;
            Span<double> w = stackalloc double[_classes];
            Span<double> sums = stackalloc double[_classes];
            Span<double> counts = stackalloc double[_classes];
            for (int e = start; e < end; e++)
            {
                int full = _estimatedPixels[e];
                int at = _estimatedAt[e];
                Prior(full, w);
                _local?.ClassSums(at, sums);
                for (int k = 0; k < _raters; k++)
                {
                    int global = (k * size) + (_labels[(k * _pixels) + full] * _classes);
                    if (_local is null)
                    {
                        for (int s = 0; s < _classes; s++)
                        {
                            w[s] *= _thetaGlobal[global + s];
                        }
                    }
                    else
                    {
                        _local.Row(k, _labels[(k * _pixels) + full], at, sums, counts);
                        for (int s = 0; s < _classes; s++)
                        {
                            w[s] *= Theta(counts[s], sums[s], _thetaGlobal[global + s]);
                        }
                    }

                    if ((k & 7) == 7)
                    {
                        Rescale(w);
                    }
                }

                Store(full, w, accumulator);
            }
        }

        /// <summary>
        /// Two classes with local matrices: the same computation, with the window counts read directly and one reciprocal
        /// per class and pixel (every annotator's column s shares the denominator B_s(x) + kappa).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void BinaryLocal(int start, int end, Accumulator accumulator)
        {
            var local = _local!;
            var classSum0 = local.ClassSum0;
            var windowSizes = local.WindowSizes;
            var counts10 = new double[_raters][];
            var labelCounts1 = new double[_raters][];
            for (int k = 0; k < _raters; k++)
            {
                counts10[k] = local.Counts10(k);
                labelCounts1[k] = local.LabelCounts1(k);
            }

            double kappa = _kappa;
            double scale = 1.0 / _raters;
            var theta = _thetaGlobal;
            var counts = accumulator.Counts;
            for (int e = start; e < end; e++)
            {
                int full = _estimatedPixels[e];
                int at = _estimatedAt[e];
                double w0 = _globalPrior is null ? _votes[full] * scale : _globalPrior[0];
                double w1 = _globalPrior is null ? _votes[_pixels + full] * scale : _globalPrior[1];
                double b0 = Math.Max(classSum0[at], 0);
                double b1 = Math.Max(windowSizes[at] - classSum0[at], 0);
                // An empty window column (see Theta) is the global one: weight 0 on the local counts.
                bool empty0 = b0 < EmptyWindow, empty1 = b1 < EmptyWindow;
                double inverse0 = empty0 ? 0 : 1 / (b0 + kappa);
                double inverse1 = empty1 ? 0 : 1 / (b1 + kappa);
                double globalWeight0 = empty0 ? 1 : kappa * inverse0;
                double globalWeight1 = empty1 ? 1 : kappa * inverse1;
                for (int k = 0; k < _raters; k++)
                {
                    int o = _labels[(k * _pixels) + full];
                    double c10 = counts10[k][at];
                    double c11 = labelCounts1[k][at] - c10;
                    double c0 = o == 1 ? c10 : b0 - c10;
                    double c1 = o == 1 ? c11 : b1 - c11;
                    int global = (k * 4) + (o * 2);
                    w0 *= (Math.Max(c0, 0) * inverse0) + (globalWeight0 * theta[global]);
                    w1 *= (Math.Max(c1, 0) * inverse1) + (globalWeight1 * theta[global + 1]);
                    if ((k & 7) == 7 && Math.Max(w0, w1) > 0)
                    {
                        double max = Math.Max(w0, w1);
                        w0 /= max;
                        w1 /= max;
                    }
                }

                double total = w0 + w1;
                double old0 = _current[full], old1 = _current[_pixels + full];
                if (total > 0)
                {
                    w0 /= total;
                    w1 /= total;
                }
                else
                {
                    // Every class ruled out (possible only through underflow): the pixel keeps its weights.
                    (w0, w1) = (old0, old1);
                }

                accumulator.Change += Math.Abs(w0 - old0) + Math.Abs(w1 - old1);
                _previous[full] = w0;
                _previous[_pixels + full] = w1;
                for (int k = 0; k < _raters; k++)
                {
                    int offset = (k * 4) + (_labels[(k * _pixels) + full] * 2);
                    counts[offset] += w0;
                    counts[offset + 1] += w1;
                }
            }
        }

        private void Prior(int full, Span<double> w)
        {
            for (int s = 0; s < _classes; s++)
            {
                w[s] = _globalPrior is null ? _votes[(s * _pixels) + full] / (double)_raters : _globalPrior[s];
            }
        }

        /// <summary>Normalises the new weights, writes them, and adds them to the change and the global counts.</summary>
        private void Store(int full, Span<double> w, Accumulator accumulator)
        {
            double total = 0;
            for (int s = 0; s < _classes; s++)
            {
                total += w[s];
            }

            double change = 0;
            for (int s = 0; s < _classes; s++)
            {
                int index = (s * _pixels) + full;
                // A pixel that every class is ruled out for (possible only through underflow) keeps its weights.
                double value = total > 0 ? w[s] / total : _current[index];
                change += Math.Abs(value - _current[index]);
                _previous[index] = value;
                w[s] = value;
            }

            accumulator.Change += change;
            int size = _classes * _classes;
            for (int k = 0; k < _raters; k++)
            {
                int offset = (k * size) + (_labels[(k * _pixels) + full] * _classes);
                for (int s = 0; s < _classes; s++)
                {
                    accumulator.Counts[offset + s] += w[s];
                }
            }
        }

        private static void Rescale(Span<double> w)
        {
            double max = 0;
            foreach (double v in w)
            {
                max = Math.Max(max, v);
            }

            if (max > 0)
            {
                for (int s = 0; s < w.Length; s++)
                {
                    w[s] /= max;
                }
            }
        }
    }
}
