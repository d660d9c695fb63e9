namespace Microsoft.ML.NoisyLabels.Samples.Report
{
    /// <summary>Which point of a line of text the x coordinate given to <see cref="Canvas.DrawText"/> names.</summary>
    public enum TextAlign
    {
        /// <summary>x is the left edge of the text.</summary>
        Left,

        /// <summary>x is the middle of the text.</summary>
        Center,

        /// <summary>x is the right edge of the text (one past its last pixel).</summary>
        Right,
    }
}
