namespace Microsoft.ML.NoisyLabels.Fusion
{
    /// <summary>
    /// The arrays and steps of one <see cref="SpatialStaple"/> run: set-up and the EM loop here, the E-step in
    /// SpatialStapleState.EStep.cs, two classes' window counts at the estimated pixels in SpatialStapleState.Windows.cs
    /// (more classes use <see cref="LocalCounts"/> over a region), the reported matrices in SpatialStapleState.Report.cs.
    /// </summary>
    internal sealed partial class SpatialStapleState
    {
        /// <summary>A window weight of a class below this counts as none (see <see cref="Theta"/>).</summary>
        public const double EmptyWindow = 1e-10;

        /// <summary>Work (pixels x annotators) above which the steps are spread over the cores.</summary>
        private const long ParallelWork = 1L << 18;

        private readonly SpatialStapleSettings _settings;
        private readonly ImageShape _shape;
        private readonly int _classes;
        private readonly int _raters;
        private readonly int _pixels;
        private readonly int[] _present;
        private readonly byte[] _labels;
        private readonly int[] _votes;
        private readonly byte[] _estimated;
        private readonly int[] _estimatedPixels;
        private readonly int[] _estimatedAt;
        private readonly double[]? _globalPrior;
        private readonly double[] _fixedCounts;
        private readonly double[] _estimatedCounts;
        private readonly double[] _thetaGlobal;
        private readonly double _kappa;
        private readonly bool _parallel;
        private readonly FusionWorkspace _workspace;
        private LocalCounts? _local;
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
            _estimatedPixels = Initialise();
            _current.AsSpan(0, _classes * _pixels).CopyTo(_previous);
            _globalPrior = settings.VoxelwisePrior ? null : LabelFrequencies();
            CountFixedPixels();
            CountEstimatedPixels();

            _workspace = workspace;
            var region = ImageRegion.Whole(shape);
            if (_classes == 2 && !double.IsPositiveInfinity(_kappa))
            {
                SetUpWindows();
            }
            else if (!double.IsPositiveInfinity(_kappa))
            {
                var local = workspace.LocalCounts;
                if (local is null || !local.Fits(_classes, _raters, shape, settings.WindowRadius, _parallel))
                {
                    local = new LocalCounts(_classes, _raters, shape, settings.WindowRadius, _parallel);
                    workspace.LocalCounts = local;
                }

                region = EstimatedRegion();
                local.SetRegion(region, _labels);
                _local = local;
            }

            _estimatedAt = RegionIndices(region);
        }

        public FusionStatistics Run()
        {
            int iteration = 0;
            bool converged = _estimatedPixels.Length == 0;
            while (!converged && iteration < _settings.MaximumIterations)
            {
                UpdateGlobal();
                if (_windows is not null)
                {
                    UpdateWindows();
                }
                else
                {
                    _local?.Update(_current, _labels);
                }

                double change = EStep();
                (_current, _previous) = (_previous, _current);
                if (_windows is not null)
                {
                    SwapWeights();
                }

                _channelsFromPrevious = true;
                iteration++;
                converged = change < _settings.ConvergenceThreshold;
            }

            if (iteration == 0)
            {
                UpdateGlobal();
            }

            if (_windows is not null)
            {
                WriteBackWeights();
            }

            return new FusionStatistics(iteration, converged);
        }

