using System.Collections.Concurrent;

namespace Microsoft.ML.NoisyLabels.Fusion
{
    /// <summary>
    /// Spatial STAPLE's window counts over a region: for every pixel x of the region and present annotator k, the soft
    /// counts C_k(x)[o, s] = sum over the window of W_i[s] [D_ik = o]. Only (L - 1) + R'(L - 1)^2 of them are box
    /// filtered per iteration; the rest follow from identities, because the weights of a pixel sum to 1 over s and each
    /// annotator gives one label per pixel:
    /// <list type="bullet">
    /// <item>B_s(x) = window sum of W[s]; B_{L-1} = N(x) - sum of the others, N(x) = pixels in the clipped window;</item>
    /// <item>C_k[o, L-1] = K_k[o](x) - sum over s &lt; L-1 of C_k[o, s], with K_k[o] = window count of [D_k = o], fixed;</item>
    /// <item>C_k[0, s] = B_s - sum over o &gt;= 1 of C_k[o, s].</item>
    /// </list>
    /// Windows are clipped to the region, which is exact at every pixel whose window lies inside it.
    /// </summary>
    internal sealed class LocalCounts
    {
        private readonly int _classes;
        private readonly int _raters;
        private readonly ImageShape _shape;
        private readonly int _radius;
        private readonly double[][] _classSums;
        private readonly double[][] _counts;
        private readonly double[][] _labelCounts;
        private readonly double[] _windowSizes;
        private readonly bool _parallel;
        private readonly ConcurrentBag<double[]> _scratch = new ConcurrentBag<double[]>();

        public LocalCounts(int classes, int raters, ImageShape shape, int radius, bool parallel)
        {
            _classes = classes;
            _raters = raters;
            _shape = shape;
            _radius = radius;
            _parallel = parallel;
            int pixels = shape.Pixels;
            int reduced = classes - 1;
            _classSums = Allocate(reduced, pixels);
            _counts = Allocate(raters * reduced * reduced, pixels);
            _labelCounts = Allocate(raters * reduced, pixels);
            _windowSizes = new double[pixels];
        }

        /// <summary>True when these counts can serve an image of this kind (the workspace reuses them).</summary>
        public bool Fits(int classes, int raters, ImageShape shape, int radius, bool parallel)
            => classes == _classes && raters == _raters && shape == _shape && radius == _radius && parallel == _parallel;

        /// <summary>The region the counts cover.</summary>
        public ImageRegion Region { get; private set; }

        /// <summary>Moves to a region and computes its fixed channels (window sizes, label counts).</summary>
        /// <param name="region">The region.</param>
        /// <param name="labels">Present annotators' labels [R', P].</param>
        public void SetRegion(ImageRegion region, byte[] labels)
        {
            Region = region;
            int pixels = _shape.Pixels;
            int reduced = _classes - 1;
            int index = 0;
            for (int z = 0; z < region.Depth; z++)
            {
                int nz = BoxFilter.WindowLength(z, region.Depth, _radius);
                for (int y = 0; y < region.Height; y++)
                {
                    int nzy = nz * BoxFilter.WindowLength(y, region.Height, _radius);
                    for (int x = 0; x < region.Width; x++)
                    {
                        _windowSizes[index++] = nzy * BoxFilter.WindowLength(x, region.Width, _radius);
                    }
                }
            }

            Run(_raters * reduced, (job, scratch) =>
            {
                int k = job / reduced;
                byte o = (byte)((job % reduced) + 1);
                BoxFilter.Sum(null, 0, labels, k * pixels, o, _shape, Region, _radius, _labelCounts[job], scratch);
            });
        }

        /// <summary>Recomputes the weight-dependent channels from the weights [L, P].</summary>
        public void Update(double[] weights, byte[] labels)
        {
            int pixels = _shape.Pixels;
            int reduced = _classes - 1;
            int perRater = reduced * reduced;
            Run(reduced + (_raters * perRater), (job, scratch) =>
            {
                if (job < reduced)
                {
                    BoxFilter.Sum(weights, job * pixels, null, 0, 0, _shape, Region, _radius, _classSums[job], scratch);
                    return;
                }

                int c = job - reduced;
                int k = c / perRater;
                byte o = (byte)(((c % perRater) / reduced) + 1);
                int s = c % reduced;
                BoxFilter.Sum(weights, s * pixels, labels, k * pixels, o, _shape, Region, _radius, _counts[c], scratch);
            });
        }

