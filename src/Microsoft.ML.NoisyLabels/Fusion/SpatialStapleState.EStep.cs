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
                    if (_windows is not null)
                    {
                        BinaryWindows(start, end, accumulator);
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
