namespace Microsoft.ML.NoisyLabels.Samples.Report
{
    /// <summary>
    /// Grouped bars with error bars (mean +/- std): one group per category on the x axis (a lambda value, a method),
    /// one bar per series within each group (a metric, a method), with a legend when there are several series.
    /// </summary>
    /// <remarks>
    /// Bars rise from zero when zero is on the axis, else from the axis end nearest zero. The y axis covers zero and
    /// every mean +/- std, rounded out to nice ticks, unless <see cref="YMin"/>/<see cref="YMax"/> fix it.
    /// A NaN mean leaves its bar out; a NaN std leaves out the error bar.
    /// </remarks>
    public sealed class BarChartFigure : IFigure
    {
        private readonly string[] _groups;
        private readonly List<(string Name, MeanStd[] Values, Rgb? Color)> _series = new List<(string, MeanStd[], Rgb?)>();

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

        /// <summary>The y-axis title (drawn turned), or null.</summary>
        public string? YTitle { get; set; }

        /// <summary>The canvas width in pixels.</summary>
        public int Width { get; set { ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value); field = value; } } = 640;

        /// <summary>The canvas height in pixels.</summary>
        public int Height { get; set { ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value); field = value; } } = 400;

        /// <summary>The font scale of labels; the title is one larger.</summary>
        public int TextScale { get; set { ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value); field = value; } } = 1;

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
        public BarChartFigure Add(string name, IReadOnlyList<MeanStd> values, Rgb? color = null)
        {
            ArgumentNullException.ThrowIfNull(values);
            if (values.Count != _groups.Length)
            {
                throw new ArgumentException($"Series '{name}' has {values.Count} values for {_groups.Length} groups.", nameof(values));
            }

            _series.Add((name, values.ToArray(), color));
            return this;
        }

        /// <summary>
        /// The bar of <paramref name="series"/> in <paramref name="group"/> on the canvas that <see cref="Render"/>
        /// returns: its left column, width, and the rows of its top and of its base (pixel-centre coordinates).
        /// </summary>
        public (int Left, int Width, double Top, double Base) BarBounds(int group, int series)
        {
            var layout = Layout();
            var (left, width) = BarColumns(layout, group, series);
            double mean = _series[series].Values[group].Mean;
            return (left, width, layout.YPixel(mean), layout.YPixel(BaseValue(layout.Y)));
        }

        /// <inheritdoc />
        public Canvas Render()
        {
            var layout = Layout();
            var canvas = new Canvas(Width, Height);
            layout.DrawBackground(canvas);
            var axis = new Rgb(64, 64, 64);
            double baseValue = BaseValue(layout.Y);
            double baseRow = layout.YPixel(baseValue);

            for (int g = 0; g < _groups.Length; g++)
            {
                int middle = layout.PlotLeft + (int)Math.Round((g + 0.5) * layout.PlotWidth / _groups.Length);
                canvas.FillRect(middle, layout.PlotBottom + 2, 1, ChartLayout.TickLength, axis);
                canvas.DrawText(_groups[g], middle, layout.XLabelTop, Rgb.Black, TextScale, TextAlign.Center);
            }

            canvas.SetClip(layout.PlotLeft, layout.PlotTop, layout.PlotWidth, layout.PlotHeight);
            for (int s = 0; s < _series.Count; s++)
            {
                for (int g = 0; g < _groups.Length; g++)
                {
                    DrawBar(canvas, layout, g, s, baseRow);
                }
            }

            canvas.ResetClip();
            if (ValueDecimals is int decimals)
            {
                DrawValues(canvas, layout, decimals);
            }

            layout.DrawForeground(canvas);
            return canvas;
        }

        private ChartLayout Layout()
        {
            double min = 0, max = 0;
            foreach (var (_, values, _) in _series)
            {
                foreach (var v in values)
                {
                    if (double.IsFinite(v.Mean))
                    {
                        double spread = double.IsFinite(v.Std) ? Math.Abs(v.Std) : 0;
                        min = Math.Min(min, v.Mean - spread);
                        max = Math.Max(max, v.Mean + spread);
                    }
                }
            }

            var y = AxisScale.ForData(min, max, YMin, YMax);
            var legend = new Legend(LegendMark.Box, TextScale);
            if (ShowLegend ?? _series.Count > 1)
            {
                for (int s = 0; s < _series.Count; s++)
                {
                    legend.Add(_series[s].Name, ColorOf(s));
                }
            }

            return new ChartLayout(Width, Height, TextScale, Title, XTitle, YTitle, y, 1, legend);
        }

        private static double BaseValue(AxisScale y)
        {
            return Math.Clamp(0, y.Min, y.Max);
        }

        private Rgb ColorOf(int series)
        {
            return _series[series].Color ?? Palette.Series(series);
        }

        // The bars of a group fill 80% of its width, side by side.
        private (int Left, int Width) BarColumns(ChartLayout layout, int group, int series)
        {
            double groupWidth = (double)layout.PlotWidth / _groups.Length;
            double barWidth = groupWidth * 0.8 / Math.Max(_series.Count, 1);
            double left = layout.PlotLeft + (group * groupWidth) + (groupWidth * 0.1) + (series * barWidth);
            int start = (int)Math.Round(left);
            int end = (int)Math.Round(left + barWidth);

            // One blank column between neighbouring bars when there is room, so equal colours stay apart.
            int width = Math.Max(1, end - start - (barWidth >= 4 ? 1 : 0));
            return (start, width);
        }

        private void DrawBar(Canvas canvas, ChartLayout layout, int group, int series, double baseRow)
        {
            var value = _series[series].Values[group];
            if (!double.IsFinite(value.Mean))
            {
                return;
            }

            var (left, width) = BarColumns(layout, group, series);
            double top = layout.YPixel(value.Mean);
            int rowFrom = (int)Math.Round(Math.Min(top, baseRow));
            int rowTo = (int)Math.Round(Math.Max(top, baseRow));
            canvas.FillRect(left, rowFrom, width, rowTo - rowFrom + 1, ColorOf(series));

            if (double.IsFinite(value.Std) && value.Std > 0)
            {
                double middle = left + ((width - 1) / 2.0);
                double high = layout.YPixel(value.Mean + value.Std);
                double low = layout.YPixel(value.Mean - value.Std);
                double cap = Math.Max(2, Math.Min(6, width / 4.0));
                var ink = new Rgb(32, 32, 32);
                canvas.DrawLine(middle, low, middle, high, ink, 1, antiAlias: false);
                canvas.DrawLine(middle - cap, high, middle + cap, high, ink, 1, antiAlias: false);
                canvas.DrawLine(middle - cap, low, middle + cap, low, ink, 1, antiAlias: false);
            }
        }

        private void DrawValues(Canvas canvas, ChartLayout layout, int decimals)
        {
            int textHeight = BitmapFont.MeasureHeight(TextScale);
            for (int s = 0; s < _series.Count; s++)
            {
                for (int g = 0; g < _groups.Length; g++)
                {
                    var value = _series[s].Values[g];
                    if (!double.IsFinite(value.Mean))
                    {
                        continue;
                    }

                    var (left, width) = BarColumns(layout, g, s);
                    double top = layout.YPixel(value.Mean + (double.IsFinite(value.Std) ? Math.Abs(value.Std) : 0));
                    int y = Math.Max(layout.PlotTop, (int)Math.Round(top) - textHeight - 2);
                    canvas.DrawText(MarkdownTable.FormatNumber(value.Mean, decimals), left + (width / 2), y, Rgb.Black, TextScale, TextAlign.Center);
                }
            }
        }
    }
}
