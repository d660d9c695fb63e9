namespace Microsoft.ML.NoisyLabels.Simulation
{
    /// <summary>What one simulated annotator does, as the mapping computes it.</summary>
    internal readonly record struct AnnotatorRecipe(SimulatedAnnotatorKind Kind, double Amount, int Fractures, double FractureThickness);

    /// <summary>
    /// Simulates annotators on one binary mask at a time (docs/METHOD.md, section 6). Holds every buffer it needs,
    /// sized once for the mask's shape, and computes the fine-grid analysis (upscaled mask, distance maps, skeleton,
    /// thickness) only when a recipe needs it and only once per mask, so one instance serves all annotators of a row
    /// without allocating. Not thread-safe: use one instance per thread.
    /// </summary>
    internal sealed class AnnotatorSimulator
    {
        private readonly Resampling.Taps _taps;
        private readonly DistanceTransform _distance;
        private readonly Thinning _thinning;
        private readonly Fracturing _fracturing;
        private readonly byte[] _mask;
        private readonly float[] _rows;
        private readonly byte[] _fine;
        private readonly float[] _toBackground;
        private readonly float[] _toForeground;
        private readonly byte[] _skeleton;
        private readonly int[] _points;
        private readonly byte[] _work;
        private readonly float[] _workToBackground;
        private readonly byte[] _workSkeleton;
        private readonly int[] _workPoints;
        private readonly int[] _counts;
        private bool _upscaled;
        private bool _analysed;
        private bool _toForegroundReady;
        private int _pointCount;
        private double _thickness;

        public AnnotatorSimulator(int height, int width, int scale)
        {
            if (height <= 0 || width <= 0 || scale <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(scale), $"Cannot simulate on a {height} x {width} mask at scale {scale}.");
            }

            Height = height;
            Width = width;
            Scale = scale;
            int fineHeight = height * scale, fineWidth = width * scale, fine = fineHeight * fineWidth;
            _taps = new Resampling.Taps(scale);
            _distance = new DistanceTransform(Math.Max(fineHeight, fineWidth));
            _thinning = new Thinning(fineHeight, fineWidth);
            _fracturing = new Fracturing(fineHeight, fineWidth);
            _mask = new byte[height * width];
            _rows = new float[height * fineWidth];
            _fine = new byte[fine];
            _toBackground = new float[fine];
            _toForeground = new float[fine];
            _skeleton = new byte[fine];
            _points = new int[fine];
            _work = new byte[fine];
            _workToBackground = new float[fine];
            _workSkeleton = new byte[fine];
            _workPoints = new int[fine];
            _counts = new int[width];
        }

        public int Height { get; }

        public int Width { get; }

        public int Scale { get; }

        private int FineHeight => Height * Scale;

        private int FineWidth => Width * Scale;

        /// <summary>The fine-grid mask of the current mask (upscaled and binarised).</summary>
        internal ReadOnlySpan<byte> Fine
        {
            get
            {
                EnsureUpscaled();
                return _fine;
            }
        }

        /// <summary>The mean stroke thickness of the current mask, in coarse pixels (Morpho-MNIST's measure).</summary>
        public double Thickness
        {
            get
            {
                EnsureAnalysed();
                return _thickness;
            }
        }

        /// <summary>Takes a new mask (0/1 per pixel) and forgets the analysis of the previous one.</summary>
        public void Load(ReadOnlySpan<byte> mask)
        {
            if (mask.Length != _mask.Length)
            {
                throw new ArgumentException($"The mask has {mask.Length} pixels; this simulator works on {Height} x {Width}.", nameof(mask));
            }

            mask.CopyTo(_mask);
            _upscaled = false;
            _analysed = false;
            _toForegroundReady = false;
        }

        /// <summary>Writes the annotation of <paramref name="recipe"/> for the current mask (0/1 floats).</summary>
        public void Simulate(in AnnotatorRecipe recipe, ref SimulationRandom random, Span<float> output)
        {
            switch (recipe.Kind)
            {
                case SimulatedAnnotatorKind.Good:
                    for (int i = 0; i < _mask.Length; i++)
                    {
                        output[i] = _mask[i];
                    }

                    return;
                case SimulatedAnnotatorKind.Blank:
                    output.Slice(0, _mask.Length).Clear();
                    return;
                case SimulatedAnnotatorKind.Flipped:
                    for (int i = 0; i < _mask.Length; i++)
                    {
                        output[i] = 1 - _mask[i];
                    }

                    return;
                case SimulatedAnnotatorKind.Over:
                case SimulatedAnnotatorKind.Wrong:
                    EnsureAnalysed();
                    EnsureToForeground();
                    Morphology.Dilate(_toForeground, Radius(recipe.Amount), _work);
                    break;
                case SimulatedAnnotatorKind.Under:
                    EnsureAnalysed();
                    Morphology.Erode(_toBackground, Radius(recipe.Amount), _work);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(recipe), recipe.Kind, "Unknown kind of simulated annotator.");
            }

            if (recipe.Fractures > 0)
            {
                // The cuts are measured on the deformed strokes (their skeleton and width), so that they cross them
                // entirely: a fracture cut before a dilation would be closed by it.
                _distance.Compute(_work, FineHeight, FineWidth, 0, _workToBackground);
                int points = _thinning.Skeletonise(_work, _workSkeleton, _workPoints);
                _fracturing.Apply(_work, _workSkeleton, _workPoints.AsSpan(0, points), _workToBackground, Scale, recipe.Fractures, recipe.FractureThickness, ref random);
            }

            Resampling.Downscale(_work, Height, Width, Scale, output, _counts);
        }

        private int Radius(double amount) => Morphology.Radius(amount, Scale, _thickness, FineHeight + FineWidth);

        private void EnsureUpscaled()
        {
            if (!_upscaled)
            {
                Resampling.Upscale(_mask, Height, Width, _taps, _fine, _rows);
                _upscaled = true;
            }
        }

        private void EnsureAnalysed()
        {
            if (_analysed)
            {
                return;
            }

            EnsureUpscaled();
            _distance.Compute(_fine, FineHeight, FineWidth, 0, _toBackground);
            _pointCount = _thinning.Skeletonise(_fine, _skeleton, _points);
            _thickness = Morphology.MeanThickness(_toBackground, _points.AsSpan(0, _pointCount), Scale);
            _analysed = true;
        }

        private void EnsureToForeground()
        {
            if (!_toForegroundReady)
            {
                _distance.Compute(_fine, FineHeight, FineWidth, 1, _toForeground);
                _toForegroundReady = true;
            }
        }
    }
}
