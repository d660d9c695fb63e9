using System.Globalization;
using ScottPlot;

namespace Microsoft.ML.NoisyLabels.Samples.Report
{
    /// <summary>
    /// Annotator confusion matrices side by side, the paper's Fig. 3: one column per annotator, one row per source
    /// ("true", then each method such as "ours", "STAPLE", "Spatial STAPLE"), each an L x L heat map with its values
    /// printed in the cells.
    /// </summary>
    /// <remarks>
    /// Matrices are row-major [observed][true], as the library stores them: element (o, t) at index o * L + t is the
    /// probability that the annotator marks class o where the truth is t, so columns sum to 1. Every panel's first row
    /// and column carry the class numbers, and a note under the panels says which axis is which. Cells are coloured
    /// white (0) to dark blue (1); a NaN entry (a class absent from the data) is grey with "n/a", and a null matrix (an
    /// estimate the source does not make) is a hatched grey panel.
    /// </remarks>
    public sealed class ConfusionMatrixFigure : IFigure
    {
        private const int Margin = 12;

        private readonly string[] _annotators;
        private readonly int _classes;
        private readonly List<(string Name, double[]?[] Matrices)> _sources = new();

        /// <summary>A figure with one column per annotator for <paramref name="classes"/> x <paramref name="classes"/> matrices.</summary>
        public ConfusionMatrixFigure(IReadOnlyList<string> annotators, int classes = 2)
        {
            ArgumentNullException.ThrowIfNull(annotators);
            if (annotators.Count == 0)
            {
                throw new ArgumentException("The figure needs at least one annotator.", nameof(annotators));
            }

            ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
            _annotators = annotators.ToArray();
            _classes = classes;
        }

        /// <summary>The title above the panels, or null.</summary>
        public string? Title { get; set; }

        /// <summary>The note under the panels.</summary>
        public string Note { get; set { ArgumentNullException.ThrowIfNull(value); field = value; } } = "rows: observed label, columns: true label; each column sums to 1";

        /// <summary>The side of one matrix cell in pixels.</summary>
        public int CellSize { get; set { ArgumentOutOfRangeException.ThrowIfLessThan(value, 16); field = value; } } = 48;

        /// <summary>The space between panels in pixels.</summary>
        public int Gap { get; set { ArgumentOutOfRangeException.ThrowIfLessThan(value, 2); field = value; } } = 22;

        /// <summary>The decimals printed in the cells.</summary>
        public int Decimals { get; set { ArgumentOutOfRangeException.ThrowIfNegative(value); field = value; } } = 2;

        /// <summary>The number of sources (rows of panels) added so far.</summary>
        public int SourceCount => _sources.Count;

        /// <inheritdoc />
        public int Width => new PanelLayout(this).Width;

        /// <inheritdoc />
        public int Height => new PanelLayout(this).Height;

        /// <summary>
        /// Adds a row of panels: <paramref name="name"/> and one matrix per annotator (L * L values, row-major
        /// [observed][true]) or null where the source has no estimate. The arrays are kept, not copied.
        /// </summary>
        public ConfusionMatrixFigure AddSource(string name, IReadOnlyList<double[]?> matrices)
        {
            ArgumentNullException.ThrowIfNull(name);
            _sources.Add((name, PanelRow.Checked(matrices, _annotators.Length, _classes, _classes, ($"source '{name}'", "matrices"), nameof(matrices))));
            return this;
        }

        /// <summary>
        /// The image pixel of the top-left corner of cell (<paramref name="observed"/>, <paramref name="truth"/>) of the
        /// panel of <paramref name="source"/> and <paramref name="annotator"/>.
        /// </summary>
        public (int X, int Y) CellOrigin(int source, int annotator, int observed, int truth)
        {
            var layout = new PanelLayout(this);
            return (layout.PanelLeft(annotator) + (truth * CellSize), layout.PanelTop(source) + (observed * CellSize));
        }

        /// <inheritdoc />
        public Plot Build()
        {
            var layout = new PanelLayout(this);
            var sheet = new Sheet(layout.Width, layout.Height);
            int panel = _classes * CellSize;
            if (!string.IsNullOrEmpty(Title))
            {
                sheet.Text(Title, layout.Width / 2.0, Margin, Alignment.UpperCenter, FigureStyle.TitleSize, bold: true);
            }

            for (int a = 0; a < _annotators.Length; a++)
            {
                sheet.Text(_annotators[a], layout.PanelLeft(a) + (panel / 2.0), layout.HeaderTop, Alignment.UpperCenter, FigureStyle.LabelSize, bold: true);
            }

            string format = "F" + Decimals.ToString(CultureInfo.InvariantCulture);
            for (int s = 0; s < _sources.Count; s++)
            {
                var (name, matrices) = _sources[s];
                int top = layout.PanelTop(s);
                sheet.Text(name, layout.LabelRight, top + (panel / 2.0), Alignment.MiddleRight, FigureStyle.LabelSize);
                for (int a = 0; a < matrices.Length; a++)
                {
                    int left = layout.PanelLeft(a);
                    if (matrices[a] is double[] matrix)
                    {
                        DrawMatrix(sheet, matrix, left, top, format);
                    }
                    else
                    {
                        sheet.Missing(left, top, panel, panel);
                    }

                    DrawClassNumbers(sheet, left, top);
                }
            }

            sheet.Text(Note, Margin, layout.NoteTop, Alignment.UpperLeft, FigureStyle.TextSize, color: Palette.Ink.WithAlpha(0.8));
            return sheet.Plot;
        }

