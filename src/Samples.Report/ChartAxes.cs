using ScottPlot;

namespace Microsoft.ML.NoisyLabels.Samples.Report
{
    /// <summary>What the two charts share: titles, tick labels, the legend and the y range.</summary>
    internal static class ChartAxes
    {
        /// <summary>Sets the title, the axis titles and the text sizes of a chart.</summary>
        public static void Label(Plot plot, string? title, string? xTitle, string? yTitle)
        {
            if (!string.IsNullOrEmpty(title))
            {
                plot.Title(title, FigureStyle.TitleSize);
            }

            if (!string.IsNullOrEmpty(xTitle))
            {
                plot.XLabel(xTitle, FigureStyle.LabelSize);
                plot.Axes.Bottom.Label.Bold = false;
            }

            if (!string.IsNullOrEmpty(yTitle))
            {
                plot.YLabel(yTitle, FigureStyle.LabelSize);
                plot.Axes.Left.Label.Bold = false;
            }
        }

        /// <summary>Shows the legend right of the plot, so that it never hides data.</summary>
        public static void Legend(Plot plot)
        {
            plot.ShowLegend(Edge.Right);
            plot.Legend.ShadowColor = Colors.Transparent;
            plot.Legend.OutlineColor = Palette.Frame;
        }

        /// <summary>
        /// The y range for data in <paramref name="min"/>..<paramref name="max"/>: each free end padded by
        /// <paramref name="padding"/> of the range, never across zero (non-negative data keeps a non-negative axis);
        /// an end given in <paramref name="fixedMin"/> or <paramref name="fixedMax"/> stays where it is. An empty range
        /// widens so that a constant series still gets an axis.
        /// </summary>
        public static (double Low, double High) Range(double min, double max, double? fixedMin, double? fixedMax, double padding)
        {
            if (!(min <= max))
            {
                (min, max) = (0, 1);
            }

            double spread = max - min;
            if (spread <= Math.Max(Math.Abs(min), Math.Abs(max)) * 1e-12)
            {
                spread = min == 0 ? 1 : Math.Abs(min) * 0.2;
                min -= spread / 2;
                max += spread / 2;
            }

            double pad = spread * padding;
            double low = fixedMin ?? (min >= 0 ? Math.Max(0, min - pad) : min - pad);
            double high = fixedMax ?? (max <= 0 ? Math.Min(0, max + pad) : max + pad);
            return (low, high);
        }
    }
}
