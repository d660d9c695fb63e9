namespace Microsoft.ML.NoisyLabels.Volumes
{
    /// <summary>
    /// The windows that tile one slice plane of <see cref="Rows"/> x <see cref="Columns"/> for a network trained on
    /// <see cref="WindowHeight"/> x <see cref="WindowWidth"/> patches, and their blending weights. Where the plane is
    /// smaller than a window it is padded at its end (bottom, right) to the window's size, as patch sampling pads.
    /// </summary>
    internal sealed class SlidingWindows
    {
        /// <summary>The Gaussian's standard deviation as a share of the window's size (nnU-Net's choice).</summary>
        public const double SigmaScale = 0.125;

        public SlidingWindows(int rows, int columns, int windowHeight, int windowWidth, double overlap)
        {
            Rows = rows;
            Columns = columns;
            WindowHeight = windowHeight;
            WindowWidth = windowWidth;
            PaddedRows = Math.Max(rows, windowHeight);
            PaddedColumns = Math.Max(columns, windowWidth);
            RowStarts = Starts(rows, windowHeight, overlap);
            ColumnStarts = Starts(columns, windowWidth, overlap);
            Weights = Gaussian(windowHeight, windowWidth);
        }

        public int Rows { get; }

        public int Columns { get; }

        public int WindowHeight { get; }

        public int WindowWidth { get; }

        /// <summary>Rows after padding: max(rows, window height).</summary>
        public int PaddedRows { get; }

        /// <summary>Columns after padding: max(columns, window width).</summary>
        public int PaddedColumns { get; }

        /// <summary>First row of each window row, from 0 to the last flush with the border.</summary>
        public int[] RowStarts { get; }

        /// <summary>First column of each window column.</summary>
        public int[] ColumnStarts { get; }

        /// <summary>Number of windows, row-major over (row start, column start).</summary>
        public int Count => RowStarts.Length * ColumnStarts.Length;

        /// <summary>Each window pixel's blending weight, [h, w], 1 at the centre.</summary>
        public float[] Weights { get; }

        /// <summary>
        /// The starts of windows of <paramref name="window"/> along <paramref name="length"/>: the fewest whose step does
        /// not exceed window * (1 - overlap), spread evenly from 0 to length - window and rounded to the nearest integer
        /// (as nnU-Net places them). One window at 0 where the length is at most the window's.
        /// </summary>
        public static int[] Starts(int length, int window, double overlap)
        {
            if (length <= window)
            {
                return new[] { 0 };
            }

            int span = length - window;
            double targetStep = window * (1 - overlap);
            int count = (int)Math.Ceiling(span / targetStep) + 1;
            var starts = new int[count];
            double step = (double)span / (count - 1);
            for (int i = 0; i < count; i++)
            {
                starts[i] = (int)Math.Round(step * i, MidpointRounding.ToEven);
            }

            return starts;
        }

        /// <summary>
        /// exp(-(dy^2 / 2 sy^2 + dx^2 / 2 sx^2)) around the window's centre ((h - 1) / 2, (w - 1) / 2), with sy = h / 8 and
        /// sx = w / 8, scaled to 1 at its largest: the windows' centres count most, their borders (where the network sees
        /// least context) least.
        /// </summary>
        public static float[] Gaussian(int height, int width)
        {
            var weights = new double[height * width];
            double sy = height * SigmaScale, sx = width * SigmaScale;
            double cy = (height - 1) / 2.0, cx = (width - 1) / 2.0;
            double max = 0;
            for (int i = 0; i < height; i++)
            {
                for (int j = 0; j < width; j++)
                {
                    double dy = (i - cy) / sy, dx = (j - cx) / sx;
                    double value = Math.Exp(-0.5 * ((dy * dy) + (dx * dx)));
                    weights[(i * width) + j] = value;
                    max = Math.Max(max, value);
                }
            }

            return weights.Select(w => (float)(w / max)).ToArray();
        }

        /// <summary>
        /// For every pixel of every window (window-major, then row-major), its index in the padded plane flattened
        /// row-major: the gather that cuts the windows and the scatter that puts them back.
        /// </summary>
        public long[] PixelIndices()
        {
            int pixels = WindowHeight * WindowWidth;
            var indices = new long[Count * pixels];
            int k = 0;
            foreach (int top in RowStarts)
            {
                foreach (int left in ColumnStarts)
                {
                    for (int i = 0; i < WindowHeight; i++)
                    {
                        for (int j = 0; j < WindowWidth; j++)
                        {
                            indices[(k * pixels) + (i * WindowWidth) + j] = ((long)(top + i) * PaddedColumns) + left + j;
                        }
                    }

                    k++;
                }
            }

            return indices;
        }

        /// <summary>1 / (sum of the weights of the windows that cover each pixel), over the padded plane, row-major.</summary>
        public float[] InverseWeightSums()
        {
            var sums = new double[PaddedRows * PaddedColumns];
            foreach (int top in RowStarts)
            {
                foreach (int left in ColumnStarts)
                {
                    for (int i = 0; i < WindowHeight; i++)
                    {
                        for (int j = 0; j < WindowWidth; j++)
                        {
                            sums[((top + i) * PaddedColumns) + left + j] += Weights[(i * WindowWidth) + j];
                        }
                    }
                }
            }

            // Every pixel lies in a window (the last one is flush with the border) and the Gaussian is positive.
            return sums.Select(s => (float)(1 / s)).ToArray();
        }
    }
}
