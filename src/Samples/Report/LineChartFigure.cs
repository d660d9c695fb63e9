namespace Microsoft.ML.NoisyLabels.Samples.Report
{
    /// <summary>
    /// Curves such as training loss or Dice per epoch: named series of (x, y) points on linear axes with ticks,
    /// numeric labels, grid lines, a title, axis titles and a legend.
    /// </summary>
    /// <remarks>
    /// The axes cover the finite points, padded by 5% of the y range and rounded out to nice ticks (see
    /// <see cref="AxisScale"/>); set <see cref="YMin"/>/<see cref="YMax"/> (for example 0 and 1 for Dice) to fix the
    /// y range (its ends are still rounded out to ticks), and curves are clipped to it.
    /// </remarks>
    public sealed class LineChartFigure : IFigure
    {
        private readonly List<LineSeries> _series = new List<LineSeries>();

        /// <summary>The title above the plot, or null.</summary>
        public string? Title { get; set; }

        /// <summary>The x-axis title, or null.</summary>
        public string? XTitle { get; set; }

        /// <summary>The y-axis title (drawn turned), or null.</summary>
        public string? YTitle { get; set; }

        /// <summary>The canvas width in pixels.</summary>
        public int Width { get; set { ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value); field = value; } } = 640;

        /// <summary>The canvas height in pixels.</summary>
        public int Height { get; set { ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value); field = value; } } = 400;

        /// <summary>The font scale of labels; the title is one larger.</summary>
        public int TextScale { get; set { ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value); field = value; } } = 1;

        /// <summary>The curves' width in pixels.</summary>
        public double LineWidth { get; set { ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value); field = value; } } = 2;

        /// <summary>Whether to draw a small square at every point (useful for few points).</summary>
        public bool ShowMarkers { get; set; }

        /// <summary>The fixed lower end of the y axis, or null to fit the data.</summary>
        public double? YMin { get; set; }

        /// <summary>The fixed upper end of the y axis, or null to fit the data.</summary>
        public double? YMax { get; set; }

        /// <summary>Whether to show the legend; null shows it when there is more than one series.</summary>
        public bool? ShowLegend { get; set; }

        /// <summary>The series added so far.</summary>
        public IReadOnlyList<LineSeries> Series => _series;

        /// <summary>Adds a series.</summary>
        public LineChartFigure Add(LineSeries series)
        {
            ArgumentNullException.ThrowIfNull(series);
            _series.Add(series);
            return this;
        }

        /// <summary>Adds a series of points (<paramref name="x"/>[i], <paramref name="y"/>[i]).</summary>
        public LineChartFigure Add(string name, IReadOnlyList<double> x, IReadOnlyList<double> y, Rgb? color = null)
        {
            if (x.Count != y.Count)
            {
                throw new ArgumentException($"Series '{name}' has {x.Count} x values and {y.Count} y values.");
            }

            var points = new (double, double)[x.Count];
            for (int i = 0; i < points.Length; i++)
            {
                points[i] = (x[i], y[i]);
            }

            return Add(new LineSeries(name, points, color));
        }

        /// <summary>Adds a series whose x values are 1, 2, ... (epochs).</summary>
        public LineChartFigure Add(string name, IReadOnlyList<double> y, Rgb? color = null)
        {
            var x = new double[y.Count];
            for (int i = 0; i < x.Length; i++)
            {
                x[i] = i + 1;
            }

            return Add(name, x, y, color);
        }

        /// <summary>
        /// The canvas position (pixel-centre coordinates) of data point (<paramref name="x"/>, <paramref name="y"/>)
        /// in <see cref="Render"/>'s output for the current series and settings.
        /// </summary>
        public (double X, double Y) ToPixel(double x, double y)
        {
            var (layout, xScale) = Layout();
            return (xScale.ToPixel(x, layout.PlotLeft, layout.PlotRight), layout.YPixel(y));
        }

        /// <summary>The plot area (inside the frame) in <see cref="Render"/>'s output for the current series and settings.</summary>
        public (int Left, int Top, int Width, int Height) PlotArea()
        {
            var (layout, _) = Layout();
            return (layout.PlotLeft, layout.PlotTop, layout.PlotWidth, layout.PlotHeight);
        }

        /// <inheritdoc />
        public Canvas Render()
        {
            var (layout, xScale) = Layout();
            var canvas = new Canvas(Width, Height);
            layout.DrawBackground(canvas);
            DrawXAxis(canvas, layout, xScale);

            canvas.SetClip(layout.PlotLeft, layout.PlotTop, layout.PlotWidth, layout.PlotHeight);
            for (int s = 0; s < _series.Count; s++)
            {
                DrawSeries(canvas, layout, xScale, _series[s].Points, ColorOf(s));
            }

            canvas.ResetClip();
            layout.DrawForeground(canvas);
            return canvas;
        }

        private (ChartLayout Layout, AxisScale X) Layout()
        {
            var (xScale, yScale) = Scales();
            var legend = new Legend(LegendMark.Line, TextScale);
            if (ShowLegend ?? _series.Count > 1)
            {
                for (int s = 0; s < _series.Count; s++)
                {
                    legend.Add(_series[s].Name, ColorOf(s));
                }
            }

            return (new ChartLayout(Width, Height, TextScale, Title, XTitle, YTitle, yScale, 1, legend), xScale);
        }

        private Rgb ColorOf(int series)
        {
            return _series[series].Color ?? Palette.Series(series);
        }

        private (AxisScale X, AxisScale Y) Scales()
        {
            double minX = double.PositiveInfinity, maxX = double.NegativeInfinity;
            double minY = double.PositiveInfinity, maxY = double.NegativeInfinity;
            foreach (var series in _series)
            {
                foreach (var (x, y) in series.Points)
                {
                    if (double.IsFinite(x) && double.IsFinite(y))
                    {
                        minX = Math.Min(minX, x);
                        maxX = Math.Max(maxX, x);
                        minY = Math.Min(minY, y);
                        maxY = Math.Max(maxY, y);
                    }
                }
            }

            if (minX > maxX)
            {
                // No finite point: an empty unit plot rather than an exception, so a report still renders.
                minX = 0;
                maxX = 1;
                minY = 0;
                maxY = 1;
            }

            var xScale = AxisScale.Create(minX, maxX);
            var yScale = AxisScale.ForData(minY, maxY, YMin, YMax);
            return (xScale, yScale);
        }

        private void DrawXAxis(Canvas canvas, ChartLayout layout, AxisScale xScale)
        {
            var axis = new Rgb(64, 64, 64);
            foreach (double tick in xScale.Ticks)
            {
                int column = (int)Math.Round(xScale.ToPixel(tick, layout.PlotLeft, layout.PlotRight));
                canvas.FillRect(column, layout.PlotTop, 1, layout.PlotHeight, Rgb.LightGrey);
                canvas.FillRect(column, layout.PlotBottom + 2, 1, ChartLayout.TickLength, axis);
                canvas.DrawText(xScale.Format(tick), column, layout.XLabelTop, Rgb.Black, TextScale, TextAlign.Center);
            }
        }

        private void DrawSeries(Canvas canvas, ChartLayout layout, AxisScale xScale, IReadOnlyList<(double X, double Y)> points, Rgb color)
        {
            var pixels = new (double X, double Y)[points.Count];
            for (int i = 0; i < pixels.Length; i++)
            {
                var (x, y) = points[i];
                pixels[i] = (xScale.ToPixel(x, layout.PlotLeft, layout.PlotRight), layout.YPixel(y));
            }

            canvas.DrawPolyline(pixels, color, LineWidth);
            if (ShowMarkers)
            {
                int size = 2 + (int)Math.Ceiling(LineWidth);
                foreach (var (x, y) in pixels)
                {
                    if (double.IsFinite(x) && double.IsFinite(y))
                    {
                        canvas.FillRect((int)Math.Round(x) - (size / 2), (int)Math.Round(y) - (size / 2), size, size, color);
                    }
                }
            }
        }
    }
}
