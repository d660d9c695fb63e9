namespace Microsoft.ML.NoisyLabels.Samples.Report
{
    /// <summary>
    /// Where the parts of a chart go (title on top, y-axis title and tick labels on the left, x labels and title
    /// below, legend on the right outside the plot so it never hides data), and the drawing of those shared parts.
    /// </summary>
    internal sealed class ChartLayout
    {
        public const int TickLength = 4;
        private const int Margin = 10;
        private const int LabelGap = 3;

        private readonly string? _title;
        private readonly string? _xTitle;
        private readonly string? _yTitle;
        private readonly Legend _legend;
        private readonly int _scale;
        private readonly int _width;
        private readonly int _height;

        public ChartLayout(int width, int height, int scale, string? title, string? xTitle, string? yTitle, AxisScale y, int xLabelLines, Legend legend)
        {
            _width = width;
            _height = height;
            _scale = scale;
            _title = string.IsNullOrEmpty(title) ? null : title;
            _xTitle = string.IsNullOrEmpty(xTitle) ? null : xTitle;
            _yTitle = string.IsNullOrEmpty(yTitle) ? null : yTitle;
            _legend = legend;
            Y = y;

            int textHeight = BitmapFont.MeasureHeight(scale);
            int tickLabelWidth = 0;
            foreach (double tick in y.Ticks)
            {
                tickLabelWidth = Math.Max(tickLabelWidth, BitmapFont.MeasureWidth(y.Format(tick), scale));
            }

            PlotTop = Margin + (_title is null ? textHeight / 2 : BitmapFont.MeasureHeight(scale + 1) + Margin);
            PlotLeft = Margin + (_yTitle is null ? 0 : textHeight + Margin) + tickLabelWidth + LabelGap + TickLength;
            int right = Margin + (legend.Count == 0 ? 0 : legend.Width + Margin);
            int bottom = TickLength + LabelGap + (xLabelLines * BitmapFont.LineHeight * scale) + (_xTitle is null ? 0 : textHeight + Margin) + Margin;
            PlotWidth = width - PlotLeft - right;
            PlotHeight = height - PlotTop - bottom;
            if (PlotWidth < 20 || PlotHeight < 20)
            {
                throw new ArgumentException($"A {width} x {height} chart leaves no room for its plot ({PlotWidth} x {PlotHeight}); make it larger.");
            }
        }

        public AxisScale Y { get; }

        /// <summary>The plot area's first column.</summary>
        public int PlotLeft { get; }

        /// <summary>The plot area's first row.</summary>
        public int PlotTop { get; }

        public int PlotWidth { get; }

        public int PlotHeight { get; }

        /// <summary>The plot area's last column.</summary>
        public int PlotRight => PlotLeft + PlotWidth - 1;

        /// <summary>The plot area's last row.</summary>
        public int PlotBottom => PlotTop + PlotHeight - 1;

        /// <summary>The top of the first line of x tick or group labels.</summary>
        public int XLabelTop => PlotBottom + TickLength + LabelGap;

        /// <summary>The row of <paramref name="value"/> on the y axis (pixel-centre coordinates).</summary>
        public double YPixel(double value)
        {
            return Y.ToPixel(value, PlotBottom, PlotTop);
        }

        /// <summary>Grid lines and y ticks: drawn first, under the data.</summary>
        public void DrawBackground(Canvas canvas)
        {
            foreach (double tick in Y.Ticks)
            {
                int row = (int)Math.Round(YPixel(tick));
                canvas.FillRect(PlotLeft, row, PlotWidth, 1, Rgb.LightGrey);
            }
        }

        /// <summary>Frame, y tick labels, titles and legend: drawn last, over the data.</summary>
        public void DrawForeground(Canvas canvas)
        {
            var axis = new Rgb(64, 64, 64);
            canvas.DrawRect(PlotLeft - 1, PlotTop - 1, PlotWidth + 2, PlotHeight + 2, axis);
            int capHalf = 7 * _scale / 2;
            foreach (double tick in Y.Ticks)
            {
                int row = (int)Math.Round(YPixel(tick));
                canvas.FillRect(PlotLeft - 1 - TickLength, row, TickLength, 1, axis);
                canvas.DrawText(Y.Format(tick), PlotLeft - 1 - TickLength - LabelGap, row - capHalf, Rgb.Black, _scale, TextAlign.Right);
            }

            int plotMiddle = PlotLeft + (PlotWidth / 2);
            if (_title is not null)
            {
                canvas.DrawText(_title, plotMiddle, Margin, Rgb.Black, _scale + 1, TextAlign.Center);
            }

            if (_xTitle is not null)
            {
                canvas.DrawText(_xTitle, plotMiddle, _height - Margin - BitmapFont.MeasureHeight(_scale), Rgb.Black, _scale, TextAlign.Center);
            }

            if (_yTitle is not null)
            {
                canvas.DrawTextVertical(_yTitle, Margin, PlotTop + (PlotHeight / 2), Rgb.Black, _scale, TextAlign.Center);
            }

            _legend.Draw(canvas, _width - Margin - _legend.Width, PlotTop);
        }
    }
}
