namespace Microsoft.ML.NoisyLabels.Samples.Report
{
    /// <summary>A figure that can be drawn on a new <see cref="Canvas"/>.</summary>
    public interface IFigure
    {
        /// <summary>Draws the figure on a new canvas sized to fit it.</summary>
        Canvas Render();
    }

    /// <summary>Saving figures.</summary>
    public static class FigureExtensions
    {
        /// <summary>Renders <paramref name="figure"/> and writes it as a PNG file, creating the folder if needed.</summary>
        public static void SavePng(this IFigure figure, string path)
        {
            ArgumentNullException.ThrowIfNull(figure);
            figure.Render().SavePng(path);
        }
    }
}
