using ScottPlot;

namespace Microsoft.ML.NoisyLabels.Samples.Report
{
    /// <summary>A named curve of a <see cref="LineChartFigure"/>.</summary>
    /// <param name="Name">The legend entry.</param>
    /// <param name="Points">The points in drawing order; a point with a NaN or infinite coordinate breaks the curve.</param>
    /// <param name="Color">The colour; null takes the palette colour of the series' index.</param>
    public sealed record LineSeries(string Name, IReadOnlyList<(double X, double Y)> Points, Color? Color = null);
}