        /// <summary>Two classes: the window sums of W[0] over the region, B_0.</summary>
        public double[] ClassSum0 => _classSums[0];

        /// <summary>The number of pixels in each clipped window of the region, N(x).</summary>
        public double[] WindowSizes => _windowSizes;

        /// <summary>Two classes: C_k[1, 0], the window sums of W[0] where annotator k wrote 1.</summary>
        public double[] Counts10(int k) => _counts[k];

        /// <summary>Two classes: K_k[1], the window counts of pixels where annotator k wrote 1.</summary>
        public double[] LabelCounts1(int k) => _labelCounts[k];

        /// <summary>The window sums of the weights of every class, B_s(x), at region pixel <paramref name="at"/>.</summary>
        public void ClassSums(int at, Span<double> sums)
        {
            double rest = _windowSizes[at];
            for (int s = 0; s < _classes - 1; s++)
            {
                sums[s] = Math.Max(_classSums[s][at], 0);
                rest -= _classSums[s][at];
            }

            sums[_classes - 1] = Math.Max(rest, 0);
        }

        /// <summary>
        /// The counts C_k(x)[o, s] for all s, at region pixel <paramref name="at"/>, given <paramref name="classSums"/>
        /// from <see cref="ClassSums"/>. Running sums can leave tiny negative values where the truth is 0: clamped.
        /// </summary>
        public void Row(int k, int o, int at, ReadOnlySpan<double> classSums, Span<double> counts)
        {
            int reduced = _classes - 1;
            if (o > 0)
            {
                ObservedRow(k, o, at, counts);
            }
            else
            {
                for (int s = 0; s < _classes; s++)
                {
                    counts[s] = classSums[s];
                }

                Span<double> other = stackalloc double[_classes];
                for (int o2 = 1; o2 <= reduced; o2++)
                {
                    ObservedRow(k, o2, at, other, clamp: false);
                    for (int s = 0; s < _classes; s++)
                    {
                        counts[s] -= other[s];
                    }
                }
            }

            for (int s = 0; s < _classes; s++)
            {
                counts[s] = Math.Max(counts[s], 0);
            }
        }

        private void ObservedRow(int k, int o, int at, Span<double> counts, bool clamp = true)
        {
            int reduced = _classes - 1;
            int first = ((k * reduced) + (o - 1)) * reduced;
            double rest = _labelCounts[(k * reduced) + (o - 1)][at];
            for (int s = 0; s < reduced; s++)
            {
                double c = _counts[first + s][at];
                counts[s] = c;
                rest -= c;
            }

            counts[reduced] = rest;
            if (clamp)
            {
                for (int s = 0; s < _classes; s++)
                {
                    counts[s] = Math.Max(counts[s], 0);
                }
            }
        }

        private void Run(int jobs, Action<int, double[]> job)
        {
            int pixels = _shape.Pixels;
            if (!_parallel || jobs == 1)
            {
                var scratch = Rent(pixels);
                for (int j = 0; j < jobs; j++)
                {
                    job(j, scratch);
                }

                _scratch.Add(scratch);
                return;
            }

            Parallel.For(
                0,
                jobs,
                () => Rent(pixels),
                (j, _, scratch) =>
                {
                    job(j, scratch);
                    return scratch;
                },
                _scratch.Add);
        }

        private double[] Rent(int pixels) => _scratch.TryTake(out var scratch) ? scratch : new double[pixels];

        private static double[][] Allocate(int count, int pixels)
        {
            var arrays = new double[count][];
            for (int i = 0; i < count; i++)
            {
                arrays[i] = new double[pixels];
            }

            return arrays;
        }
    }
}