        private void DrawMatrix(Sheet sheet, double[] matrix, int left, int top, string format)
        {
            for (int o = 0; o < _classes; o++)
            {
                for (int t = 0; t < _classes; t++)
                {
                    double value = matrix[(o * _classes) + t];
                    Color fill = Palette.Heat(value);
                    int x = left + (t * CellSize);
                    int y = top + (o * CellSize);
                    sheet.Fill(x, y, CellSize, CellSize, fill);
                    string text = double.IsNaN(value) ? "n/a" : value.ToString(format, CultureInfo.InvariantCulture);
                    sheet.Text(text, x + (CellSize / 2.0), y + (CellSize / 2.0), Alignment.MiddleCenter, FigureStyle.TextSize, color: Palette.TextOn(fill));
                }
            }

            sheet.Fill(left, top, _classes * CellSize, _classes * CellSize, Colors.Transparent, Palette.Frame);
        }

        // Small class numbers left of the rows (observed) and above the columns (true) of a panel.
        private void DrawClassNumbers(Sheet sheet, int left, int top)
        {
            const float Size = FigureStyle.TextSize - 2;
            var grey = Palette.Ink.WithAlpha(0.6);
            for (int k = 0; k < _classes; k++)
            {
                string label = k.ToString(CultureInfo.InvariantCulture);
                double middle = (k * CellSize) + (CellSize / 2.0);
                sheet.Text(label, left - 3, top + middle, Alignment.MiddleRight, Size, color: grey);
                sheet.Text(label, left + middle, top - 2, Alignment.LowerCenter, Size, color: grey);
            }
        }

        // Positions computed from the figure's current settings; Build and CellOrigin use the same.
        private sealed class PanelLayout
        {
            private readonly int _left;
            private readonly int _gridTop;
            private readonly int _pitch;
            private readonly int _rowPitch;

            public PanelLayout(ConfusionMatrixFigure figure)
            {
                int panel = figure._classes * figure.CellSize;
                HeaderTop = Margin + (string.IsNullOrEmpty(figure.Title) ? 0 : (int)TextWrap.LineHeight(FigureStyle.TitleSize) + Margin);

                // Panels share one pitch, so a long annotator name widens every column alike.
                int columnWidth = Math.Max(panel, (int)Math.Ceiling(TextWrap.Width(figure._annotators, FigureStyle.LabelSize, bold: true)));
                int labelWidth = (int)Math.Ceiling(TextWrap.Width(figure._sources.Select(s => s.Name), FigureStyle.LabelSize));
                LabelRight = Margin + labelWidth;
                _pitch = columnWidth + figure.Gap;
                _left = LabelRight + figure.Gap + ((columnWidth - panel) / 2);
                _gridTop = HeaderTop + (int)TextWrap.LineHeight(FigureStyle.LabelSize) + figure.Gap;
                _rowPitch = panel + figure.Gap;
                NoteTop = _gridTop + (Math.Max(figure._sources.Count, 1) * _rowPitch) - figure.Gap + Margin;
                Height = NoteTop + (int)TextWrap.LineHeight(FigureStyle.TextSize) + Margin;

                int gridRight = _left + ((figure._annotators.Length - 1) * _pitch) + panel + ((columnWidth - panel) / 2);
                double titleWidth = string.IsNullOrEmpty(figure.Title) ? 0 : FigureFont.MeasureWidth(figure.Title, FigureStyle.TitleSize, bold: true);
                double noteWidth = FigureFont.MeasureWidth(figure.Note, FigureStyle.TextSize);
                Width = Math.Max(gridRight + Margin, (int)Math.Ceiling(Math.Max(titleWidth, noteWidth)) + (2 * Margin));
            }

            public int Width { get; }

            public int Height { get; }

            public int HeaderTop { get; }

            public int LabelRight { get; }

            public int NoteTop { get; }

            public int PanelLeft(int annotator) => _left + (annotator * _pitch);

            public int PanelTop(int source) => _gridTop + (source * _rowPitch);
        }
    }
}
