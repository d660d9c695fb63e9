using ScottPlot;

namespace Microsoft.ML.NoisyLabels.Samples.Report
{
    /// <summary>A figure of the report: a ScottPlot plot and the pixel size it is drawn at.</summary>
    public interface IFigure
    {
        /// <summary>The image width in pixels.</summary>
        int Width { get; }

        /// <summary>The image height in pixels.</summary>
        int Height { get; }

        /// <summary>
        /// A new ScottPlot plot of the figure as it stands, in the bundled font (<see cref="FigureFont"/>). The caller
        /// owns it: it may restyle it or save it in another format (SVG, for example) before disposing of it.
        /// </summary>
        Plot Build();
    }

    /// <summary>Drawing and saving figures.</summary>
    public static class FigureExtensions
    {
        /// <summary>The figure as PNG bytes, <see cref="IFigure.Width"/> x <see cref="IFigure.Height"/> pixels.</summary>
        public static byte[] RenderPng(this IFigure figure)
        {
            ArgumentNullException.ThrowIfNull(figure);
            using var plot = figure.Build();
            return plot.GetImageBytes(figure.Width, figure.Height, ImageFormat.Png);
        }

        /// <summary>Writes the figure as a PNG file, creating the folder if needed.</summary>
        public static void SavePng(this IFigure figure, string path)
        {
            byte[] png = figure.RenderPng();
            string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }

            File.WriteAllBytes(path, png);
        }
    }
}
