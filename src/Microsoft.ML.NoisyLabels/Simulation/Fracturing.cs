namespace Microsoft.ML.NoisyLabels.Simulation
{
    /// <summary>
    /// Morpho-MNIST's fractures on a fine binary image: random skeleton points away from tips and forks, and at each a
    /// straight cut across the stroke, perpendicular to the skeleton's local direction, erased with a disk brush.
    /// </summary>
    /// <remarks>
    /// <list type="bullet">
    /// <item>Tips are skeleton pixels with at most one run of skeleton neighbours around them, forks those with three or
    /// more (the crossing number, which a staircase of an 8-connected line does not fool); a point is "away" when it is
    /// farther than <see cref="PruneDistance"/> coarse pixels from all of them, Morpho-MNIST's default. If no point is
    /// away (a short or branchy stroke), every skeleton point is a candidate, as Morpho-MNIST falls back to.</item>
    /// <item>The centres are distinct points drawn uniformly (fewer if the skeleton has fewer points), all before any
    /// cut, so that one cut does not move the next.</item>
    /// <item>The local direction is the principal axis of the skeleton points within <see cref="AngleWindow"/> coarse
    /// pixels (a square window), our choice; the cut's half-length is the distance map at the centre plus
    /// <see cref="Extension"/> coarse pixels, so it crosses the whole stroke.</item>
    /// <item>The brush is disk(ceil((thickness * scale - 1) / 2)); cuts are clipped at the image's border.</item>
    /// </list>
    /// </remarks>
    internal sealed class Fracturing
    {
        /// <summary>Distance, in coarse pixels, that fracture centres keep from tips and forks (Morpho-MNIST's prune = 2).</summary>
        public const double PruneDistance = 2;

        /// <summary>Half-size, in coarse pixels, of the window over which the stroke's direction is measured.</summary>
        public const double AngleWindow = 2;

        /// <summary>How far, in coarse pixels, a cut extends beyond the distance map at its centre (Morpho-MNIST's 0.5).</summary>
        public const double Extension = 0.5;

        private readonly int _height;
        private readonly int _width;
        private readonly int[] _candidates;
        private readonly int[] _ends;

        public Fracturing(int height, int width)
        {
            _height = height;
            _width = width;
            _candidates = new int[height * width];
            _ends = new int[height * width];
        }

        /// <summary>
        /// Cuts <paramref name="count"/> fractures into <paramref name="image"/>.
        /// </summary>
        /// <param name="image">The fine binary image, changed in place.</param>
        /// <param name="skeleton">Its skeleton (0/1).</param>
        /// <param name="points">The skeleton's pixel indices.</param>
        /// <param name="squaredToBackground">The image's squared distance map to the background.</param>
        /// <param name="scale">Fine pixels per coarse pixel.</param>
        /// <param name="count">The number of fractures.</param>
        /// <param name="thickness">The cut's thickness in coarse pixels.</param>
        /// <param name="random">The row's random stream.</param>
        public void Apply(
            Span<byte> image,
            ReadOnlySpan<byte> skeleton,
            ReadOnlySpan<int> points,
            ReadOnlySpan<float> squaredToBackground,
            int scale,
            int count,
            double thickness,
            ref SimulationRandom random)
        {
            if (points.Length == 0 || count <= 0)
            {
                return;
            }

            int ends = 0;
            foreach (int p in points)
            {
                int runs = Thinning.Runs(NeighbourCode(skeleton, p));
                if (runs <= 1 || runs >= 3)
                {
                    _ends[ends++] = p;
                }
            }

            double prune = PruneDistance * scale;
            double pruneSquared = prune * prune;
            int candidates = 0;
            foreach (int p in points)
            {
                int py = p / _width, px = p % _width;
                bool away = true;
                for (int e = 0; e < ends && away; e++)
                {
                    int dy = (_ends[e] / _width) - py, dx = (_ends[e] % _width) - px;
                    away = (dx * dx) + (dy * dy) > pruneSquared;
                }

                if (away)
                {
                    _candidates[candidates++] = p;
                }
            }

            if (candidates == 0)
            {
                points.CopyTo(_candidates);
                candidates = points.Length;
            }

            // Partial Fisher-Yates: the first 'chosen' entries become a uniform draw without replacement.
            int chosen = Math.Min(count, candidates);
            for (int i = 0; i < chosen; i++)
            {
                int j = i + random.NextInt(candidates - i);
                (_candidates[i], _candidates[j]) = (_candidates[j], _candidates[i]);
            }

            int brush = (int)Math.Ceiling(((thickness * scale) - 1) / 2);
            int window = (int)Math.Round(AngleWindow * scale);
            for (int i = 0; i < chosen; i++)
            {
                int centre = _candidates[i];
                int cy = centre / _width, cx = centre % _width;
                (double ny, double nx) = Normal(skeleton, cy, cx, window);
                // Capped at the image's size: a mask with no background has no finite distance.
                double length = Math.Min(Math.Sqrt(squaredToBackground[centre]), _height + _width) + (Extension * scale);
                int y0 = (int)Math.Round(cy + (length * ny)), x0 = (int)Math.Round(cx + (length * nx));
                int y1 = (int)Math.Round(cy - (length * ny)), x1 = (int)Math.Round(cx - (length * nx));
                EraseLine(image, y0, x0, y1, x1, brush);
            }
        }

        private int NeighbourCode(ReadOnlySpan<byte> skeleton, int p)
        {
            int y = p / _width, x = p % _width;
            int code = 0;
            code |= At(skeleton, y - 1, x) << 0;
            code |= At(skeleton, y - 1, x + 1) << 1;
            code |= At(skeleton, y, x + 1) << 2;
            code |= At(skeleton, y + 1, x + 1) << 3;
            code |= At(skeleton, y + 1, x) << 4;
            code |= At(skeleton, y + 1, x - 1) << 5;
            code |= At(skeleton, y, x - 1) << 6;
            code |= At(skeleton, y - 1, x - 1) << 7;
            return code;
        }

        private int At(ReadOnlySpan<byte> image, int y, int x)
            => (uint)y < (uint)_height && (uint)x < (uint)_width ? image[(y * _width) + x] : 0;

        /// <summary>The unit normal (dy, dx) to the principal axis of the skeleton points near (cy, cx).</summary>
        private (double Dy, double Dx) Normal(ReadOnlySpan<byte> skeleton, int cy, int cx, int window)
        {
            double n = 0, sy = 0, sx = 0, syy = 0, sxx = 0, sxy = 0;
            int yFirst = Math.Max(0, cy - window), yLast = Math.Min(_height - 1, cy + window);
            int xFirst = Math.Max(0, cx - window), xLast = Math.Min(_width - 1, cx + window);
            for (int y = yFirst; y <= yLast; y++)
            {
                for (int x = xFirst; x <= xLast; x++)
                {
                    if (skeleton[(y * _width) + x] != 0)
                    {
                        double dy = y - cy, dx = x - cx;
                        n++;
                        sy += dy;
                        sx += dx;
                        syy += dy * dy;
                        sxx += dx * dx;
                        sxy += dx * dy;
                    }
                }
            }

            double my = sy / n, mx = sx / n;
            double cyy = (syy / n) - (my * my), cxx = (sxx / n) - (mx * mx), cxy = (sxy / n) - (mx * my);
            // Direction of the principal axis; with a single point (no spread) it is horizontal, an arbitrary choice.
            double angle = 0.5 * Math.Atan2(2 * cxy, cxx - cyy);
            return (Math.Cos(angle), -Math.Sin(angle));
        }

        /// <summary>Erases disk(<paramref name="brush"/>) at every point of the Bresenham line, clipped at the border.</summary>
        private void EraseLine(Span<byte> image, int y0, int x0, int y1, int x1, int brush)
        {
            int dx = Math.Abs(x1 - x0), dy = -Math.Abs(y1 - y0);
            int stepX = x0 < x1 ? 1 : -1, stepY = y0 < y1 ? 1 : -1;
            int error = dx + dy;
            int x = x0, y = y0;
            while (true)
            {
                EraseDisk(image, y, x, brush);
                if (x == x1 && y == y1)
                {
                    break;
                }

                int twice = 2 * error;
                if (twice >= dy)
                {
                    error += dy;
                    x += stepX;
                }

                if (twice <= dx)
                {
                    error += dx;
                    y += stepY;
                }
            }
        }

        private void EraseDisk(Span<byte> image, int cy, int cx, int radius)
        {
            int r2 = radius * radius;
            int yFirst = Math.Max(0, cy - radius), yLast = Math.Min(_height - 1, cy + radius);
            for (int y = yFirst; y <= yLast; y++)
            {
                int dy = y - cy;
                int half = (int)Math.Sqrt(r2 - (dy * dy));
                int xFirst = Math.Max(0, cx - half), xLast = Math.Min(_width - 1, cx + half);
                if (xFirst <= xLast)
                {
                    image.Slice((y * _width) + xFirst, xLast - xFirst + 1).Clear();
                }
            }
        }
    }
}
