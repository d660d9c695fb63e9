namespace Microsoft.ML.NoisyLabels.Fusion
{
    /// <summary>The arrays and steps of one <see cref="SpatialStaple"/> run.</summary>
    internal sealed class SpatialStapleState
    {
        /// <summary>Work (pixels x annotators) above which the steps are spread over the cores.</summary>
        private const long ParallelWork = 1L << 18;

        /// <summary>A window weight of a class below this counts as none (see <see cref="Theta"/>).</summary>
        public const double EmptyWindow = 1e-10;

        private readonly SpatialStapleSettings _settings;
        private readonly ImageShape _shape;
        private readonly int _classes;
        private readonly int _raters;
        private readonly int _pixels;
        private readonly int[] _present;
        private readonly byte[] _labels;
        private readonly int[] _votes;
        private readonly byte[] _estimated;
        private readonly int _estimatedCount;
        private readonly double[]? _globalPrior;
        private readonly double[] _fixedCounts;
        private readonly double[] _estimatedCounts;
        private readonly double[] _thetaGlobal;
        private readonly double _kappa;
        private readonly bool _parallel;
        private readonly LocalCounts? _local;
        private double[] _current;
        private double[] _previous;
        private bool _channelsFromPrevious;

        public SpatialStapleState(in Annotations annotations, ImageShape shape, SpatialStapleSettings settings, FusionWorkspace workspace)
        {
            _settings = settings;
            _shape = shape;
            _classes = annotations.Classes;
            _pixels = annotations.Pixels;
            _present = annotations.PresentRaters();
            _raters = _present.Length;
            _kappa = settings.GlobalPseudoCount;
            _parallel = (long)_pixels * _raters >= ParallelWork && Environment.ProcessorCount > 1;
            int matrices = _raters * _classes * _classes;
            _fixedCounts = new double[matrices];
            _estimatedCounts = new double[matrices];
            _thetaGlobal = new double[matrices];

            _labels = workspace.Bytes(FusionWorkspace.Slot.SpatialLabels, _raters * _pixels);
            for (int k = 0; k < _raters; k++)
            {
                annotations.Rater(_present[k]).CopyTo(_labels.AsSpan(k * _pixels, _pixels));
            }

            _votes = workspace.Ints(FusionWorkspace.Slot.Votes, _classes * _pixels);
            Votes.Count(annotations, _votes);
            _current = workspace.Doubles(FusionWorkspace.Slot.Posterior, _classes * _pixels);
            _previous = workspace.Doubles(FusionWorkspace.Slot.SpatialWeights, _classes * _pixels);
            _estimated = workspace.Bytes(FusionWorkspace.Slot.SpatialMask, _pixels);
            _estimatedCount = Initialise(out var bounds);
            _current.AsSpan(0, _classes * _pixels).CopyTo(_previous);
            _globalPrior = settings.VoxelwisePrior ? null : LabelFrequencies();
            CountFixedPixels();
            CountEstimatedPixels(_current, _estimatedCounts);

            if (!double.IsPositiveInfinity(_kappa))
            {
                var local = workspace.LocalCounts;
                if (local is null || !local.Fits(_classes, _raters, shape, settings.WindowRadius, _parallel))
                {
                    local = new LocalCounts(_classes, _raters, shape, settings.WindowRadius, _parallel);
                    workspace.LocalCounts = local;
                }

                local.SetRegion(Grow(bounds), _labels);
                _local = local;
            }
        }

        public FusionStatistics Run()
        {
            int iteration = 0;
            bool converged = _estimatedCount == 0;
            while (!converged && iteration < _settings.MaximumIterations)
            {
                UpdateGlobal();
                _local?.Update(_current, _labels);
                double change = EStep();
                (_current, _previous) = (_previous, _current);
                _channelsFromPrevious = true;
                iteration++;
                converged = change < _settings.ConvergenceThreshold;
            }

            if (iteration == 0)
            {
                UpdateGlobal();
            }

            return new FusionStatistics(iteration, converged);
        }

        public void WriteOutputs(in Annotations annotations, in FusionOutputs outputs, Span<double> field)
        {
            var fused = outputs.Fused;
            var weights = _current.AsSpan(0, _classes * _pixels);
            for (int i = 0; i < _pixels; i++)
            {
                fused[i] = Votes.ArgMax(weights, i, _pixels, _classes);
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
            if (_local is null)
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

        /// <summary>Sets the starting weights and the consensus mask; returns the number of estimated pixels.</summary>
        private int Initialise(out (int Z0, int Y0, int X0, int Z1, int Y1, int X1) bounds)
        {
            double scale = 1.0 / _raters;
            double threshold = _settings.ConsensusThreshold;
            int estimated = 0;
            bounds = (int.MaxValue, int.MaxValue, int.MaxValue, -1, -1, -1);
            int i = 0;
            for (int z = 0; z < _shape.Depth; z++)
            {
                for (int y = 0; y < _shape.Height; y++)
                {
                    for (int x = 0; x < _shape.Width; x++, i++)
                    {
                        int top = 0;
                        for (int s = 0; s < _classes; s++)
                        {
                            int votes = _votes[(s * _pixels) + i];
                            _current[(s * _pixels) + i] = votes * scale;
                            top = Math.Max(top, votes);
                        }

                        if (top * scale >= threshold)
                        {
                            // Consensus: fix the pixel to its (unique, threshold > 0.5) majority class.
                            for (int s = 0; s < _classes; s++)
                            {
                                _current[(s * _pixels) + i] = _votes[(s * _pixels) + i] == top ? 1 : 0;
                            }

                            _estimated[i] = 0;
                            continue;
                        }

                        _estimated[i] = 1;
                        estimated++;
                        bounds = (Math.Min(bounds.Z0, z), Math.Min(bounds.Y0, y), Math.Min(bounds.X0, x),
                            Math.Max(bounds.Z1, z), Math.Max(bounds.Y1, y), Math.Max(bounds.X1, x));
                    }
                }
            }

            return estimated;
        }

        /// <summary>The bounding box grown by the radius and clipped: every estimated pixel's window lies inside it.</summary>
        private ImageRegion Grow((int Z0, int Y0, int X0, int Z1, int Y1, int X1) bounds)
        {
            if (bounds.Z1 < 0)
            {
                return ImageRegion.Whole(_shape);
            }

            int r = _settings.WindowRadius;
            int z0 = Math.Max(0, bounds.Z0 - r), y0 = Math.Max(0, bounds.Y0 - r), x0 = Math.Max(0, bounds.X0 - r);
            int z1 = Math.Min(_shape.Depth - 1, bounds.Z1 + r), y1 = Math.Min(_shape.Height - 1, bounds.Y1 + r), x1 = Math.Min(_shape.Width - 1, bounds.X1 + r);
            return new ImageRegion(z0, y0, x0, z1 - z0 + 1, y1 - y0 + 1, x1 - x0 + 1);
        }

        private double[] LabelFrequencies()
        {
            var prior = new double[_classes];
            double total = (double)_raters * _pixels;
            for (int s = 0; s < _classes; s++)
            {
                long sum = 0;
                foreach (int v in _votes.AsSpan(s * _pixels, _pixels))
                {
                    sum += v;
                }

                prior[s] = sum / total;
            }

            return prior;
        }

        private void CountFixedPixels()
        {
            int size = _classes * _classes;
            for (int i = 0; i < _pixels; i++)
            {
                if (_estimated[i] != 0)
                {
                    continue;
                }

                int s = Votes.ArgMax(_current, i, _pixels, _classes);
                for (int k = 0; k < _raters; k++)
                {
                    _fixedCounts[(k * size) + (_labels[(k * _pixels) + i] * _classes) + s] += 1;
                }
            }
        }

        private void CountEstimatedPixels(double[] weights, double[] counts)
        {
            Array.Clear(counts);
            int size = _classes * _classes;
            for (int i = 0; i < _pixels; i++)
            {
                if (_estimated[i] == 0)
                {
                    continue;
                }

                for (int k = 0; k < _raters; k++)
                {
                    int row = (k * size) + (_labels[(k * _pixels) + i] * _classes);
                    for (int s = 0; s < _classes; s++)
                    {
                        counts[row + s] += weights[(s * _pixels) + i];
                    }
                }
            }
        }

        private void UpdateGlobal()
        {
            int size = _classes * _classes;
            for (int e = 0; e < _thetaGlobal.Length; e++)
            {
                _thetaGlobal[e] = _fixedCounts[e] + _estimatedCounts[e];
            }

            for (int k = 0; k < _raters; k++)
            {
                ConfusionMatrices.NormaliseColumns(_thetaGlobal.AsSpan(k * size, size), _classes);
            }
        }

        /// <summary>One E-step over the estimated pixels, from <see cref="_current"/> into <see cref="_previous"/>;
        /// recounts the estimated pixels' global counts and returns the mean L1 change.</summary>
        private double EStep()
        {
            var region = _local?.Region ?? ImageRegion.Whole(_shape);
            int rows = region.Depth * region.Height;
            double change = 0;
            Array.Clear(_estimatedCounts);
            var sync = new object();
            ForRows(rows, () => new EStepAccumulator(_estimatedCounts.Length), (row, accumulator) => EStepRow(region, row, accumulator), accumulator =>
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

            return change / _estimatedCount;
        }

        private void EStepRow(ImageRegion region, int row, EStepAccumulator accumulator)
        {
            int z = row / region.Height;
            int y = row % region.Height;
            int full = ((((region.Z0 + z) * _shape.Height) + region.Y0 + y) * _shape.Width) + region.X0;
            int at = row * region.Width;
            int size = _classes * _classes;
            Span<double> w = stackalloc double[_classes];
            Span<double> sums = stackalloc double[_classes];
            Span<double> counts = stackalloc double[_classes];
            for (int x = 0; x < region.Width; x++, full++, at++)
            {
                if (_estimated[full] == 0)
                {
                    continue;
                }

                for (int s = 0; s < _classes; s++)
                {
                    w[s] = _globalPrior is null ? _votes[(s * _pixels) + full] / (double)_raters : _globalPrior[s];
                }

                _local?.ClassSums(at, sums);
                for (int k = 0; k < _raters; k++)
                {
                    int o = _labels[(k * _pixels) + full];
                    int global = (k * size) + (o * _classes);
                    if (_local is null)
                    {
                        for (int s = 0; s < _classes; s++)
                        {
                            w[s] *= _thetaGlobal[global + s];
                        }
                    }
                    else
                    {
                        _local.Row(k, o, at, sums, counts);
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

                double total = 0;
                for (int s = 0; s < _classes; s++)
                {
                    total += w[s];
                }

                for (int s = 0; s < _classes; s++)
                {
                    int index = (s * _pixels) + full;
                    // A pixel that every class is ruled out for (possible only through underflow) keeps its weights.
                    double value = total > 0 ? w[s] / total : _current[index];
                    accumulator.Change += Math.Abs(value - _current[index]);
                    _previous[index] = value;
                    w[s] = value;
                }

                for (int k = 0; k < _raters; k++)
                {
                    int offset = (k * size) + (_labels[(k * _pixels) + full] * _classes);
                    for (int s = 0; s < _classes; s++)
                    {
                        accumulator.Counts[offset + s] += w[s];
                    }
                }
            }
        }

        /// <summary>
        /// theta(x)[o, s] from the window count, the window's class weight and the global entry. A window whose weight of
        /// class s is below <see cref="EmptyWindow"/> counts as empty: running sums leave a residue of about 1e-16 per
        /// pixel where the true sum is 0, and with kappa = 0 that residue would otherwise decide the column.
        /// </summary>
        private double Theta(double count, double classSum, double global)
        {
            if (classSum < EmptyWindow)
            {
                count = 0;
                classSum = 0;
            }

            double denominator = classSum + _kappa;
            return denominator > 0 ? (count + (_kappa * global)) / denominator : global;
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

        /// <summary>Averages theta_k(x) over all pixels (and writes the field) from the weights of the last M-step.</summary>
        private void AverageLocal(double[] average, Span<double> field)
        {
            var local = _local!;
            var whole = ImageRegion.Whole(_shape);
            if (local.Region != whole || !_channelsFromPrevious)
            {
                local.SetRegion(whole, _labels);
                local.Update(_previous, _labels);
            }

            int size = _classes * _classes;
            Span<double> sums = stackalloc double[_classes];
            Span<double> counts = stackalloc double[_classes];
            for (int i = 0; i < _pixels; i++)
            {
                local.ClassSums(i, sums);
                for (int k = 0; k < _raters; k++)
                {
                    for (int o = 0; o < _classes; o++)
                    {
                        local.Row(k, o, i, sums, counts);
                        int global = (k * size) + (o * _classes);
                        for (int s = 0; s < _classes; s++)
                        {
                            double theta = Theta(counts[s], sums[s], _thetaGlobal[global + s]);
                            average[global + s] += theta;
                            if (!field.IsEmpty)
                            {
                                field[(((_present[k] * size) + (o * _classes) + s) * _pixels) + i] = theta;
                            }
                        }
                    }
                }
            }

            for (int e = 0; e < average.Length; e++)
            {
                average[e] /= _pixels;
            }
        }

        private void ForRows(int rows, Func<EStepAccumulator> create, Action<int, EStepAccumulator> body, Action<EStepAccumulator> merge)
        {
            if (!_parallel)
            {
                var accumulator = create();
                for (int row = 0; row < rows; row++)
                {
                    body(row, accumulator);
                }

                merge(accumulator);
                return;
            }

            Parallel.For(0, rows, create, (row, _, accumulator) =>
            {
                body(row, accumulator);
                return accumulator;
            }, merge);
        }

        private sealed class EStepAccumulator
        {
            public EStepAccumulator(int counts)
            {
                Counts = new double[counts];
            }

            public double[] Counts { get; }

            public double Change { get; set; }
        }
    }
}
