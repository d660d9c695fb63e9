using ScottPlot;

namespace Microsoft.ML.NoisyLabels.Samples.Report
{
    /// <summary>
    /// Grouped bars with error bars (mean +/- std): one group per category on the x axis (a lambda value, a method),
    /// one bar per series within each group (a metric, a regime), with a legend when there are several series.
    /// </summary>
    /// <remarks>
    /// Group g is centred at x = g; its bars share 80% of the unit width, side by side. Bars rise from zero. The y axis
    /// covers zero and every mean +/- std with room above for the printed values, unless <see cref="YMin"/> or
    /// <see cref="YMax"/> fix an end. A NaN mean leaves its bar out; a NaN std leaves out the error bar.
    /// </remarks>
    public sealed class BarChartFigure : IFigure
    {
        private readonly string[] _groups;
        private readonly List<(string Name, MeanStd[] Values, Color? Color)> _series = new();

        /// <summary>A chart with one group of bars per entry of <paramref name="groups"/>, left to right.</summary>
        public BarChartFigure(IReadOnlyList<string> groups)
        {
            ArgumentNullException.ThrowIfNull(groups);
            if (groups.Count == 0)
            {
                throw new ArgumentException("A bar chart needs at least one group.", nameof(groups));
            }

            _groups = groups.ToArray();
        }

        /// <summary>The title above the plot, or null.</summary>
        public string? Title { get; set; }

        /// <summary>The x-axis title (under the group labels), or null.</summary>
        public string? XTitle { get; set; }

        /// <summary>The y-axis title, or null.</summary>
        public string? YTitle { get; set; }

        /// <inheritdoc />
        public int Width { get; set { ArgumentOutOfRangeException.ThrowIfLessThan(value, 200); field = value; } } = 760;

        /// <inheritdoc />
        public int Height { get; set { ArgumentOutOfRangeException.ThrowIfLessThan(value, 150); field = value; } } = 440;

        /// <summary>The fixed lower end of the y axis, or null to fit the data.</summary>
        public double? YMin { get; set; }

        /// <summary>The fixed upper end of the y axis, or null to fit the data.</summary>
        public double? YMax { get; set; }

        /// <summary>Decimals of the mean printed above each bar, or null to print none.</summary>
        public int? ValueDecimals { get; set { ArgumentOutOfRangeException.ThrowIfNegative(value ?? 0); field = value; } }

        /// <summary>Whether to show the legend; null shows it when there is more than one series.</summary>
        public bool? ShowLegend { get; set; }

        /// <summary>The number of series added so far.</summary>
        public int SeriesCount => _series.Count;

        /// <summary>Adds a series: one value per group, in the groups' order.</summary>
        public BarChartFigure Add(string name, IReadOnlyList<MeanStd> values, Color? color = null)
        {
            ArgumentNullException.ThrowIfNull(name);
            ArgumentNullException.ThrowIfNull(values);
            if (values.Count != _groups.Length)
            {
                throw new ArgumentException($"Series '{name}' has {values.Count} values for {_groups.Length} groups.", nameof(values));
            }

            _series.Add((name, values.ToArray(), color));
            return this;
        }

        /// <summary>The colour series <paramref name="index"/> is drawn in.</summary>
        public Color ColorOf(int index) => _series[index].Color ?? Palette.Series(index);

        /// <summary>The x coordinate of the middle of the bar of <paramref name="series"/> in <paramref name="group"/>.</summary>
        public double BarPosition(int group, int series) => group - 0.4 + (BarWidth * (series + 0.5));

        /// <inheritdoc />
        public Plot Build()
        {
            var plot = FigureStyle.NewPlot();
            var bars = new List<Bar>();
            var whiskers = new List<(double X, double Y, double Error)>();
            double top = 0, bottom = 0;
            for (int s = 0; s < _series.Count; s++)
            {
                for (int g = 0; g < _groups.Length; g++)
                {
                    var value = _series[s].Values[g];
                    if (!double.IsFinite(value.Mean))
                    {
                        continue;
                    }

                    double error = double.IsFinite(value.Std) ? Math.Abs(value.Std) : 0;
                    bars.Add(new Bar
                    {
                        Position = BarPosition(g, s),
                        Value = value.Mean,
                        Size = BarWidth * 0.9,
                        FillColor = ColorOf(s),
                        LineWidth = 0,
                    });
                    if (error > 0)
                    {
                        whiskers.Add((BarPosition(g, s), value.Mean, error));
                    }

                    top = Math.Max(top, value.Mean + error);
                    bottom = Math.Min(bottom, value.Mean - error);
                    if (ValueDecimals is int decimals)
                    {
                        // Over the error bar, not over the bar, so that whisker and text never overlap.
                        var label = plot.Add.Text(MarkdownTable.FormatNumber(value.Mean, decimals), BarPosition(g, s), value.Mean + error);
                        label.LabelAlignment = Alignment.LowerCenter;
                        label.LabelFontName = FigureFont.Name;
                        label.LabelFontSize = FigureStyle.TextSize - 1;
                        label.LabelFontColor = Palette.Ink;
                        label.OffsetY = -3;
                    }
                }
            }

            plot.Add.Bars(bars);

            // Error bars of their own: a bar's built-in ones share its outline's width, and bars have no outline.
            var errorBars = plot.Add.ErrorBar(whiskers.Select(w => w.X).ToArray(), whiskers.Select(w => w.Y).ToArray(), whiskers.Select(w => w.Error).ToArray());
            errorBars.Color = Palette.Ink;
            errorBars.LineWidth = 1.5f;
            errorBars.CapSize = 6;
            plot.Axes.Bottom.SetTicks(Enumerable.Range(0, _groups.Length).Select(g => (double)g).ToArray(), _groups);
            plot.Axes.Bottom.MajorTickStyle.Length = 0;

            // Vertical grid lines would cut through the groups; the horizontal ones read the values.
            plot.Grid.XAxisStyle.MajorLineStyle.Width = 0;

            // Extra room above the tallest bar for its printed value.
            var (low, high) = ChartAxes.Range(bottom, top, YMin ?? Math.Min(0, bottom), YMax, ValueDecimals is null ? 0.05 : 0.12);
            plot.Axes.SetLimits(-0.6, _groups.Length - 0.4, low, high);
            ChartAxes.Label(plot, Title, XTitle, YTitle);
            if (ShowLegend ?? _series.Count > 1)
            {
                for (int s = 0; s < _series.Count; s++)
                {
                    plot.Legend.ManualItems.Add(new LegendItem { LabelText = _series[s].Name, FillColor = ColorOf(s) });
                }

                ChartAxes.Legend(plot);
            }

            return plot;
        }

        private double BarWidth => 0.8 / Math.Max(_series.Count, 1);
    }
}
