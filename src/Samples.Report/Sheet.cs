using ScottPlot;
using ScottPlot.Plottables;

namespace Microsoft.ML.NoisyLabels.Samples.Report
{
    /// <summary>
    /// A frameless ScottPlot plot whose coordinates are the image's pixels, measured from the top-left corner: the
    /// panel figures (image grid, confusion matrices) place their maps, cells and text by pixel.
    /// </summary>
    internal sealed class Sheet
    {
        private readonly int _height;

        public Sheet(int width, int height)
        {
            _height = height;
            Plot = FigureStyle.NewPlot();
            Plot.Layout.Frameless();
            Plot.HideGrid();

            // ScottPlot's y axis points up; every method below turns a top-left pixel position into it.
            Plot.Axes.SetLimits(0, width, 0, height);
        }

        public Plot Plot { get; }

        /// <summary>
        /// Text anchored at (<paramref name="x"/>, <paramref name="y"/>): <paramref name="anchor"/> names the point of
        /// the text's box that lies there ("\n" breaks lines).
        /// </summary>
        public Text Text(string text, double x, double y, Alignment anchor, float size, bool bold = false, Color? color = null)
        {
            var label = Plot.Add.Text(text, x, _height - y);
            label.LabelAlignment = anchor;
            label.LabelFontName = FigureFont.Name;
            label.LabelFontSize = size;
            label.LabelBold = bold;
            label.LabelFontColor = color ?? Palette.Ink;
            return label;
        }

        /// <summary>
        /// The <paramref name="rows"/> x <paramref name="columns"/> map <paramref name="values"/> (row-major, 0..1)
        /// filling the given box, one grey level per value, nearest-neighbour (no smoothing between map pixels).
        /// </summary>
        public void Grey(float[] values, int rows, int columns, double left, double top, double width, double height)
        {
            var intensities = new double[rows, columns];
            for (int r = 0; r < rows; r++)
            {
                for (int c = 0; c < columns; c++)
                {
                    intensities[r, c] = values[(r * columns) + c];
                }
            }

            var map = Plot.Add.Heatmap(intensities);
            map.Colormap = new ScottPlot.Colormaps.Grayscale();
            map.ManualRange = new ScottPlot.Range(0, 1);
            map.Smooth = false;
            map.NaNCellColor = Palette.Missing;
            map.Rectangle = Box(left, top, width, height);
        }

        /// <summary>A filled rectangle with an optional outline.</summary>
        public Rectangle Fill(double left, double top, double width, double height, Color fill, Color? outline = null)
        {
            var rectangle = Plot.Add.Rectangle(Box(left, top, width, height));
            rectangle.FillColor = fill;
            rectangle.LineWidth = outline is null ? 0 : 1;
            rectangle.LineColor = outline ?? fill;
            return rectangle;
        }

        /// <summary>The mark of a missing map or matrix: grey with darker diagonal stripes.</summary>
        public void Missing(double left, double top, double width, double height)
        {
            var rectangle = Fill(left, top, width, height, Palette.Missing);
            rectangle.FillHatch = new ScottPlot.Hatches.Striped();
            rectangle.FillHatchColor = Palette.MissingHatch;
        }

        private CoordinateRect Box(double left, double top, double width, double height)
            => new(left, left + width, _height - top - height, _height - top);
    }
}
