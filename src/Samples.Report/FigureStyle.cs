using ScottPlot;

namespace Microsoft.ML.NoisyLabels.Samples.Report
{
    /// <summary>The look that every figure shares: font, sizes and colours of text.</summary>
    internal static class FigureStyle
    {
        /// <summary>Figure titles (bold).</summary>
        public const float TitleSize = 18;

        /// <summary>Axis titles, column and row headers.</summary>
        public const float LabelSize = 14;

        /// <summary>Tick labels, legend entries, values printed in cells and over bars.</summary>
        public const float TextSize = 12;

        /// <summary>
        /// A new plot on a white background whose title, axis labels, tick labels and legend use the bundled font.
        /// </summary>
        /// <remarks>
        /// The font is named on each of the plot's labels rather than through <c>plot.Font.Set</c>, which also makes
        /// its regular face ScottPlot's process-wide default typeface: bold text would then come out regular.
        /// </remarks>
        public static Plot NewPlot()
        {
            FigureFont.Register();
            var plot = new Plot();
            plot.FigureBackground.Color = Colors.White;
            plot.DataBackground.Color = Colors.White;
            plot.Axes.Title.Label.FontName = FigureFont.Name;
            plot.Axes.Title.Label.ForeColor = Palette.Ink;
            foreach (var axis in plot.Axes.GetAxes())
            {
                axis.Label.FontName = FigureFont.Name;
                axis.Label.ForeColor = Palette.Ink;
                axis.TickLabelStyle.FontName = FigureFont.Name;
                axis.TickLabelStyle.FontSize = TextSize;
                axis.TickLabelStyle.ForeColor = Palette.Ink;
            }

            plot.Legend.FontName = FigureFont.Name;
            plot.Legend.FontSize = TextSize;
            plot.Legend.FontColor = Palette.Ink;
            return plot;
        }
    }
}