        /// <summary>Sets the starting weights and the consensus mask; returns the estimated pixels, in order.</summary>
        private int[] Initialise()
        {
            double scale = 1.0 / _raters;
            double threshold = _settings.ConsensusThreshold;
            var estimated = new List<int>();
            for (int i = 0; i < _pixels; i++)
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
                }
                else
                {
                    _estimated[i] = 1;
                    estimated.Add(i);
                }
            }

            return estimated.ToArray();
        }

        /// <summary>The estimated pixels' bounding box grown by the radius and clipped: every window they need lies inside.</summary>
        private ImageRegion EstimatedRegion()
        {
            if (_estimatedPixels.Length == 0)
            {
                return ImageRegion.Whole(_shape);
            }

            int z0 = int.MaxValue, y0 = int.MaxValue, x0 = int.MaxValue, z1 = -1, y1 = -1, x1 = -1;
            int plane = _shape.Height * _shape.Width;
            foreach (int i in _estimatedPixels)
            {
                int z = i / plane, y = i / _shape.Width % _shape.Height, x = i % _shape.Width;
                (z0, y0, x0) = (Math.Min(z0, z), Math.Min(y0, y), Math.Min(x0, x));
                (z1, y1, x1) = (Math.Max(z1, z), Math.Max(y1, y), Math.Max(x1, x));
            }

            int r = _settings.WindowRadius;
            z0 = Math.Max(0, z0 - r);
            y0 = Math.Max(0, y0 - r);
            x0 = Math.Max(0, x0 - r);
            z1 = Math.Min(_shape.Depth - 1, z1 + r);
            y1 = Math.Min(_shape.Height - 1, y1 + r);
            x1 = Math.Min(_shape.Width - 1, x1 + r);
            return new ImageRegion(z0, y0, x0, z1 - z0 + 1, y1 - y0 + 1, x1 - x0 + 1);
        }

        /// <summary>The index of every estimated pixel in the region's layout.</summary>
        private int[] RegionIndices(ImageRegion region)
        {
            var indices = new int[_estimatedPixels.Length];
            int plane = _shape.Height * _shape.Width;
            for (int e = 0; e < indices.Length; e++)
            {
                int i = _estimatedPixels[e];
                int z = (i / plane) - region.Z0, y = (i / _shape.Width % _shape.Height) - region.Y0, x = (i % _shape.Width) - region.X0;
                indices[e] = (((z * region.Height) + y) * region.Width) + x;
            }

            return indices;
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

                // A fixed pixel's weights are one-hot.
                int s = 0;
                while (_current[(s * _pixels) + i] == 0)
                {
                    s++;
                }

                for (int k = 0; k < _raters; k++)
                {
                    _fixedCounts[(k * size) + (_labels[(k * _pixels) + i] * _classes) + s] += 1;
                }
            }
        }

        private void CountEstimatedPixels()
        {
            Array.Clear(_estimatedCounts);
            int size = _classes * _classes;
            foreach (int i in _estimatedPixels)
            {
                for (int k = 0; k < _raters; k++)
                {
                    int row = (k * size) + (_labels[(k * _pixels) + i] * _classes);
                    for (int s = 0; s < _classes; s++)
                    {
                        _estimatedCounts[row + s] += _current[(s * _pixels) + i];
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

        /// <summary>
        /// theta(x)[o, s] from the window count, the window's class weight and the global entry. A window whose weight of
        /// class s is below <see cref="EmptyWindow"/> counts as empty (its column is the global one): running sums leave
        /// a residue of about 1e-16 per pixel where the true sum is 0, and with kappa = 0 that residue would otherwise
        /// decide the column.
        /// </summary>
        private double Theta(double count, double classSum, double global)
        {
            if (classSum < EmptyWindow)
            {
                return global;
            }

            double denominator = classSum + _kappa;
            return (count + (_kappa * global)) / denominator;
        }

        /// <summary>Runs <paramref name="body"/> over [0, count) in chunks, on every core when the image is large.</summary>
        private void ForChunks<TLocal>(int count, int chunk, Func<TLocal> create, Action<int, int, TLocal> body, Action<TLocal> merge)
        {
            int chunks = (count + chunk - 1) / chunk;
            if (!_parallel || chunks <= 1)
            {
                var local = create();
                body(0, count, local);
                merge(local);
                return;
            }

            Parallel.For(0, chunks, create, (c, _, local) =>
            {
                body(c * chunk, Math.Min(count, (c + 1) * chunk), local);
                return local;
            }, merge);
        }

        private sealed class Accumulator
        {
            public Accumulator(int counts)
            {
                Counts = new double[counts];
            }

            public double[] Counts { get; }

            public double Change { get; set; }
        }
    }
}
