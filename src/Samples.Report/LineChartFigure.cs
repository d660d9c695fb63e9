using ScottPlot;

namespace Microsoft.ML.NoisyLabels.Samples.Report
{
    /// <summary>
    /// Curves such as training loss or disagreement per epoch: named series of (x, y) points on linear axes, with a
    /// title, axis titles and a legend right of the plot.
    /// </summary>
    /// <remarks>
    /// The y axis covers the finite points, padded by 5% of their range (never across zero); set <see cref="YMin"/> or
    /// <see cref="YMax"/> (for example 0 and 1 for Dice) to fix an end, and curves are clipped to it. When every x is a
    /// whole number (epochs), the x ticks are whole numbers too.
    /// </remarks>
    public sealed class LineChartFigure : IFigure
    {
        private readonly List<LineSeries> _series = new();

        /// <summary>The title above the plot, or null.</summary>
        public string? Title { get; set; }

        /// <summary>The x-axis title, or null.</summary>
        public string? XTitle { get; set; }

        /// <summary>The y-axis title, or null.</summary>
        public string? YTitle { get; set; }

        /// <inheritdoc />
        public int Width { get; set { ArgumentOutOfRangeException.ThrowIfLessThan(value, 200); field = value; } } = 760;

        /// <inheritdoc />
        public int Height { get; set { ArgumentOutOfRangeException.ThrowIfLessThan(value, 150); field = value; } } = 440;

        /// <summary>The curves' width in pixels.</summary>
        public float LineWidth { get; set { ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value); field = value; } } = 2;

        /// <summary>Whether to mark every point with a dot (useful for few points).</summary>
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
        public LineChartFigure Add(string name, IReadOnlyList<double> x, IReadOnlyList<double> y, Color? color = null)
        {
            ArgumentNullException.ThrowIfNull(x);
            ArgumentNullException.ThrowIfNull(y);
            if (x.Count != y.Count)
            {
                throw new ArgumentException($"Series '{name}' has {x.Count} x values and {y.Count} y values.");
            }

            return Add(new LineSeries(name, x.Zip(y).ToArray(), color));
        }

        /// <summary>Adds a series whose x values are 1, 2, ... (epochs).</summary>
        public LineChartFigure Add(string name, IReadOnlyList<double> y, Color? color = null)
        {
            ArgumentNullException.ThrowIfNull(y);
            return Add(name, Enumerable.Range(1, y.Count).Select(i => (double)i).ToArray(), y, color);
        }

        /// <summary>The colour series <paramref name="index"/> is drawn in.</summary>
        public Color ColorOf(int index) => _series[index].Color ?? Palette.Series(index);

        /// <inheritdoc />
        public Plot Build()
        {
            var plot = FigureStyle.NewPlot();
            for (int s = 0; s < _series.Count; s++)
            {
                bool first = true;
                foreach (var run in FiniteRuns(_series[s].Points))
                {
                    var line = plot.Add.Scatter(run.Select(p => p.X).ToArray(), run.Select(p => p.Y).ToArray(), ColorOf(s));
                    line.LineWidth = LineWidth;
                    line.MarkerSize = ShowMarkers ? (LineWidth * 2) + 4 : 0;

                    // One legend entry per series, however many pieces NaN points cut it into.
                    line.LegendText = first ? _series[s].Name : string.Empty;
                    first = false;
                }
            }

            var finite = _series.SelectMany(s => s.Points).Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).ToArray();
            if (finite.Length > 0 && finite.All(p => p.X == Math.Round(p.X)))
            {
                plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
            }

            var (left, right) = ChartAxes.Range(finite.Select(p => p.X).DefaultIfEmpty(double.NaN).Min(), finite.Select(p => p.X).DefaultIfEmpty(double.NaN).Max(), null, null, 0.04);
            var (low, high) = ChartAxes.Range(finite.Select(p => p.Y).DefaultIfEmpty(double.NaN).Min(), finite.Select(p => p.Y).DefaultIfEmpty(double.NaN).Max(), YMin, YMax, 0.05);
            plot.Axes.SetLimits(left, right, low, high);
            ChartAxes.Label(plot, Title, XTitle, YTitle);
            if (ShowLegend ?? _series.Count > 1)
            {
                ChartAxes.Legend(plot);
            }

            return plot;
        }

        // The maximal pieces of a curve between points with a NaN or infinite coordinate.
        private static IEnumerable<List<(double X, double Y)>> FiniteRuns(IEnumerable<(double X, double Y)> points)
        {
            var run = new List<(double X, double Y)>();
            foreach (var point in points)
            {
                if (double.IsFinite(point.X) && double.IsFinite(point.Y))
                {
                    run.Add(point);
                }
                else if (run.Count > 0)
                {
                    yield return run;
                    run = new List<(double X, double Y)>();
                }
            }

            if (run.Count > 0)
            {
                yield return run;
            }
        }
    }
}
