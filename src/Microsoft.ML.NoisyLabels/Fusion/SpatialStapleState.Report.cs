using System.Runtime.CompilerServices;
namespace Microsoft.ML.NoisyLabels.Fusion
{
    /// <summary>The outputs of <see cref="SpatialStaple"/>.</summary>
    internal sealed partial class SpatialStapleState
    {
        /// <summary>Pixels per chunk of parallel work when averaging the matrices over the image.</summary>
        private const int AverageChunk = 16384;

        public void WriteOutputs(in Annotations annotations, in FusionOutputs outputs, Span<double> field)
        {
            var fused = outputs.Fused;
            var weights = _current.AsSpan(0, _classes * _pixels);
            if (_classes == 2)
            {
                var background = weights.Slice(0, _pixels);
                var foreground = weights.Slice(_pixels, _pixels);
                for (int i = 0; i < _pixels; i++)
                {
                    fused[i] = foreground[i] > background[i] ? (byte)1 : (byte)0;
                }
            }
            else
            {
                for (int i = 0; i < _pixels; i++)
                {
                    fused[i] = Votes.ArgMax(weights, i, _pixels, _classes);
                }
            }

            if (!outputs.Posterior.IsEmpty)
            {
                weights.CopyTo(outputs.Posterior);
            }

            if (outputs.Confusion.IsEmpty && field.IsEmpty)
            {
                return;
            }

            int size = _classes * _classes;
            var average = new double[_raters * size];
            if (double.IsPositiveInfinity(_kappa))
            {
                _thetaGlobal.CopyTo(average, 0);
                if (!field.IsEmpty)
                {
                    for (int k = 0; k < _raters; k++)
                    {
                        for (int e = 0; e < size; e++)
                        {
                            field.Slice(((_present[k] * size) + e) * _pixels, _pixels).Fill(_thetaGlobal[(k * size) + e]);
                        }
                    }
                }
            }
            else
            {
                AverageLocal(average, field);
            }

            var confusion = outputs.Confusion;
            if (!confusion.IsEmpty)
            {
                ConfusionMatrices.MarkAbsent(confusion, annotations.Present, _classes);
                for (int k = 0; k < _raters; k++)
                {
                    average.AsSpan(k * size, size).CopyTo(confusion.Slice(_present[k] * size, size));
                }
            }

            if (!field.IsEmpty)
            {
                for (int r = 0; r < annotations.Raters; r++)
                {
                    if (!annotations.Present[r])
                    {
                        field.Slice(r * size * _pixels, size * _pixels).Fill(double.NaN);
                    }
                }
            }
        }

        /// <summary>
        /// Averages theta_k(x) over all pixels, and writes it to <paramref name="field"/> when that is not empty, from the
        /// weights the last M-step used: the windows are recomputed over the whole image when they covered less.
        /// </summary>
        private unsafe void AverageLocal(double[] average, Span<double> field)
        {
            var whole = ImageRegion.Whole(_shape);
            // Two classes keep their window counts at the estimated pixels only: the whole image's are made here.
            bool stale = _local is null || _local.Region != whole || !_channelsFromPrevious;
            var local = _local ??= WholeImageCounts();
            if (stale)
            {
                local.SetRegion(whole, _labels);
                local.Update(_previous, _labels);
            }

            var sync = new object();
            // Spans cannot enter the parallel lambdas: the field is passed as a pointer to memory the caller holds.
            fixed (double* fieldPointer = field)
            {
                double* target = field.IsEmpty ? null : fieldPointer;
                ForChunks(
                    _pixels,
                    AverageChunk,
                    () => new double[average.Length],
                    (start, end, sums) =>
                    {
                        if (_classes == 2)
                        {
                            AverageBinary(start, end, sums, target);
                        }
                        else
                        {
                            AverageGeneral(start, end, sums, target);
                        }
                    },
                    sums =>
                    {
                        lock (sync)
                        {
                            for (int e = 0; e < average.Length; e++)
                            {
                                average[e] += sums[e];
                            }
                        }
                    });
            }

            for (int e = 0; e < average.Length; e++)
            {
                average[e] /= _pixels;
            }
        }

        private LocalCounts WholeImageCounts()
        {
            var local = _workspace.LocalCounts;
            if (local is null || !local.Fits(_classes, _raters, _shape, _settings.WindowRadius, _parallel))
            {
                local = new LocalCounts(_classes, _raters, _shape, _settings.WindowRadius, _parallel);
                _workspace.LocalCounts = local;
            }

            return local;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private unsafe void AverageGeneral(int start, int end, double[] sums, double* field)
        {
            var local = _local!;
            int size = _classes * _classes;
            Span<double> classSums = stackalloc double[_classes];
            Span<double> counts = stackalloc double[_classes];
            for (int i = start; i < end; i++)
            {
                local.ClassSums(i, classSums);
                for (int k = 0; k < _raters; k++)
                {
                    for (int o = 0; o < _classes; o++)
                    {
                        local.Row(k, o, i, classSums, counts);
                        int global = (k * size) + (o * _classes);
                        for (int s = 0; s < _classes; s++)
                        {
                            double theta = Theta(counts[s], classSums[s], _thetaGlobal[global + s]);
                            sums[global + s] += theta;
                            if (field != null)
                            {
                                field[((long)((_present[k] * size) + (o * _classes) + s) * _pixels) + i] = theta;
                            }
                        }
                    }
                }
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private unsafe void AverageBinary(int start, int end, double[] sums, double* field)
        {
            var local = _local!;
            var classSum0 = local.ClassSum0;
            var windowSizes = local.WindowSizes;
            for (int k = 0; k < _raters; k++)
            {
                var counts10 = local.Counts10(k);
                var labelCounts1 = local.LabelCounts1(k);
                int matrix = k * 4;
                double g00 = _thetaGlobal[matrix], g01 = _thetaGlobal[matrix + 1], g10 = _thetaGlobal[matrix + 2], g11 = _thetaGlobal[matrix + 3];
                double s00 = 0, s01 = 0, s10 = 0, s11 = 0;
                double* f = field == null ? null : field + ((long)_present[k] * 4 * _pixels);
                for (int i = start; i < end; i++)
                {
                    double b0 = Math.Max(classSum0[i], 0);
                    double b1 = Math.Max(windowSizes[i] - classSum0[i], 0);
                    double c10 = counts10[i];
                    double c11 = labelCounts1[i] - c10;
                    double t10 = Theta(Math.Max(c10, 0), b0, g10);
                    double t11 = Theta(Math.Max(c11, 0), b1, g11);
                    double t00 = Theta(Math.Max(b0 - c10, 0), b0, g00);
                    double t01 = Theta(Math.Max(b1 - c11, 0), b1, g01);
                    s00 += t00;
                    s01 += t01;
                    s10 += t10;
                    s11 += t11;
                    if (f != null)
                    {
                        f[i] = t00;
                        f[_pixels + i] = t01;
                        f[(2L * _pixels) + i] = t10;
                        f[(3L * _pixels) + i] = t11;
                    }
                }

                sums[matrix] += s00;
                sums[matrix + 1] += s01;
                sums[matrix + 2] += s10;
                sums[matrix + 3] += s11;
            }
        }
    }
}
