namespace Microsoft.ML.NoisyLabels.Samples.Report
{
    /// <summary>Lines and polylines.</summary>
    public sealed partial class Canvas
    {
        /// <summary>
        /// Draws a straight line between two points in pixel-centre coordinates (integer (x, y) is the centre of pixel
        /// (x, y)), <paramref name="thickness"/> pixels wide with round ends.
        /// </summary>
        /// <param name="x0">Start x.</param>
        /// <param name="y0">Start y.</param>
        /// <param name="x1">End x.</param>
        /// <param name="y1">End y.</param>
        /// <param name="color">Line colour.</param>
        /// <param name="thickness">Width in pixels.</param>
        /// <param name="antiAlias">
        /// True to blend edge pixels by their coverage; false to ink exactly the pixels whose centre lies within half
        /// the thickness of the line (crisp, no intermediate colours).
        /// </param>
        public void DrawLine(double x0, double y0, double x1, double y1, Rgb color, double thickness = 1, bool antiAlias = true)
        {
            DrawPolyline(new[] { (x0, y0), (x1, y1) }, color, thickness, antiAlias);
        }

        /// <summary>
        /// Draws connected segments through <paramref name="points"/> (pixel-centre coordinates, as
        /// <see cref="DrawLine"/>). A point with a non-finite coordinate breaks the line: the segments on either side
        /// of it are left out.
        /// </summary>
        public void DrawPolyline(IReadOnlyList<(double X, double Y)> points, Rgb color, double thickness = 1, bool antiAlias = true)
        {
            ArgumentNullException.ThrowIfNull(points);
            if (!(thickness > 0))
            {
                throw new ArgumentOutOfRangeException(nameof(thickness), "The thickness must be positive.");
            }

            double half = thickness / 2;
            double reach = half + 1;
            if (!UnionBounds(points, reach, out int bx0, out int by0, out int bx1, out int by1))
            {
                return;
            }

            // Coverage is the maximum over segments, then blended once, so joints are not inked twice.
            int bw = bx1 - bx0 + 1;
            var coverage = new float[bw * (by1 - by0 + 1)];
            for (int s = 0; s + 1 < points.Count; s++)
            {
                var (ax, ay) = points[s];
                var (cx, cy) = points[s + 1];
                if (!double.IsFinite(ax) || !double.IsFinite(ay) || !double.IsFinite(cx) || !double.IsFinite(cy))
                {
                    continue;
                }

                // Clamped as doubles before the casts: points may lie far outside the canvas.
                int sx0 = (int)Math.Max(bx0, Math.Floor(Math.Min(ax, cx) - reach));
                int sx1 = (int)Math.Min(bx1, Math.Ceiling(Math.Max(ax, cx) + reach));
                int sy0 = (int)Math.Max(by0, Math.Floor(Math.Min(ay, cy) - reach));
                int sy1 = (int)Math.Min(by1, Math.Ceiling(Math.Max(ay, cy) + reach));
                for (int py = sy0; py <= sy1; py++)
                {
                    for (int px = sx0; px <= sx1; px++)
                    {
                        double d = DistanceToSegment(px, py, ax, ay, cx, cy);
                        float c = antiAlias ? (float)Math.Clamp(half + 0.5 - d, 0, 1) : (d <= half ? 1f : 0f);
                        int i = ((py - by0) * bw) + (px - bx0);
                        if (c > coverage[i])
                        {
                            coverage[i] = c;
                        }
                    }
                }
            }

            for (int py = by0; py <= by1; py++)
            {
                for (int px = bx0; px <= bx1; px++)
                {
                    float c = coverage[((py - by0) * bw) + (px - bx0)];
                    if (c > 0)
                    {
                        Blend(px, py, color, c);
                    }
                }
            }
        }

        // The pixel box around the finite points, grown by reach and clipped to the canvas; false when empty.
        private bool UnionBounds(IReadOnlyList<(double X, double Y)> points, double reach, out int x0, out int y0, out int x1, out int y1)
        {
            double minX = double.PositiveInfinity, minY = double.PositiveInfinity;
            double maxX = double.NegativeInfinity, maxY = double.NegativeInfinity;
            foreach (var (x, y) in points)
            {
                if (double.IsFinite(x) && double.IsFinite(y))
                {
                    minX = Math.Min(minX, x);
                    minY = Math.Min(minY, y);
                    maxX = Math.Max(maxX, x);
                    maxY = Math.Max(maxY, y);
                }
            }

            if (points.Count < 2 || !(minX <= maxX))
            {
                x0 = y0 = x1 = y1 = 0;
                return false;
            }

            x0 = (int)Math.Clamp(Math.Floor(minX - reach), 0, Width);
            y0 = (int)Math.Clamp(Math.Floor(minY - reach), 0, Height);
            x1 = (int)Math.Clamp(Math.Ceiling(maxX + reach), -1, Width - 1);
            y1 = (int)Math.Clamp(Math.Ceiling(maxY + reach), -1, Height - 1);
            return x0 <= x1 && y0 <= y1;
        }

        private static double DistanceToSegment(double px, double py, double ax, double ay, double bx, double by)
        {
            double dx = bx - ax;
            double dy = by - ay;
            double lengthSquared = (dx * dx) + (dy * dy);
            double t = lengthSquared == 0 ? 0 : Math.Clamp((((px - ax) * dx) + ((py - ay) * dy)) / lengthSquared, 0, 1);
            double ex = px - (ax + (t * dx));
            double ey = py - (ay + (t * dy));
            return Math.Sqrt((ex * ex) + (ey * ey));
        }
    }
}
