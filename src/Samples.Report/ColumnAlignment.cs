namespace Microsoft.ML.NoisyLabels.Samples.Report
{
    /// <summary>The alignment of a <see cref="MarkdownTable"/> column.</summary>
    public enum ColumnAlignment
    {
        /// <summary>Right for columns whose cells are all numbers (or <see cref="MeanStd"/>), else left.</summary>
        Auto,

        /// <summary>Left-aligned.</summary>
        Left,

        /// <summary>Centred.</summary>
        Center,

        /// <summary>Right-aligned.</summary>
        Right,
    }
}
